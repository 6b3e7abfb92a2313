"""Shared test helpers: an app on the fixture flows, and a client that speaks in kiosk terms."""
import datetime
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from kiosk import clock, create_app

FIXTURES = Path(__file__).parent / "fixtures"
ROOT_DIR = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
# Every test runs on this day unless it fixes another, so it passes on any day of any year.
# CI also runs the suite under a shifted system clock to catch a date read around kiosk.clock.
TODAY = datetime.date(2026, 12, 3)
# Every client in the suite speaks from 127.0.0.1 and starts thousands of visits a minute, which
# the kiosk's flood limit would (rightly) refuse. The limit has its own tests, which set it.
# Set in the environment, so kiosk processes the tests start inherit it too.
os.environ.setdefault("KIOSK_NEW_VISITS_PER_MINUTE", "0")


@pytest.fixture(autouse=True)
def today():
    with clock.fixed(TODAY):
        yield TODAY


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "instance" / "settings.json"


@pytest.fixture
def app(settings_file):
    return create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file),
                       "TESTING": True})


@pytest.fixture
def real_app(settings_file):
    """The app with the real content, as a centre runs it."""
    return create_app({"SETTINGS_FILE": str(settings_file), "TESTING": True})


class KioskClient:
    """Drives the app like a person: open a page, answer, follow the redirect. Checks status for you."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.token = None

    def get(self, url, status=200):
        response = self.http.get(url)
        assert response.status_code == status, (url, response.status_code)
        self._remember(response)
        return response

    def post(self, url, data=None, status=303, token=True):
        data = dict(data or {})
        if token and "csrf_token" not in data:
            if self.token is None:
                self.get("/")
            data["csrf_token"] = self.token
        response = self.http.post(url, data=data)
        assert response.status_code == status, (url, response.status_code, response.text[:300])
        self._remember(response)
        return response

    def answer(self, flow, step, status=303, **form):
        return self.post(f"/flow/{flow}/{step}", form, status=status)

    def _remember(self, response):
        if not response.mimetype.startswith("text/html"):
            return
        match = TOKEN.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1)

    @property
    def visit_id(self):
        cookie = self.http.get_cookie("kiosk")
        return cookie.value if cookie else None

    def stored(self):
        return self.app.extensions["kiosk_store"].get(self.visit_id) if self.visit_id else {}


@pytest.fixture
def kiosk(app):
    return KioskClient(app)


def walk_journey(kiosk, name="Jens", day=("12", "11", "2026")):
    """The fixture journey, answered the ordinary way, up to the document step."""
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.answer("journey", "hvad", answer=["penge", "hoert"])
    kiosk.answer("journey", "hvornaar", day=day[0], month=day[1], year=day[2])
    kiosk.answer("journey", "navn", answer=name)
    kiosk.answer("journey", "tjek")


def service_env(**extra):
    """The environment for a service the tests start (redis-server, cupsd, gunicorn): on the real
    clock.

    CI runs the kiosk's tests under libfaketime; the services are not the kiosk, and redis
    misbehaves with a preloaded fake clock, so they do not inherit it. gunicorn does run the kiosk,
    but its master takes every worker it respawns under the fake clock for a hung one and kills
    it at once, so no tap is answered after a worker dies. The gunicorn tests check processes, not
    dates; the dates are checked under the shifted clock in-process and under waitress.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME", "FAKETIME_NO_CACHE")}
    return {**env, **extra}


def disk_now(folder):
    """The time as the file system stamps it (real time even under libfaketime): write a marker
    and read its mtime. Compare file mtimes with this, never with time.time()."""
    marker = Path(folder) / ".now"
    marker.write_bytes(b"")
    return marker.stat().st_mtime


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free port, with persistence off and its own empty folder."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is missing: run `make setup-test` (as root it installs it)")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], env=service_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", folder
    proc.terminate()
    proc.wait(timeout=10)
