"""Faults under central mode, timed: what a person at the kiosk sees, and how soon it works again.

What it measures
    Central mode as bench/load.py starts it (gunicorn with scripts/gunicorn.conf.py, redis-server
    without persistence), on the test flows (tests/fixtures). One person answers two screens, then:
      redis frozen     SIGSTOP on redis-server: the next tap's status and time; then SIGCONT and
                       the time until a tap works again with the answers still there
      worker killed    SIGKILL on every gunicorn worker: the next tap's status and time (gunicorn
                       starts new workers), and whether the answers are still there
      server restart   the whole gunicorn stopped and started: time until it answers, and whether
                       the open screen's next answer is accepted (one shared KIOSK_SECRET_KEY)
      redis restarted  redis-server killed and started again (empty: no persistence): the tap while
                       it is down, then the time until the kiosk serves again without a restart
    The same-run baseline is the same tap with nothing broken.

How to run
    .venv/bin/python bench/faults.py          (about a minute; `make bench-faults`)

Exit status is 0 unless a server could not be started. The tests in tests/web/test_central_mode.py,
test_store_faults.py and test_server_answers.py assert the behaviour; this prints the times.
"""
import http.client
import http.cookies
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from servers import HOST, ROOT, Servers, emit, redis_command, stop, tree

sys.path.insert(0, str(ROOT))
from tests.page import Page  # noqa: E402 - the repo's own parser for the kiosk's pages

FIXTURES = ROOT / "tests" / "fixtures"


class Person:
    def __init__(self, port):
        self.port, self.cookie, self.token = port, None, None

    def tap(self, method, path, form=None, timeout=15):
        """(status, seconds, page text) of one request, as the kiosk browser sends it."""
        body = urlencode({**form, "csrf_token": self.token or ""}, doseq=True) if form is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        if self.cookie:
            headers["Cookie"] = f"kiosk={self.cookie}"
        started = time.monotonic()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            return type(exc).__name__, time.monotonic() - started, ""
        finally:
            conn.close()
        jar = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        if "kiosk" in jar:
            self.cookie = jar["kiosk"].value
        text = ""
        if response.headers.get_content_type() == "text/html":
            page = Page(data.decode("utf-8", "replace"))
            self.token = page.csrf_token() or self.token
            text = page.main.text()
        return response.status, time.monotonic() - started, text

    def until_ok(self, path, limit=30):
        """Seconds until GET `path` answers 200, and that page's text."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            status, _, text = self.tap("GET", path, timeout=5)
            if status == 200:
                return time.monotonic() - started, text
            time.sleep(0.05)
        return float("nan"), ""


def begin(servers, name):
    person = Person(servers.port)
    person.tap("GET", "/flow/journey/hvem")
    person.tap("POST", "/flow/journey/hvem", {"answer": "kommunen"})
    person.tap("GET", "/flow/journey/hvad")
    person.tap("POST", "/flow/journey/hvad", {"answer": ["penge", "hoert"]})
    person.tap("POST", "/flow/journey/hvornaar", {"day": "12", "month": "11", "year": "2026"})
    person.tap("POST", "/flow/journey/navn", {"answer": name})
    return person


def figure(name, status, seconds):
    emit(name, f"{status} in {seconds * 1000:.0f} ms")


def main():
    folder = Path(tempfile.mkdtemp(prefix="kiosk-faults-"))
    servers = Servers("central", folder, workers=3, extra_env={"KIOSK_CONTENT_DIR": str(FIXTURES)})
    servers.start()
    try:
        emit("server", "gunicorn (3 workers) + redis-server, tests/fixtures flows")
        person = begin(servers, "Bench Faults")
        status, seconds, _ = person.tap("GET", "/flow/journey/tjek")
        figure("baseline_tap", status, seconds)

        os.kill(servers.redis_proc.pid, signal.SIGSTOP)
        status, seconds, text = person.tap("GET", "/flow/journey/tjek")
        figure("redis_frozen_tap", status, seconds)
        emit("redis_frozen_page_is_kind", "Det er ikke din skyld" in text)
        os.kill(servers.redis_proc.pid, signal.SIGCONT)
        seconds, text = person.until_ok("/flow/journey/tjek")
        emit("redis_thawed_until_ok_ms", f"{seconds * 1000:.0f}")
        emit("redis_thawed_answers_kept", "Bench Faults" in text)

        workers = [pid for pid in tree(servers.kiosk.pid) if pid != servers.kiosk.pid]
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        status, seconds, text = person.tap("GET", "/flow/journey/tjek", timeout=30)
        figure("workers_killed_next_tap", status, seconds)
        emit("workers_killed_answers_kept", "Bench Faults" in text)

        person.tap("GET", "/flow/journey/navn")  # an open screen, with its token
        stop(servers.kiosk)
        restart = time.monotonic()
        servers.start()
        emit("server_restart_until_answering_ms", f"{(time.monotonic() - restart) * 1000:.0f}")
        status, seconds, _ = person.tap("POST", "/flow/journey/navn", {"answer": "Bench Faults"})
        figure("server_restart_open_screen_answer", status, seconds)

        servers.redis_proc.kill()
        servers.redis_proc.wait()
        status, seconds, text = person.tap("GET", "/flow/journey/tjek")
        figure("redis_down_tap", status, seconds)
        emit("redis_down_page_is_kind", "Det er ikke din skyld" in text)
        port = servers.redis.connection_pool.connection_kwargs["port"]
        with open(folder / "redis-again.log", "wb") as log:
            servers.redis_proc = subprocess.Popen(redis_command(port, folder), stdout=log, stderr=subprocess.STDOUT)
        seconds, _ = person.until_ok("/")
        emit("redis_restarted_until_ok_ms", f"{seconds * 1000:.0f}")
        status, _, _ = person.tap("GET", "/flow/journey/tjek")
        emit("redis_restarted_old_visit", f"{status} (its answers were only in Redis: the flow starts again)")
        emit("tracebacks_in_server_log", (folder / "kiosk.log").read_text(errors="replace").count("Traceback"))
    finally:
        servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
