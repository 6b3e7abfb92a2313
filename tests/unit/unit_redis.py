"""kiosk-redis.service's own redis-server command, started for a test on a free port and a
temporary folder, so what the tests prove about Redis holds for the unit as installed."""
import contextlib
import shlex
import shutil
import socket
import subprocess
import time

import pytest

from kiosk.config import ROOT
from tests.conftest import free_port, service_env

UNITS = ROOT / "scripts" / "systemd"


def settings(unit):
    """Each key's values in order (a key may repeat, as Environment= does)."""
    values = {}
    for line in (UNITS / unit).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def redis_command():
    unit = settings("kiosk-redis.service")
    return unit, shlex.split(unit["ExecStart"][0])


def flag(command, name):
    return command[command.index(name) + 1]


@contextlib.contextmanager
def unit_redis(folder):
    """Yields the port of a redis-server run with exactly the unit's ExecStart but port and --dir."""
    _, command = redis_command()
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is missing: run `make setup-test` (as root it installs it)")
    port = free_port()
    args = list(command[1:])
    args[args.index("--port") + 1] = str(port)
    args[args.index("--dir") + 1] = str(folder)
    proc = subprocess.Popen([exe, *args], env=service_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {proc.communicate(timeout=5)[0]!r}") from None
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
