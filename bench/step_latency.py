"""Step latency under concurrent kiosks, against a static file served by the same server.

What it measures
    Starts the kiosk with `python -m kiosk` (waitress, KIOSK_THREADS=8) on a free loopback
    port, then simulates N concurrent kiosks (N = 20, then N = 50), one thread and one
    `kiosk` cookie each. Every simulated kiosk repeats one realistic step:

        GET  /flow/rettigheder/hvilken    (step page; the hidden csrf_token is parsed from it)
        POST /flow/rettigheder/hvilken    csrf_token=<token>&answer=bisidder  (expects 303,
                                          not followed; the POST alone is timed)
        GET  /flow/rettigheder/bisidder   (the info page the answer leads to)

    and each request is timed on its own (send to last body byte, keep-alive connection).
    Baseline, same run, same server, same concurrency, same cookies: GET /static/<file>,
    where <file> is the existing file under static/css, static/js or static/vendor/icons
    whose size is closest to the step page's size (measured first; both are printed).

    Each phase runs after a short warm-up and stops by itself at MAX_REQUESTS requests or
    MAX_SECONDS seconds, whichever comes first. Only 127.0.0.1 is contacted. The clients
    run on the same machine as the server and share its cores, for both the step and the
    baseline phase alike.

Target
    step p95 <= 2x static p95 (at each N). The script only reports; it never asserts.

Output (`name: value` lines)
    step_p50_ms_<N>, step_p95_ms_<N>        all three step requests pooled (successful ones)
    static_p50_ms_<N>, static_p95_ms_<N>    the static baseline
    ratio_step_p95_to_static_p95_<N>
    errors_<N>, requests_<N>                step-phase requests that failed / were sent
    plus per-request breakdowns (step_get_*, step_post_*, step_info_*), static_errors_<N>,
    static_requests_<N>, throughput, and `target: step p95 <= 2x static p95`.
    Errors are: wrong status (GET != 200, POST != 303 to .../bisidder), no csrf_token in
    the page, or a connection error/timeout. Failed requests are left out of percentiles.

How to run (from the repo root)
    .venv/bin/python bench/step_latency.py

Exit status is 0 unless the server could not be started.
"""
import http.client
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from local_server import HOST, START_TIMEOUT, free_port, start_server, stop_server, wait_until_up
from stats import fmt, percentile  # bench/ is the script's own folder

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = (20, 50)
MAX_REQUESTS = 3000      # per phase (step phase and static phase, each)
MAX_SECONDS = 25.0       # per phase
WARMUP_LOOPS = 2         # full step loops per simulated kiosk before measuring
REQUEST_TIMEOUT = 10.0

STEP_URL = "/flow/rettigheder/hvilken"
INFO_URL = "/flow/rettigheder/bisidder"
ANSWER = "bisidder"
STATIC_DIRS = ("css", "js", "vendor/icons")

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrf_token"')
COOKIE_RE = re.compile(r"(?:^|[;,]\s*)kiosk=([^;,\s]+)")


class Kiosk:
    """One simulated kiosk: a keep-alive connection and its own `kiosk` cookie."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None):
        """Returns (status, headers, body_bytes, seconds); raises OSError/HTTPException."""
        headers = {"Accept": "text/html", "Accept-Language": "da"}
        if self.cookie:
            headers["Cookie"] = f"kiosk={self.cookie}"
        if body is not None:
            body = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = self._connection()
        try:
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            elapsed = time.perf_counter() - t0
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        for value in resp.msg.get_all("Set-Cookie") or ():
            m = COOKIE_RE.search(value)
            if m:
                self.cookie = m.group(1)
        if resp.will_close:
            self.close()
        return resp.status, resp.msg, data, elapsed

    def step_loop(self, record):
        """One realistic step; `record(kind, seconds_or_None)` is called for each request."""
        try:
            status, _, page, secs = self.request("GET", STEP_URL)
        except (OSError, http.client.HTTPException):
            record("get", None)
            return
        token = None
        if status == 200:
            m = CSRF_RE.search(page.decode("utf-8", "replace"))
            token = m and (m.group(1) or m.group(2))
        record("get", secs if (status == 200 and token) else None)
        if not token:
            return
        try:
            status, headers, _, secs = self.request(
                "POST", STEP_URL, {"csrf_token": token, "answer": ANSWER})
            location = headers.get("Location", "")
            ok = status == 303 and urllib.parse.urlsplit(location).path == INFO_URL
        except (OSError, http.client.HTTPException):
            ok, secs = False, None
        record("post", secs if ok else None)
        try:
            status, _, _, secs = self.request("GET", INFO_URL)
            ok = status == 200
        except (OSError, http.client.HTTPException):
            ok = False
        record("info", secs if ok else None)

    def static_get(self, path, record):
        try:
            status, _, _, secs = self.request("GET", path)
            record("static", secs if status == 200 else None)
        except (OSError, http.client.HTTPException):
            record("static", None)


class Phase:
    """Shared request budget and results for one measured phase."""

    def __init__(self, max_requests, max_seconds):
        self.max_requests = max_requests
        self.deadline = time.monotonic() + max_seconds
        self.lock = threading.Lock()
        self.reserved = 0
        self.times = {}
        self.errors = 0
        self.sent = 0
        self.started = time.perf_counter()
        self.ended = None

    def reserve(self, count):
        with self.lock:
            if time.monotonic() >= self.deadline or self.reserved + count > self.max_requests:
                return False
            self.reserved += count
            return True

    def record(self, kind, seconds):
        with self.lock:
            self.sent += 1
            if seconds is None:
                self.errors += 1
            else:
                self.times.setdefault(kind, []).append(seconds * 1000.0)


def run_phase(kiosks, action, per_loop, max_requests, max_seconds):
    phase = Phase(max_requests, max_seconds)
    start = threading.Barrier(len(kiosks))

    def worker(kiosk):
        start.wait()
        while phase.reserve(per_loop):
            action(kiosk, phase.record)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in kiosks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + 2 * REQUEST_TIMEOUT + 5)
    phase.ended = time.perf_counter()
    return phase


def pick_static_file(target_size):
    static = ROOT / "static"
    best = None
    for sub in STATIC_DIRS:
        base = static / sub
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.is_file():
                size = path.stat().st_size
                key = (abs(size - target_size), str(path))
                if best is None or key < best[0]:
                    best = (key, path, size)
    if best is None:
        return None, 0
    return "/static/" + best[1].relative_to(static).as_posix(), best[2]


def emit(name, value):
    print(f"{name}: {value}", flush=True)


def measure(port, n, static_path):
    kiosks = [Kiosk(port) for _ in range(n)]
    try:
        # Warm-up: every kiosk gets its cookie, templates and connections are warm.
        warm = run_phase(kiosks, lambda k, rec: k.step_loop(rec), 3,
                         WARMUP_LOOPS * 3 * n, 10.0)
        run_phase(kiosks, lambda k, rec: k.static_get(static_path, rec), 1, n, 10.0)
        emit(f"warmup_errors_{n}", warm.errors)

        step = run_phase(kiosks, lambda k, rec: k.step_loop(rec), 3, MAX_REQUESTS, MAX_SECONDS)
        static = run_phase(kiosks, lambda k, rec: k.static_get(static_path, rec), 1,
                           MAX_REQUESTS, MAX_SECONDS)
    finally:
        for k in kiosks:
            k.close()

    step_all = [t for kind in ("get", "post", "info") for t in step.times.get(kind, [])]
    static_all = static.times.get("static", [])
    step_p95, static_p95 = percentile(step_all, 95), percentile(static_all, 95)
    ratio = step_p95 / static_p95 if step_p95 is not None and static_p95 else None

    emit(f"step_p50_ms_{n}", fmt(percentile(step_all, 50)))
    emit(f"step_p95_ms_{n}", fmt(step_p95))
    emit(f"static_p50_ms_{n}", fmt(percentile(static_all, 50)))
    emit(f"static_p95_ms_{n}", fmt(static_p95))
    emit(f"ratio_step_p95_to_static_p95_{n}", fmt(ratio))
    emit(f"errors_{n}", step.errors)
    emit(f"requests_{n}", step.sent)
    for kind, label in (("get", "step_get"), ("post", "step_post"), ("info", "step_info")):
        values = step.times.get(kind, [])
        emit(f"{label}_p50_ms_{n}", fmt(percentile(values, 50)))
        emit(f"{label}_p95_ms_{n}", fmt(percentile(values, 95)))
        emit(f"{label}_max_ms_{n}", fmt(max(values) if values else None))
    emit(f"static_max_ms_{n}", fmt(max(static_all) if static_all else None))
    emit(f"static_errors_{n}", static.errors)
    emit(f"static_requests_{n}", static.sent)
    emit(f"step_seconds_{n}", fmt(step.ended - step.started))
    emit(f"static_seconds_{n}", fmt(static.ended - static.started))
    emit(f"step_req_per_s_{n}", fmt(step.sent / max(step.ended - step.started, 1e-9), 1))
    emit(f"static_req_per_s_{n}", fmt(static.sent / max(static.ended - static.started, 1e-9), 1))


def main():
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    port = free_port()
    proc = start_server(port, tmp / "settings.json")
    try:
        if not wait_until_up(proc, port):
            print(f"error: the kiosk did not answer GET / on {HOST}:{port} within "
                  f"{START_TIMEOUT:.0f} s (exit code {proc.poll()})", file=sys.stderr)
            return 1
        probe = Kiosk(port)
        try:
            status, _, page, _ = probe.request("GET", STEP_URL)
        except (OSError, http.client.HTTPException) as exc:
            status, page = f"error {type(exc).__name__}", b""
        finally:
            probe.close()
        emit("step_page_status", status)
        emit("step_page_bytes", len(page))
        static_path, static_size = pick_static_file(len(page))
        if static_path is None:
            print("error: no static file found under static/", file=sys.stderr)
            return 1
        emit("static_file", static_path)
        emit("static_file_bytes", static_size)
        emit("max_requests_per_phase", MAX_REQUESTS)
        emit("max_seconds_per_phase", fmt(MAX_SECONDS, 0))
        for n in CONCURRENCY:
            measure(port, n, static_path)
        emit("target", "step p95 <= 2x static p95")
    finally:
        stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
