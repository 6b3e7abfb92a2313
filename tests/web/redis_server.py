"""A redis-server of the test's own, to stop, freeze (SIGSTOP) and start again.

The session's shared `redis_url` fixture must stay up for other tests; fault tests use this one.
Persistence off, as the README asks, so a restarted server starts empty.
"""
import shutil
import signal
import socket
import subprocess
import time

from tests.conftest import free_port, service_env


class RedisServer:
    def __init__(self, folder):
        self.exe = shutil.which("redis-server")
        self.folder = folder
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        # A short timeout: a frozen Redis must fail fast, never hang the test (or the kiosk).
        return f"redis://127.0.0.1:{self.port}/0?socket_timeout=0.3&socket_connect_timeout=0.3"

    def start(self):
        self.proc = subprocess.Popen(
            [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            env=service_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a frozen server cannot act on SIGTERM
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def freeze(self):
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.proc.send_signal(signal.SIGCONT)
