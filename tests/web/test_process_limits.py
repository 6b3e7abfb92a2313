"""No core dumps: a real `python -m kiosk` (and the WSGI app) forbids them itself, whatever it inherits.

The kiosk starts with the core limit raised to unlimited, as a careless service manager might
leave it, so only the kiosk's own protection can bring it to 0. To test the other half alone,
the kiosk is started once with its core limit left alone and then crashed: only the
not-dumpable mark can stop the core file.
"""
import os
import resource
import signal
import subprocess
import sys

import pytest

from bench.first_load import wait_until_up
from kiosk.config import ROOT
from tests.conftest import free_port

UNLIMITED = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
KIOSK = [sys.executable, "-m", "kiosk"]
# `python -m kiosk` with the core-limit half of the protection switched off.
KIOSK_WITHOUT_LIMIT = [sys.executable, "-c", "import resource, runpy; resource.setrlimit = lambda *args: None; "
                       "runpy.run_module('kiosk', run_name='__main__', alter_sys=True)"]


def allow_core_dumps():
    resource.setrlimit(resource.RLIMIT_CORE, UNLIMITED)


def start(command, folder):
    port = free_port()
    env = {**os.environ, "KIOSK_HOST": "127.0.0.1", "KIOSK_PORT": str(port),
           "KIOSK_SETTINGS_FILE": str(folder / "settings.json")}
    # The working folder is where the kernel would write the core file (core_pattern "core").
    process = subprocess.Popen(command, cwd=folder, env=env, preexec_fn=allow_core_dumps,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}", process)
    return process


@pytest.fixture
def started(tmp_path):
    processes = []
    yield lambda command: processes.append(start(command, tmp_path)) or processes[-1]
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait()


def core_limit(pid):
    line = next(line for line in open(f"/proc/{pid}/limits") if line.startswith("Max core file size"))
    return line.split()[4:6]  # soft, hard


def test_the_running_kiosk_has_a_core_limit_of_zero(started):
    kiosk = started(KIOSK)
    assert core_limit(kiosk.pid) == ["0", "0"]
    assert "State:" in open(f"/proc/{kiosk.pid}/status").read()  # the process we read is alive


def test_a_crashed_kiosk_leaves_no_core_file_even_without_the_limit(started, tmp_path):
    kiosk = started(KIOSK_WITHOUT_LIMIT)
    assert core_limit(kiosk.pid) == ["unlimited", "unlimited"]
    os.kill(kiosk.pid, signal.SIGSEGV)
    assert kiosk.wait(30) == -signal.SIGSEGV
    cores = [p.name for p in tmp_path.iterdir() if p.name.startswith("core")]
    for name in cores:
        (tmp_path / name).unlink()  # never leave a memory image behind, even when the test fails
    assert cores == []


def test_the_wsgi_app_forbids_core_dumps_too():
    probe = ("import ctypes, wsgi; "
             "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)); "  # PR_GET_DUMPABLE
             "print([l for l in open('/proc/self/limits') if l.startswith('Max core')][0].split()[4:6])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         preexec_fn=allow_core_dumps, check=True).stdout.split("\n")
    assert out[0] == "0"
    assert out[1] == "['0', '0']"


def test_the_check_can_see_a_dumpable_process():
    # The control: a plain Python child with the raised limit is dumpable and has no core limit.
    probe = ("import ctypes; print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)); "
             "print([l for l in open('/proc/self/limits') if l.startswith('Max core')][0].split()[4:6])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         preexec_fn=allow_core_dumps, check=True).stdout.split("\n")
    assert out[0] == "1" and out[1] == "['unlimited', 'unlimited']"
