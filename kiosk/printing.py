"""Print PDF bytes through CUPS: `lp` reads them on stdin, so no file is written.

The job title is always generic: a name in a job title would end up in the spooler's
records and, on Windows, in the PrintService event log.

Printing runs on the print desk's own threads, never on a server thread: a hung cupsd once
held every server thread for 30 s per print and froze the start page for everyone. Every
CUPS command has a short timeout. A job that has not printed within the desk's time limit
(a paused or offline printer) is cancelled, so a letter never waits in the spool for whoever
comes to the printer later, and the person is told it did not print.
"""
import queue as queues
import re
import secrets
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field

JOB_TITLE = "Brev"
_REQUEST_ID = re.compile(r"request id is (\S+)")
LP_SECONDS = 5       # handing the PDF to cupsd; a healthy cupsd takes well under a second
LPSTAT_SECONDS = 3
CANCEL_SECONDS = 5
# The states a print can be in. "pending" until the desk knows; then one of the others.
PENDING, DONE, NOT_PRINTED, FAILED, NO_PRINTER = "pending", "done", "not-printed", "failed", "no-printer"


@dataclass
class PrintResult:
    state: str
    jobs: list = field(default_factory=list)


def _run(args, timeout, data=None):
    """(return code, stdout) of a CUPS command, or None when it cannot run or does not answer."""
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.returncode, done.stdout.decode("utf-8", "replace")


def _server(server):
    """`-h host:port` sends the command to the centre's own CUPS over IPP (central mode: the
    server is not at the centre); nothing means the CUPS on this PC."""
    return ["-h", server] if server else []


def submit(pdf, queue, title=JOB_TITLE, timeout=LP_SECONDS, server=""):
    """Hand one PDF to `lp`; the CUPS job id, or None when CUPS refused it or did not answer."""
    lp = shutil.which("lp")
    if lp is None:
        return None
    answer = _run([lp, *_server(server), "-d", queue, "-t", title, "-o", "job-sheets=none"], timeout, pdf)
    match = _REQUEST_ID.search(answer[1]) if answer else None
    return match.group(1) if answer and answer[0] == 0 and match else None


def job_pending(job, queue, server=""):
    """True while the job waits or prints, False once it is gone, None when CUPS does not answer."""
    answer = _run(["lpstat", *_server(server), "-W", "not-completed", "-o", queue], LPSTAT_SECONDS)
    if answer is None or answer[0] != 0:
        return None
    return any(line.split()[:1] == [job] for line in answer[1].splitlines())


def cancel(job, server=""):
    """Cancel the job and delete its spool file (-x); plain cancel where -x is refused."""
    answer = _run(["cancel", *_server(server), "-x", job], CANCEL_SECONDS)
    if answer is None or answer[0] != 0:
        _run(["cancel", *_server(server), job], CANCEL_SECONDS)


def print_pdfs(pdfs, queue, limit_seconds, poll=0.2, clock=time.monotonic, server=""):
    """Print the PDFs as one request (a letter and its sheet) and wait for them to leave the queue.

    Within `limit_seconds` of the start every job must have printed; otherwise every job still
    waiting is cancelled and the answer is "not-printed". "failed" when CUPS refused or did not
    answer; then jobs already queued are cancelled too, since the person is told to print here.
    """
    if not queue:
        return PrintResult(NO_PRINTER)
    deadline = clock() + limit_seconds
    jobs = []
    for pdf in pdfs:
        job = submit(pdf, queue, timeout=max(0.5, min(LP_SECONDS, deadline - clock())), server=server)
        if job is None:
            _cancel_waiting(jobs, queue, server)
            return PrintResult(FAILED, jobs)
        jobs.append(job)
    while clock() < deadline:
        if all(job_pending(job, queue, server) is False for job in jobs):
            return PrintResult(DONE, jobs)
        time.sleep(poll)
    _cancel_waiting(jobs, queue, server)
    return PrintResult(NOT_PRINTED, jobs)


def _cancel_waiting(jobs, queue, server=""):
    for job in jobs:
        if job_pending(job, queue, server) is not False:
            cancel(job, server)


class PrintDesk:
    """Runs prints on its own few threads and keeps each print's state in the kiosk's store.

    The store holds only the state word under a random ticket (never the PDF), expires with it,
    and is shared by every server process in a central deployment, so any of them can answer
    "has it printed?". The PDFs live in memory only until their job has been handed to CUPS.
    """

    prefix = "print-"

    def __init__(self, store, limit_seconds, workers=2, printer=print_pdfs):
        self.store, self.limit_seconds, self.workers, self.printer = store, limit_seconds, workers, printer
        self._work = queues.Queue()
        self._threads = []
        self._lock = threading.Lock()

    def submit(self, pdfs, queue, server=""):
        """Queue a print and return its ticket at once; the state starts as pending."""
        ticket = secrets.token_urlsafe(16)
        self._set(ticket, PENDING)
        self._start()
        self._work.put((ticket, pdfs, (queue, server), time.monotonic() + self.limit_seconds))
        return ticket

    def state(self, ticket):
        """The print's state, or None for a ticket the store does not know (expired, or wiped)."""
        return self.store.get(self.prefix + ticket).get("state") if ticket else None

    def wait(self, ticket, seconds, poll=0.05):
        """The state after at most `seconds`: a quick answer saves the person a waiting screen."""
        end = time.monotonic() + seconds
        while self.state(ticket) == PENDING and time.monotonic() < end:
            time.sleep(poll)
        return self.state(ticket)

    def join(self):
        """Wait until every print handed in so far has its answer."""
        self._work.join()

    def _set(self, ticket, state):
        self.store.put(self.prefix + ticket, {"state": state})

    def _start(self):
        with self._lock:
            while len(self._threads) < self.workers:
                thread = threading.Thread(target=self._serve, name="print-desk", daemon=True)
                thread.start()
                self._threads.append(thread)

    def _serve(self):
        while True:
            ticket, pdfs, (queue, server), deadline = self._work.get()
            try:
                left = deadline - time.monotonic()
                # Prints queued behind a hung cupsd run out of time before they start: they fail
                # at once rather than reaching the printer long after the person was told.
                state = self.printer(pdfs, queue, left, server=server).state if left > 0 else FAILED
            except Exception:  # noqa: BLE001 - a print must never leave its person on "pending"
                state = FAILED
            del pdfs
            try:
                self._set(ticket, state)
            except Exception:  # noqa: BLE001 - the store is down; the page will say it does not know
                pass
            finally:
                self._work.task_done()
