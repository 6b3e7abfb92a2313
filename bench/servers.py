"""The servers a load or soak run measures, started on free loopback ports, and their memory.

`Servers` starts the single-PC kiosk (`python -m kiosk`, waitress, memory store) or central mode
(redis-server without persistence, and gunicorn with scripts/gunicorn.conf.py), with a filled-in
centre and no printer; `Sampler` records their RSS/PSS (and Redis's memory and keys) while the
kiosks run. Split from bench/load.py so each file keeps to one job.
"""
import json
import os
import secrets
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import residue
from local_server import HOST, START_TIMEOUT, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# A filled-in centre: every flow is offered (the borgerrådgiver too) and letters have addresses.
CENTRE = {"kommune": "0751", "kommune_address": "Rådhuspladsen 2, 8000 Aarhus C", "kommune_phone": "89 40 20 00",
          "borgerservice_address": "Rådhuspladsen 2, Aarhus", "centre_name": "Værestedet", "centre_place": "Aarhus",
          "borgerraadgiver": True, "borgerraadgiver_address": "Rådhuset, Aarhus", "borgerraadgiver_phone": "89 40 20 00"}
IDLE_TIMEOUT = 180                       # the default; the store's TTL is this + 15 s (kiosk.store_ttl)
TTL_WAIT = IDLE_TIMEOUT + 15 + 15
REDIS_UNIT = ROOT / "scripts" / "systemd" / "kiosk-redis.service"


def redis_command(port, folder):
    """kiosk-redis.service's own redis-server command (so the figures hold for Redis as installed),
    on this port, with this folder and at the path of this machine's redis-server."""
    line = next(v for v in REDIS_UNIT.read_text().splitlines() if v.startswith("ExecStart="))
    command = shlex.split(line.split("=", 1)[1])
    command[0] = shutil.which("redis-server") or "redis-server"
    command[command.index("--port") + 1] = str(port)
    command[command.index("--dir") + 1] = str(folder)
    return command


def emit(name, value):
    print(f"{name}: {value}", flush=True)


# -- processes ------------------------------------------------------------------------------------

def rss_kb(pid, field="VmRSS"):
    try:
        if field == "Pss":
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                lines = fh.read().splitlines()
        else:
            with open(f"/proc/{pid}/status") as fh:
                lines = fh.read().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def tree(pid):
    """The process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return found


def stop(proc, timeout=20):
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            for pid in tree(proc.pid)[1:]:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            proc.kill()
            proc.wait(timeout=10)


def wait_for_port(port, timeout=START_TIMEOUT):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class Servers:
    """The kiosk (and in central mode Redis) on free loopback ports, logs captured in `folder`."""

    def __init__(self, mode, folder, workers=None, extra_env=None):
        self.mode, self.folder, self.workers = mode, Path(folder), workers
        self.extra_env = dict(extra_env or {})
        # One key for every worker and every start, as central-env.sh makes it once at install.
        self.secret = secrets.token_hex(32)
        self.port = free_port()
        self.kiosk = self.redis_proc = self.redis = None
        self.logs = []
        self.settings = self.folder / "settings.json"
        self.settings.write_text(json.dumps({**CENTRE, "idle_timeout_seconds": IDLE_TIMEOUT}), encoding="utf-8")
        # Central mode as deployed: the centre is found by the Host header (kiosk/which_centre.py),
        # one file per host name; the simulated kiosks ask for 127.0.0.1.
        self.centres = self.folder / "centres"
        self.centres.mkdir(exist_ok=True)
        (self.centres / f"{HOST}.json").write_text(self.settings.read_text(encoding="utf-8"), encoding="utf-8")

    def _log(self, name):
        path = self.folder / name
        if str(path) not in self.logs:
            self.logs.append(str(path))
        return open(path, "ab")  # a restarted server adds to its log

    def start_redis(self):
        import redis

        port = free_port()
        with self._log("redis.log") as log:
            self.redis_proc = subprocess.Popen(redis_command(port, self.folder), stdin=subprocess.DEVNULL,
                                               stdout=log, stderr=subprocess.STDOUT)
        if not wait_for_port(port):
            raise RuntimeError(f"redis-server did not listen on {HOST}:{port}")
        self.redis_url = f"redis://{HOST}:{port}/0"
        self.redis = redis.Redis(host=HOST, port=port, db=0)
        self.redis.ping()

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(KIOSK_HOST=HOST, KIOSK_PORT=str(self.port), KIOSK_SETTINGS_FILE=str(self.settings),
                   PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1",
                   # Every simulated kiosk comes from 127.0.0.1, and 200 of them start their first visit
                   # within seconds; real kiosks each have their own address (behind the proxy, from
                   # X-Forwarded-For), so the per-address cap on new visits is lifted here.
                   KIOSK_NEW_VISITS_PER_MINUTE="1000000")
        env.update(self.extra_env)
        if self.mode == "central":
            if self.redis is None:
                self.start_redis()
            env.update(KIOSK_REDIS_URL=self.redis_url, KIOSK_SECRET_KEY=self.secret,
                       KIOSK_CENTRES_DIR=str(self.centres))
            if self.workers:
                env["KIOSK_WORKERS"] = str(self.workers)
            command = [str(BIN / "gunicorn"), "-c", "scripts/gunicorn.conf.py", "wsgi:app"]
        else:
            command = [sys.executable, "-m", "kiosk"]
        with self._log("kiosk.log") as log:
            self.kiosk = subprocess.Popen(command, cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL,
                                          stdout=log, stderr=subprocess.STDOUT)
        if not wait_until_up(self.kiosk, self.port):
            raise RuntimeError(f"the kiosk did not answer GET / on {HOST}:{self.port} (exit code {self.kiosk.poll()})")

    def worker_count(self):
        return len(tree(self.kiosk.pid)) - 1 if self.kiosk else 0

    def memory(self):
        """One sample: kiosk RSS/PSS in MB (all its processes), Redis RSS, used_memory, keys."""
        pids = tree(self.kiosk.pid) if self.kiosk and self.kiosk.poll() is None else []
        sample = {"kiosk_rss_mb": sum(rss_kb(p) for p in pids) / 1024,
                  "kiosk_pss_mb": sum(rss_kb(p, "Pss") for p in pids) / 1024, "kiosk_processes": len(pids)}
        if self.redis is not None:
            sample.update(self.redis_figures())
        return sample

    def redis_figures(self):
        try:
            info = self.redis.info("memory")
            return {"redis_rss_mb": rss_kb(self.redis_proc.pid) / 1024,
                    "redis_used_memory_mb": info["used_memory"] / 1024 / 1024,
                    "redis_used_memory": info["used_memory"],
                    # Client connections' buffers (the workers' pools) count in used_memory, not in data.
                    "redis_clients_memory": info.get("mem_clients_normal", 0),
                    "redis_clients": self.redis.info("clients")["connected_clients"],
                    "redis_keys": self.redis.dbsize(),
                    "redis_visit_keys": sum(1 for _ in self.redis.scan_iter("kiosk:visit:*", count=500))}
        except Exception as exc:  # noqa: BLE001 - a failed sample is printed, the run goes on
            return {"redis_error": type(exc).__name__}

    def redis_figures_once_clients(self, clients, seconds=10.0):
        """redis_figures as soon as no more than `clients` connections are left (the server frees a
        closed client's memory at its next event loop turn), or after `seconds` as they are."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.redis.info("clients")["connected_clients"] <= clients:
                    break
            except Exception:  # noqa: BLE001 - redis_figures reports the error
                break
            time.sleep(0.1)
        return self.redis_figures()

    def bytes_per_client(self, extra=10):
        """What one idle client connection adds to used_memory on the empty server (same run)."""
        import redis

        before = self.redis.info("memory")["used_memory"]
        clients = [redis.Redis(host=HOST, port=self.redis.connection_pool.connection_kwargs["port"]) for _ in range(extra)]
        for c in clients:
            c.ping()
        after = self.redis.info("memory")["used_memory"]
        for c in clients:
            c.close()
        return max(0, (after - before) // extra)

    def key_prefixes(self):
        """Redis keys by name up to their last ':' (never their values), e.g. kiosk:visit: 3."""
        counts = {}
        for key in self.redis.scan_iter(count=500):
            prefix = key.decode("utf-8", "replace").rsplit(":", 1)[0] + ":"
            counts[prefix] = counts.get(prefix, 0) + 1
        return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"

    def stop(self):
        stop(self.kiosk)
        if self.redis is not None:
            self.redis.close()
        stop(self.redis_proc)


class Sampler(threading.Thread):
    """Memory samples every `every` seconds while the load runs."""

    def __init__(self, servers, every, canary=None):
        super().__init__(daemon=True)
        self.servers, self.every, self.canary = servers, every, canary
        self.samples = []
        self.done = threading.Event()
        self.started = time.monotonic()

    def take(self, label=None):
        sample = self.servers.memory()
        if self.canary and self.servers.redis is not None:
            # The control: visits hold the canary while kiosks type it, so the search below can find it.
            try:
                sample["canary_keys"] = len(residue.scan_redis(self.servers.redis, self.canary)[1])
            except Exception:  # noqa: BLE001
                sample["canary_keys"] = -1
        sample["t_s"] = time.monotonic() - self.started
        sample["label"] = label or f"{sample['t_s'] / 60:.1f} min"
        self.samples.append(sample)
        return sample

    def run(self):
        while not self.done.wait(self.every):
            self.take()


# -- load -----------------------------------------------------------------------------------------
