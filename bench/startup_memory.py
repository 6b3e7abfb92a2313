"""Cold start to first served page, and idle memory, against a minimal Flask-on-waitress app.

What it measures
    Cold start: time from Popen of `python -m kiosk` (KIOSK_HOST=127.0.0.1, a free port, a
    fresh temp KIOSK_SETTINGS_FILE, KIOSK_THREADS=8) to the first 200 answer to `GET /`,
    polling every 10 ms. 5 measured runs (after 1 unmeasured warm-up run, so the OS page
    cache and .pyc files are warm); median and min are printed.
    Idle RSS: VmRSS from /proc/<pid>/status of the server process, read 0.5 s after its first
    200 (median over the 5 runs), and again on the last run after 200 further sequential
    requests, alternating `GET /` and the flow step `GET /flow/rettigheder/hvilken`, with one
    `kiosk` cookie (so a visit exists, as on a real kiosk).
    Baseline, same run, measured the same way: a minimal Flask app (one route returning
    "ok") served by `waitress.serve(app, host=..., port=..., threads=8)`, written to a temp
    file. Kiosk and baseline runs are interleaved so drift in machine load hits both.

    Only 127.0.0.1 is contacted; every server is stopped (terminate, then kill after 5 s).

Target
    idle RSS <= 60 MB, cold start <= 1.5 s. The script only reports; it never asserts.

Output (`name: value` lines)
    cold_start_median_s, cold_start_min_s, idle_rss_mb, rss_after_200_mb,
    baseline_cold_start_median_s, baseline_idle_rss_mb, ratio_cold_start (kiosk median /
    baseline median), ratio_idle_rss (kiosk / baseline), a few extra lines (max, peak RSS,
    baseline RSS after 200 requests), and `target: idle RSS <= 60 MB, cold start <= 1.5 s`.
    MB here is MiB (VmRSS kB / 1024).

How to run (from the repo root)
    .venv/bin/python bench/startup_memory.py

Exit status is 0 unless a server could not be started.
"""
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from local_server import HOST, free_port, stop_server  # bench/ is the script's own folder

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
WARMUP_RUNS = 1
POLL_SECONDS = 0.010
START_TIMEOUT = 30.0
SETTLE_SECONDS = 0.5
LOAD_REQUESTS = 200
STEP_URL = "/flow/rettigheder/hvilken"

BASELINE_APP = '''\
import sys

from flask import Flask
import waitress

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


if __name__ == "__main__":
    waitress.serve(app, host=sys.argv[1], port=int(sys.argv[2]), threads=8)
'''

COOKIE_RE = re.compile(r"(?:^|[;,]\s*)kiosk=([^;,\s]+)")


class StartFailed(RuntimeError):
    pass


def rss_kb(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def mb(kb):
    return None if kb is None else kb / 1024.0


def fmt(value, digits=3):
    return "nan" if value is None else f"{value:.{digits}f}"


def get(port, path, cookie=None, timeout=2.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Cookie": f"kiosk={cookie}"} if cookie else {}
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        new_cookie = cookie
        for value in resp.msg.get_all("Set-Cookie") or ():
            m = COOKIE_RE.search(value)
            if m:
                new_cookie = m.group(1)
        return resp.status, new_cookie
    finally:
        conn.close()


def cold_start(argv, env, label):
    """Start a server; return (proc, port, seconds to first 200 on GET /)."""
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in argv]
    env = {k: v.replace("{port}", str(port)) for k, v in env.items()}
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + START_TIMEOUT
    while True:
        try:
            status, _ = get(port, "/")
            if status == 200:
                return proc, port, time.perf_counter() - t0
        except (OSError, http.client.HTTPException):
            pass
        if proc.poll() is not None or time.perf_counter() > deadline:
            stop_server(proc)
            raise StartFailed(f"{label} did not answer GET / with 200 on {HOST}:{port} "
                              f"within {START_TIMEOUT:.0f} s (exit code {proc.poll()})")
        time.sleep(POLL_SECONDS)


def load(port, paths):
    """LOAD_REQUESTS sequential GETs cycling through paths, keeping the kiosk cookie."""
    cookie, errors = None, 0
    for i in range(LOAD_REQUESTS):
        try:
            status, cookie = get(port, paths[i % len(paths)], cookie, timeout=10.0)
            errors += status != 200
        except (OSError, http.client.HTTPException):
            errors += 1
    return errors


def emit(name, value):
    print(f"{name}: {value}", flush=True)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        baseline_file = tmp / "baseline_app.py"
        baseline_file.write_text(BASELINE_APP, encoding="utf-8")
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        base_env["PYTHONUNBUFFERED"] = "1"
        kiosk_env = dict(base_env, KIOSK_HOST=HOST, KIOSK_PORT="{port}", KIOSK_THREADS="8")

        servers = {
            "kiosk": ([sys.executable, "-m", "kiosk"], ["/", STEP_URL]),
            "baseline": ([sys.executable, str(baseline_file), HOST, "{port}"], ["/"]),
        }
        starts = {name: [] for name in servers}
        idle = {name: [] for name in servers}
        peak = {name: [] for name in servers}
        after = {}
        load_errors = {}

        total = WARMUP_RUNS + RUNS
        for run in range(total):
            for name, (argv, paths) in servers.items():
                env = base_env
                if name == "kiosk":
                    # A fresh, absent settings file per run: defaults, as on a new install.
                    env = dict(kiosk_env, KIOSK_SETTINGS_FILE=str(tmp / f"settings-{run}.json"))
                proc, port, seconds = cold_start(argv, env, name)
                try:
                    time.sleep(SETTLE_SECONDS)
                    if run >= WARMUP_RUNS:
                        starts[name].append(seconds)
                        idle[name].append(rss_kb(proc.pid))
                        if run == total - 1:
                            load_errors[name] = load(port, paths)
                            time.sleep(SETTLE_SECONDS)
                            after[name] = rss_kb(proc.pid)
                            peak[name].append(rss_kb(proc.pid, "VmHWM"))
                finally:
                    stop_server(proc)

        def median(values):
            values = [v for v in values if v is not None]
            return statistics.median(values) if values else None

        k_start, b_start = median(starts["kiosk"]), median(starts["baseline"])
        k_idle, b_idle = mb(median(idle["kiosk"])), mb(median(idle["baseline"]))

        emit("runs", RUNS)
        emit("cold_start_median_s", fmt(k_start))
        emit("cold_start_min_s", fmt(min(starts["kiosk"])))
        emit("cold_start_max_s", fmt(max(starts["kiosk"])))
        emit("idle_rss_mb", fmt(k_idle, 1))
        emit("rss_after_200_mb", fmt(mb(after.get("kiosk")), 1))
        emit("peak_rss_after_200_mb", fmt(mb(median(peak["kiosk"])), 1))
        emit("load_errors", load_errors.get("kiosk"))
        emit("baseline_cold_start_median_s", fmt(b_start))
        emit("baseline_cold_start_min_s", fmt(min(starts["baseline"])))
        emit("baseline_idle_rss_mb", fmt(b_idle, 1))
        emit("baseline_rss_after_200_mb", fmt(mb(after.get("baseline")), 1))
        emit("ratio_cold_start", fmt(k_start / b_start if k_start and b_start else None, 2))
        emit("ratio_idle_rss", fmt(k_idle / b_idle if k_idle and b_idle else None, 2))
        emit("target", "idle RSS <= 60 MB, cold start <= 1.5 s")
        return 0
    except StartFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
