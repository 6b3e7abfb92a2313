"""Load: many simulated kiosks walk real flows for minutes, against the single-PC or the central server.

What it measures
    Starts the server itself on free loopback ports, then runs locust headless (bench/locustfile.py)
    with N simulated kiosks for M minutes. Each kiosk walks random flows to their end with 1-3 s of
    think time per tap, GETs every document's PDF, wipes ("Færdig - slet alt") and starts again.
      --mode single    `python -m kiosk` (waitress, memory store), as on a centre's own PC
      --mode central   redis-server with kiosk-redis.service's own flags (no persistence,
                       maxmemory 256mb, volatile-ttl, no latency tracking) and
                       `gunicorn -c scripts/gunicorn.conf.py wsgi:app` (KIOSK_REDIS_URL, one random
                       KIOSK_SECRET_KEY for all workers)
    Both get a filled-in centre (every flow offered) and no printer. Baseline, same run, same server,
    same kiosks: a GET of a static file (/static/css/kiosk.css) on about a third of the screens.
    Memory is sampled before the load and every --sample-seconds: the kiosk's RSS (the waitress
    process, or gunicorn's master plus workers; PSS beside it, as forked workers share pages), and in
    central mode redis-server's RSS, INFO used_memory and its keys.
    Residue: every text field gets `CANARY-<run>-<kiosk>`; after the last wipe (and in central mode
    after the store's TTL) files written during the run under the repo, /tmp, /var/tmp and /dev/shm,
    the captured server logs, and every Redis key are searched for it (bench/residue.py).

Targets (printed as PASS/FAIL; never asserted)
    errors = 0;  step p95 (step GETs and POSTs pooled) <= 2x static p95;  canary found 0 times.

Output
    `name: value` lines: requests and errors by kind, p50/p95/p99 for home, step GET, step POST,
    pdf, static (ms, nearest rank over every successful request), the memory series, residue counts.

How to run (from the repo root; `make bench-load` runs the two full runs)
    .venv/bin/python bench/load.py --mode single --kiosks 50 --minutes 10
    .venv/bin/python bench/load.py --mode central --kiosks 200 --minutes 10 [--workers 4]
    A short check: --minutes 1 --kiosks 10. The clients run on the same machine as the server.

Exit status is 0 unless a server or locust could not be run.
"""
import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import residue
from local_server import HOST
from servers import BIN, ROOT, TTL_WAIT, Sampler, Servers, emit, stop
from stats import fmt, percentile  # bench/ is the script's own folder

STATIC = "/static/css/kiosk.css"
KINDS = ("home", "step GET", "step POST", "pdf", "static", "wipe")
SCAN_ROOTS = ("/tmp", "/var/tmp", "/dev/shm")


def run_locust(host, kiosks, seconds, folder, canary, think=None, spawn_rate=None):
    """Locust headless as a child process; returns (exit code, raw figures or None)."""
    raw = Path(folder) / "raw.json"
    env = {**os.environ, "BENCH_CANARY": canary, "BENCH_STATIC": STATIC, "BENCH_RAW": str(raw),
           "PYTHONDONTWRITEBYTECODE": "1"}
    if think:
        env["BENCH_THINK"] = think
    rate = spawn_rate or max(1.0, kiosks / 10)
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "-u", str(kiosks), "-r", str(rate), "-t", f"{int(seconds)}s", "--host", host,
               "--csv", str(Path(folder) / "locust"), "--stop-timeout", "30", "--only-summary", "--loglevel", "WARNING",
               "--exit-code-on-error", "0"]
    with open(Path(folder) / "locust.log", "wb") as log:
        code = subprocess.call(command, cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        return code, json.loads(raw.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return code, None


def report_load(raw, seconds):
    times, errors, requests = raw["times"], raw["errors"], raw["requests"]
    total, failed = sum(requests.values()), sum(errors.values())
    emit("requests", total)
    emit("requests_per_s", fmt(total / max(seconds, 1e-9), 1))
    for name in sorted(requests):
        emit(f"requests_{name.replace(' ', '_')}", requests[name])
    emit("errors", failed)
    for kind, count in sorted(errors.items(), key=lambda kv: -kv[1]):
        emit(f"error[{kind}]", count)
    for name, count in sorted(raw.get("events", {}).items()):
        emit(f"count[{name}]", count)
    for name in KINDS:
        values = times.get(name, [])
        label = name.replace(" ", "_")
        for p in (50, 95, 99):
            emit(f"{label}_p{p}_ms", fmt(percentile(values, p)))
        emit(f"{label}_max_ms", fmt(max(values) if values else None))
    step = times.get("step GET", []) + times.get("step POST", [])
    step_p95, static_p95 = percentile(step, 95), percentile(times.get("static", []), 95)
    ratio = step_p95 / static_p95 if step_p95 is not None and static_p95 else None
    emit("step_p50_ms", fmt(percentile(step, 50)))
    emit("step_p95_ms", fmt(step_p95))
    emit("step_p99_ms", fmt(percentile(step, 99)))
    emit("ratio_step_p95_to_static_p95", fmt(ratio))
    minutes = raw.get("per_minute", [])
    emit("requests_per_minute", " ".join(str(r) for r, _ in minutes))
    emit("errors_per_minute", " ".join(str(e) for _, e in minutes))
    print(f"{'PASS' if failed == 0 else 'FAIL'}: errors = {failed} (target 0)", flush=True)
    print(f"{'PASS' if ratio is not None and ratio <= 2 else 'FAIL'}: step p95 {fmt(step_p95)} ms <= 2x static p95 "
          f"{fmt(static_p95)} ms (ratio {fmt(ratio)})", flush=True)


def print_memory(samples):
    has_redis = any("redis_used_memory_mb" in s for s in samples)
    head = f"{'sample':>22} {'kiosk RSS MB':>12} {'kiosk PSS MB':>12} {'procs':>5}"
    if has_redis:
        head += f" {'redis RSS MB':>12} {'used_memory MB':>14} {'keys':>6} {'visit keys':>10} {'canary keys':>11}"
    print(head, flush=True)
    for s in samples:
        line = f"{s['label']:>22} {s['kiosk_rss_mb']:>12.1f} {s['kiosk_pss_mb']:>12.1f} {s['kiosk_processes']:>5}"
        if has_redis and "redis_used_memory_mb" in s:
            line += (f" {s['redis_rss_mb']:>12.1f} {s['redis_used_memory_mb']:>14.2f} {s['redis_keys']:>6}"
                     f" {s['redis_visit_keys']:>10} {s.get('canary_keys', '-'):>11}")
        elif has_redis:
            line += f" {s.get('redis_error', '-'):>12}"
        print(line, flush=True)


def scan_residue(servers, canary, since, folder, when):
    """Print the canary counts: files (repo, temp folders), captured logs, Redis keys."""
    total = 0
    checked, hits = residue.scan_tree(str(ROOT), canary, since)
    emit(f"residue_{when}_repo_files", f"{len(hits)} of {checked} written during the run")
    total += len(hits)
    for root in SCAN_ROOTS:
        if os.path.isdir(root):
            checked, found = residue.scan_tree(root, canary, since, exclude=[folder])
            emit(f"residue_{when}_files{root.replace('/', '_')}", f"{len(found)} of {checked} written during the run")
            hits += found
            total += len(found)
    checked, found = residue.scan_files(servers.logs, canary)
    emit(f"residue_{when}_server_logs", f"{len(found)} of {checked} logs")
    total += len(found)
    hits += found
    others = [str(p) for p in Path(folder).rglob("*") if p.is_file() and str(p) not in servers.logs]
    checked, found = residue.scan_files(others, canary)
    emit(f"residue_{when}_bench_files", f"{len(found)} of {checked} (locust log and csv, settings)")
    total += len(found)
    hits += found
    if servers.redis is not None:
        checked, found = residue.scan_redis(servers.redis, canary)
        emit(f"residue_{when}_redis_keys", f"{len(found)} of {checked} keys")
        total += len(found)
        hits += [k.decode("utf-8", "replace") for k in found]
    for hit in hits[:20]:
        emit(f"residue_{when}_hit", hit)
    return total


def parse_args(argv, mode="single", kiosks=None, minutes=10.0):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mode", choices=("single", "central"), default=mode)
    parser.add_argument("--kiosks", type=int, default=kiosks, help="simulated kiosks (single 50, central 200)")
    parser.add_argument("--minutes", type=float, default=minutes, help="how long the load runs")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (central; conf default)")
    parser.add_argument("--sample-seconds", type=float, default=60.0, help="memory sample interval")
    parser.add_argument("--spawn-rate", type=float, default=None, help="kiosks started per second (kiosks/10)")
    parser.add_argument("--think", default=None, help="think time range in s, e.g. 1,3 (the default)")
    parser.add_argument("--ttl-wait", type=float, default=None,
                        help=f"central: seconds to wait after the run before the last Redis check ({TTL_WAIT})")
    parser.add_argument("--no-residue", action="store_true", help="skip the canary search")
    args = parser.parse_args(argv)
    if args.kiosks is None:
        args.kiosks = 200 if args.mode == "central" else 50
    if args.ttl_wait is None:
        args.ttl_wait = TTL_WAIT if args.mode == "central" else 0
    return args


def run(args, title):
    """Servers up, baseline, load, memory series, last wipe, TTL, residue. Returns (exit code, figures)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-load-"))
    canary = f"CANARY-{secrets.token_hex(6)}"
    servers = Servers(args.mode, folder, args.workers)
    result = {"samples": [], "empty": None, "after_wipe": None, "after_ttl": None, "after_stop": None}
    since = time.time()
    try:
        if args.mode == "central":
            servers.start_redis()
            result["empty"] = servers.redis_figures()  # before the kiosk's first request
            result["empty"]["bytes_per_client"] = servers.bytes_per_client()
        servers.start()
        emit("title", title)
        emit("mode", args.mode)
        emit("kiosks", args.kiosks)
        emit("minutes", fmt(args.minutes, 1))
        emit("server", "python -m kiosk (waitress, memory store)" if args.mode == "single"
             else "gunicorn -c scripts/gunicorn.conf.py wsgi:app + redis-server (kiosk-redis.service's flags)")
        emit("kiosk_processes", servers.worker_count() + 1)
        emit("static_file", STATIC)
        emit("cpu_cores", os.cpu_count())
        emit("commit", git_commit())
        sampler = Sampler(servers, args.sample_seconds, None if args.no_residue else canary)
        sampler.take("before load")
        sampler.start()
        t0 = time.monotonic()
        code, raw = run_locust(f"http://{HOST}:{servers.port}", args.kiosks, args.minutes * 60, folder, canary,
                               args.think, args.spawn_rate)
        seconds = time.monotonic() - t0
        sampler.done.set()
        sampler.join()
        result["after_wipe"] = sampler.take("after the last wipe")
        if raw is None:
            print(f"error: locust gave no figures (exit code {code}); see {folder}/locust.log", file=sys.stderr)
            return 1, result
        emit("locust_exit_code", code)
        emit("load_seconds", fmt(seconds, 0))
        broke = servers.kiosk.poll() is not None  # the server died under load: the run itself broke
        if broke:
            emit("server_exited", servers.kiosk.poll())
        report_load(raw, seconds)
        result["errors"] = sum(raw["errors"].values())
        if servers.redis is not None and not args.no_residue:
            checked, found = residue.scan_redis(servers.redis, canary)
            emit("residue_after_last_wipe_redis_keys", f"{len(found)} of {checked} keys")
        if servers.redis is not None:
            emit("redis_keys_after_last_wipe", servers.key_prefixes())
        if args.ttl_wait:
            emit("waiting_for_ttl_s", fmt(args.ttl_wait, 0))
            time.sleep(args.ttl_wait)
            result["after_ttl"] = sampler.take("after the store's TTL")
        result["samples"] = sampler.samples
        print_memory(sampler.samples)
        if servers.redis is not None:
            for label, figures in (("empty", result["empty"]), ("after_last_wipe", result["after_wipe"]),
                                   ("after_ttl", result["after_ttl"])):
                if figures and "redis_keys" in figures:
                    emit(f"redis_{label}", f"keys {figures['redis_keys']}, visit keys {figures['redis_visit_keys']}, "
                         f"used_memory {figures['redis_used_memory']} B, of it client buffers "
                         f"{figures['redis_clients_memory']} B ({figures['redis_clients']} clients)")
            emit("redis_bytes_per_idle_client", result["empty"]["bytes_per_client"])
            emit("redis_keys_at_the_end", servers.key_prefixes())
        # The kiosk stops first: its logs are complete once it has, and with its connections
        # closed Redis can be compared with its empty self (soak.redis_report). Redis stays up.
        stop(servers.kiosk)
        if servers.redis is not None:
            result["after_stop"] = servers.redis_figures_once_clients(result["empty"]["redis_clients"])
        if not args.no_residue:
            total = scan_residue(servers, canary, since, folder, "end")
            print(f"{'PASS' if total == 0 else 'FAIL'}: canary found {total} times (target 0)", flush=True)
        return (1 if broke else 0), result
    finally:
        servers.stop()
        if result.get("errors"):
            # The server's log says what broke; the folder holds only the run's made-up answers.
            print(f"errors: the server's log and locust's are kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def git_commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return head + (" (+ uncommitted changes in the tree)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        code, _ = run(args, "load")
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
