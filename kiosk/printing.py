"""Print PDF bytes through CUPS: `lp` reads them on stdin, so no file is written.

The job title is always generic: a name in a job title would end up in the spooler's
records and, on Windows, in the PrintService event log.
"""
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

JOB_TITLE = "Brev"
_REQUEST_ID = re.compile(r"request id is (\S+)")


@dataclass
class PrintResult:
    state: str  # "done" | "sent" | "failed" | "no-printer"
    job: str = ""


def print_pdf(pdf, queue, title=JOB_TITLE, wait_seconds=8.0, poll=0.2):
    """Send the PDF to `queue` and wait briefly to see it leave the queue."""
    if not queue:
        return PrintResult("no-printer")
    lp = shutil.which("lp")
    if lp is None:
        return PrintResult("failed")
    try:
        result = subprocess.run([lp, "-d", queue, "-t", title, "-o", "job-sheets=none"],
                                input=pdf, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return PrintResult("failed")
    match = _REQUEST_ID.search(result.stdout.decode("utf-8", "replace"))
    if result.returncode != 0 or not match:
        return PrintResult("failed")
    job = match.group(1)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if not job_pending(job, queue):
            return PrintResult("done", job)
        time.sleep(poll)
    return PrintResult("sent", job)


def job_pending(job, queue):
    """True while the job is still waiting or printing."""
    try:
        out = subprocess.run(["lpstat", "-W", "not-completed", "-o", queue],
                             capture_output=True, timeout=10).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.split()[:1] == [job] for line in out.splitlines())
