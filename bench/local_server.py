"""The kiosk server the bench scripts start on a free loopback port, and how they stop it.

`python -m kiosk` (waitress, KIOSK_THREADS=8) with a private settings file, only on 127.0.0.1.
Split from bench/step_latency.py so each file keeps to one job; bench/servers.py and
bench/load.py use the same helpers.
"""
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
START_TIMEOUT = 30.0


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def kiosk_env(port, settings_file):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_HOST=HOST, KIOSK_PORT=str(port), KIOSK_SETTINGS_FILE=str(settings_file),
               KIOSK_THREADS="8", PYTHONUNBUFFERED="1")
    return env


def start_server(port, settings_file):
    return subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=str(ROOT),
                            env=kiosk_env(port, settings_file),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_until_up(proc, port, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/")
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
