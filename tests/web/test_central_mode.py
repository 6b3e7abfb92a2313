"""Central mode for real: gunicorn with several workers (scripts/gunicorn.conf.py), a real
redis-server, two centres on one server. Any worker serves any tap; a worker killed mid-request or
a whole restart costs the person nothing; each centre keeps its own settings."""
import http.client
import http.cookies
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import config as cfg
from tests.conftest import FIXTURES, ROOT_DIR, free_port, service_env
from tests.page import Page
from tests.web.redis_server import RedisServer

NORD, SYD = "nord.kiosk.lan", "syd.kiosk.lan"
GUNICORN = Path(sys.executable).with_name("gunicorn")


class Central:
    """`gunicorn -c scripts/gunicorn.conf.py wsgi:app`, as the kiosk-central unit runs it."""

    def __init__(self, tmp_path, redis, workers=3, **env):
        self.port = free_port()
        self.log = open(tmp_path / "gunicorn.log", "w+")
        self.env = {**service_env(), "KIOSK_REDIS_URL": redis.url, "KIOSK_SECRET_KEY": "shared-by-all-workers",
                    "KIOSK_CENTRES_DIR": str(tmp_path / "centres"), "KIOSK_CONTENT_DIR": str(FIXTURES),
                    "KIOSK_PORT": str(self.port), "KIOSK_WORKERS": str(workers), "KIOSK_THREADS": "2",
                    "PYTHONDONTWRITEBYTECODE": "1", **env}
        self.start()

    def start(self):
        self.proc = subprocess.Popen([str(GUNICORN), "-c", "scripts/gunicorn.conf.py", "wsgi:app"],
                                     cwd=ROOT_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if len(self.workers()) == int(self.env["KIOSK_WORKERS"]):
                try:
                    if self.request(NORD, "GET", "/static/css/kiosk.css")[0] == 200:
                        return
                except OSError:
                    pass
            assert self.proc.poll() is None, self.output()
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start: " + self.output())

    def workers(self):
        """The worker processes' ids (the master's children)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    found.append(int(entry.name))
        return found

    def request(self, host, method, path, body=None, cookie=None, timeout=10, extra=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": host, **(extra or {})}
        if cookie:
            headers["Cookie"] = f"kiosk={cookie}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # a test must never leave a server behind
            self.proc.wait(timeout=10)


class Person:
    """One kiosk browser: its own cookie, the token from the last page, one centre's host name."""

    def __init__(self, server, host):
        self.server, self.host, self.cookie, self.token = server, host, None, None

    def go(self, method, path, form=None):
        from urllib.parse import urlencode

        body = None
        if form is not None:
            body = urlencode({**form, "csrf_token": self.token}, doseq=True)
        status, headers, data = self.server.request(self.host, method, path, body, self.cookie)
        jar = http.cookies.SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            jar.load(header)
        if "kiosk" in jar:
            self.cookie = jar["kiosk"].value
        if headers.get_content_type() == "text/html":
            page = Page(data.decode())
            self.token = page.csrf_token() or self.token
            return status, headers, page
        return status, headers, data

    def answer(self, step, **form):
        status, headers, _ = self.go("POST", f"/flow/journey/{step}", form)
        assert status == 303, (step, status, self.server.output()[-2000:])
        return headers["Location"]


def write_centre(folder, host, **settings):
    cfg.write_centre_settings(folder / f"{host}.json", {**cfg.CENTRE_DEFAULTS, **settings})


@pytest.fixture
def central(tmp_path):
    (tmp_path / "redis").mkdir()
    redis = RedisServer(tmp_path / "redis").start()
    write_centre(tmp_path / "centres", NORD, centre_name="Værested Nord", kommune="0101")
    write_centre(tmp_path / "centres", SYD, centre_name="Værested Syd", kommune="0751", languages=["da", "en"])
    fake = tmp_path / "bin"
    fake.mkdir()
    # A voice that takes 4 s (under the 5 s limit): a request that is surely still running when
    # its worker is killed.
    (fake / "espeak-ng").write_text('#!/bin/sh\nif [ "$1" = "--voices" ]; then\n'
                                    'echo "Pty Language Age/Gender VoiceName File Other Languages"\n'
                                    'echo " 5  da M danish gmw/da"\nexit 0\nfi\nsleep 4\n')
    (fake / "espeak-ng").chmod(0o755)
    # Its own empty home: the test below checks that gunicorn leaves nothing in it.
    (tmp_path / "home").mkdir()
    try:
        server = Central(tmp_path, redis, PATH=f"{fake}:{os.environ['PATH']}", HOME=str(tmp_path / "home"),
                         XDG_RUNTIME_DIR=str(tmp_path / "home"))
        try:
            yield server, redis
        finally:
            server.stop()
    finally:
        redis.stop()  # even when gunicorn would not start or stop: no redis-server outlives the test


def walk_to_the_letter(person, between=lambda: None):
    status, _, _ = person.go("GET", "/flow/journey/hvem")
    assert status == 200
    person.answer("hvem", answer="kommunen")
    between()
    person.answer("hvad", answer=["penge", "hoert"])
    person.answer("hvornaar", day="12", month="11", year="2026")
    person.answer("navn", answer="Jens Central")
    return person.answer("tjek")


def test_every_worker_serves_every_tap_to_the_letter(central):
    server, redis = central
    people = [Person(server, NORD) for _ in range(6)]  # taps spread over three workers
    for person in people:
        walk_to_the_letter(person)
    for person in people:
        status, headers, pdf = person.go("GET", "/flow/journey/brev/pdf")
        assert status == 200 and headers.get_content_type() == "application/pdf" and pdf.startswith(b"%PDF")
    assert "Traceback" not in server.output()


def test_the_server_opens_no_control_socket_in_its_home(central, tmp_path):
    """gunicorn's control socket (a file, and a thread in the master) is switched off."""
    server, _ = central
    assert Person(server, NORD).go("GET", "/flow/journey/hvem")[0] == 200
    assert list((tmp_path / "home").rglob("*")) == []


def test_gunicorn_believes_no_forwarded_header_without_the_proxy_setting(central):
    """Without KIOSK_PROXY no forwarded header is believed, gunicorn's own default (trust any
    local peer's X-Forwarded-Proto) included: the cookie is not marked as sent over HTTPS."""
    server, _ = central
    _, headers, _ = server.request(NORD, "GET", "/flow/journey/hvem", extra={"X-Forwarded-Proto": "https"})
    jar = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    assert "kiosk" in jar and not jar["kiosk"]["secure"]


def test_a_worker_killed_mid_request_costs_the_person_nothing(central):
    server, _ = central
    person = Person(server, NORD)

    def kill_every_worker_mid_request():
        import threading

        outcome = {}

        def read_aloud():
            try:
                outcome["status"] = person.go("POST", "/tale", {"lang": "da", "text": "Hej"})[0]
            except (ConnectionError, http.client.HTTPException) as exc:
                outcome["error"] = type(exc).__name__

        thread = threading.Thread(target=read_aloud)
        thread.start()
        time.sleep(1.5)  # the voice takes 4 s: the request is inside a worker now
        for pid in server.workers():
            os.kill(pid, signal.SIGKILL)
        thread.join(10)
        assert "status" not in outcome, outcome  # it really was cut off mid-request

    walk_to_the_letter(person, between=kill_every_worker_mid_request)
    # The next taps worked on new workers, and the answers given before the kill were kept.
    status, _, page = person.go("GET", "/flow/journey/brev")
    assert status == 200
    assert "Jens Central" in page.main.text()


def test_a_whole_restart_mid_visit_keeps_the_visit_and_the_open_screen_works(central):
    server, _ = central
    person = Person(server, NORD)
    person.go("GET", "/flow/journey/hvem")
    person.answer("hvem", answer="kommunen")
    server.stop()
    server.start()
    # The same key in every worker and every start: the screen's token is still good.
    assert person.answer("hvad", answer=["penge"]).endswith("/flow/journey/hvornaar")


def test_two_centres_on_one_server_keep_their_own_settings(central):
    server, _ = central
    nord, syd = Person(server, NORD), Person(server, SYD)
    for person, name in ((nord, "Værested Nord"), (syd, "Værested Syd")):
        status, _, page = person.go("GET", "/")
        assert status == 200
        assert page.root.find("footer").find("span").text() == name
    _, _, page = syd.go("GET", "/sprog")
    assert {b.attrs["value"] for b in page.main.find_all("button", name="lang")} == {"da", "en"}
    status, _, _ = server.request("ukendt.kiosk.lan", "GET", "/")
    assert status == 404


def test_redis_holds_every_visit_with_an_expiry(central):
    server, redis = central
    import redis as redis_client

    person = Person(server, SYD)
    walk_to_the_letter(person)
    client = redis_client.Redis.from_url(redis.url)
    keys = list(client.scan_iter("kiosk:*"))
    assert keys and all(0 < client.ttl(key) <= 1815 for key in keys)
    old = person.cookie
    person.go("POST", "/faerdig", {})
    assert person.cookie != old and client.get(f"kiosk:visit:{old}") is None
