"""Soak: 20 simulated kiosks for 2 hours against the central server; does memory grow, does Redis empty?

What it measures
    The same run as bench/load.py (servers started on free loopback ports, locust kiosks walking
    random flows to their end, PDFs, wipes, a static file as the same-run baseline, canary search),
    by default central mode (gunicorn + redis-server), 20 kiosks, 120 minutes, memory sampled every
    minute. On top of load.py's figures it prints:
      growth after warm-up = (RSS at the end - RSS at the warm-up's end) / RSS at the warm-up's end,
        for the kiosk (gunicorn master + workers, RSS and PSS) and redis-server (RSS, used_memory);
        the warm-up ends at minute 10, or at 10 % of a run shorter than 100 minutes;
      Redis against its empty baseline (measured before the kiosk's first request): keys, visit keys
        and used_memory right after the last wipe and again after the store's TTL (idle timeout + 15 s).

Targets (printed as PASS/FAIL; never asserted)
    kiosk RSS growth after warm-up <= 5 %;  after the TTL: 0 visit keys, and used_memory within 10 %
    of the empty baseline once the kiosk has stopped (so Redis has as many connections as when it
    was empty); plus load.py's (0 errors, step p95 <= 2x static p95, canary 0 times). Also printed:
    used_memory with the kiosk still connected, less what an idle connection costs on the empty
    server. A connection that has been used costs less once idle, so that figure runs low.

How to run (from the repo root; `make bench-soak` runs the full 2 hours)
    .venv/bin/python bench/soak.py [--minutes 120] [--kiosks 20] [--mode central|single] [--workers N]
    A short check: --minutes 2 (the warm-up is then the first minute).

Exit status is 0 unless a server or locust could not be run.
"""
import sys

import load
from stats import fmt

WARMUP_MINUTES = 10.0
GROWTH_TARGET = 0.05
REDIS_NEAR = 0.10
SERIES = (("kiosk_rss_mb", "kiosk RSS"), ("kiosk_pss_mb", "kiosk PSS"), ("redis_rss_mb", "redis RSS"),
          ("redis_used_memory_mb", "redis used_memory"))


def warmup_seconds(minutes):
    return 60 * min(WARMUP_MINUTES, max(minutes * 0.1, 0))


def growth_report(samples, minutes, every):
    """Growth from the sample nearest the warm-up's end to the last one taken under load."""
    periodic = [s for s in samples if s["label"].endswith(" min")]
    end = next((s for s in samples if s["label"] == "after the last wipe"), None)
    if not periodic or end is None:
        load.emit("growth", "nan (too few samples)")
        return None
    target = max(warmup_seconds(minutes), every)
    warm = min(periodic, key=lambda s: abs(s["t_s"] - target))
    load.emit("warmup_end_sample", f"{warm['t_s'] / 60:.1f} min")
    load.emit("last_sample", f"{end['t_s'] / 60:.1f} min (after the last wipe)")
    load.emit("memory_series_kiosk_rss_mb", " ".join(f"{s['kiosk_rss_mb']:.1f}" for s in samples))
    if "redis_used_memory_mb" in warm:
        load.emit("memory_series_redis_used_memory_mb",
                  " ".join(f"{s.get('redis_used_memory_mb', 0):.2f}" for s in samples))
    kiosk_growth = None
    for key, name in SERIES:
        if key not in warm or key not in end or not warm[key]:
            continue
        growth = (end[key] - warm[key]) / warm[key]
        load.emit(f"growth_after_warmup[{name}]", f"{100 * growth:+.1f} % ({warm[key]:.1f} -> {end[key]:.1f} MB)")
        if key == "kiosk_rss_mb":
            kiosk_growth = growth
    if kiosk_growth is not None:
        print(f"{'PASS' if kiosk_growth <= GROWTH_TARGET else 'FAIL'}: kiosk RSS growth after warm-up "
              f"{100 * kiosk_growth:+.1f} % (target <= {100 * GROWTH_TARGET:.0f} %)", flush=True)
    return kiosk_growth


def redis_report(result):
    """used_memory after the TTL against the empty baseline, taken before any worker connected. The
    target is judged with the kiosk stopped, when Redis has the empty server's connections again:
    what is left is what the visits left. Without that figure, the workers' idle connections are
    counted out at what one costs on the empty server (servers.Servers.bytes_per_client)."""
    empty, after = result.get("empty"), result.get("after_ttl") or result.get("after_wipe")
    if not empty or not after or "redis_used_memory" not in after:
        return
    delta = after["redis_used_memory"] - empty["redis_used_memory"]
    load.emit("redis_used_memory_vs_empty", f"{delta:+d} B ({100 * delta / empty['redis_used_memory']:+.1f} %)")
    connections = (after["redis_clients"] - empty["redis_clients"]) * empty["bytes_per_client"]
    net = delta - connections
    load.emit("redis_used_memory_vs_empty_less_connections",
              f"{net:+d} B ({100 * net / empty['redis_used_memory']:+.1f} %; {after['redis_clients'] - empty['redis_clients']}"
              f" more connections x {empty['bytes_per_client']} B)")
    stopped = result.get("after_stop")
    how = "connections aside"
    if stopped and "redis_used_memory" in stopped:
        net = stopped["redis_used_memory"] - empty["redis_used_memory"]
        how = f"the kiosk stopped ({stopped['redis_clients']} connections, empty {empty['redis_clients']})"
        load.emit("redis_used_memory_vs_empty_kiosk_stopped",
                  f"{net:+d} B ({100 * net / empty['redis_used_memory']:+.1f} %; {stopped['redis_clients']} "
                  f"connections, empty {empty['redis_clients']}; keys {stopped['redis_keys']})")
    ok = after["redis_visit_keys"] == 0 and net <= REDIS_NEAR * empty["redis_used_memory"]
    print(f"{'PASS' if ok else 'FAIL'}: Redis back to empty: visit keys {after['redis_visit_keys']} (empty "
          f"{empty['redis_visit_keys']}), keys {after['redis_keys']} (empty {empty['redis_keys']}), used_memory "
          f"{net:+d} B against empty, {how} (target within {100 * REDIS_NEAR:.0f} %)", flush=True)


def main(argv=None):
    args = load.parse_args(sys.argv[1:] if argv is None else argv, mode="central", kiosks=20, minutes=120.0)
    load.emit("warmup_minutes", fmt(warmup_seconds(args.minutes) / 60, 1))
    try:
        code, result = load.run(args, "soak")
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    growth_report(result["samples"], args.minutes, args.sample_seconds)
    redis_report(result)
    return code


if __name__ == "__main__":
    sys.exit(main())
