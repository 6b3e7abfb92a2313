"""Answers the WSGI server makes itself, and what reaches its log (issue 12 §10).

A real `python -m kiosk` (waitress) on a free port: its own 431 carries the security headers, a
crash inside the error pages is still a kind page with the headers, with Redis killed under it the
person sees a kind Danish page, and stderr never holds a traceback.
"""
import http.client
import os
import subprocess
import sys
import time

import pytest

from kiosk import create_app, logs
from tests.conftest import FIXTURES, ROOT_DIR, free_port
from tests.page import Page
from tests.web.redis_server import RedisServer

SECURITY = {"Content-Security-Policy": "default-src 'none'", "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Frame-Options": "DENY"}


def assert_headers(headers):
    for name, part in SECURITY.items():
        assert part in (headers.get(name) or ""), (name, headers.get(name))


class Kiosk:
    """`python -m kiosk` as a centre runs it, with its stderr kept for the log checks."""

    def __init__(self, tmp_path, **env):
        self.port = free_port()
        self.log = open(tmp_path / "kiosk.log", "w+b")
        full_env = {**os.environ, "KIOSK_PORT": str(self.port), "KIOSK_CONTENT_DIR": str(FIXTURES),
                    "KIOSK_SETTINGS_FILE": str(tmp_path / "settings.json"), **env}
        self.proc = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=ROOT_DIR, env=full_env,
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.request("GET", "/static/css/kiosk.css")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the kiosk did not start")

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, response.headers, text

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def kiosk_process(tmp_path):
    started = []

    def start(**env):
        started.append(Kiosk(tmp_path, **env))
        return started[-1]

    yield start
    for kiosk in started:
        kiosk.stop()


def test_waitress_own_431_carries_the_security_headers(kiosk_process):
    kiosk = kiosk_process()
    status, headers, body = kiosk.request("GET", "/", headers={"X-Big": "a" * 300_000})
    assert status == 431
    assert_headers(headers)
    assert headers["Content-Type"].startswith("text/plain")  # text, never markup
    assert "a" * 100 not in body  # nothing sent comes back


@pytest.mark.redis
def test_redis_killed_under_a_running_kiosk_is_a_kind_page_and_no_traceback(kiosk_process, tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    redis = RedisServer(folder).start()
    try:
        kiosk = kiosk_process(KIOSK_REDIS_URL=redis.url, KIOSK_SECRET_KEY="test")
        status, headers, _ = kiosk.request("GET", "/flow/journey/hvem")
        cookie = headers["Set-Cookie"].split(";")[0]
        redis.stop()
        for method, path in [("GET", "/"), ("GET", "/flow/journey/hvem"), ("POST", "/faerdig"),
                             ("POST", "/flow/journey/hvem")]:
            status, headers, body = kiosk.request(method, path, headers={
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}, body="answer=x")
            assert status == 503, (path, status, body[:200])
            assert_headers(headers)
            page = Page(body)
            assert page.root.find("html").attrs["lang"] == "da" and page.by_id("to-start") is not None
        log = kiosk.stderr()
        assert "StoreUnavailable" in log
        assert "Traceback" not in log and 'File "' not in log and str(redis.port) not in log
    finally:
        redis.stop()


def test_a_crash_inside_the_error_pages_is_still_a_kind_page_with_the_headers(tmp_path, monkeypatch):
    app = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(tmp_path / "s.json")})
    from kiosk.flows import parse as parse_module

    def explode(*args):
        raise ValueError("CANARY in a crash")

    def broken_log(exc):
        raise RuntimeError("the error page breaks too")

    monkeypatch.setitem(parse_module.PARSERS, "choice", explode)
    client = app.test_client()
    token = Page(client.get("/flow/journey/hvem").get_data(as_text=True)).csrf_token()
    monkeypatch.setattr(logs, "log_error", broken_log)
    response = client.post("/flow/journey/hvem", data={"answer": "kommunen", "csrf_token": token})
    assert response.status_code == 500
    assert_headers(response.headers)
    page = Page(response.get_data(as_text=True))
    assert page.main.find("h1").text() == "Noget gik galt" and "CANARY" not in page.visible_text(page.root)


def test_the_server_log_keeps_no_traceback(kiosk_process):
    """Waitress logs an exception it catches with its traceback; the kiosk's filter keeps the type."""
    import logging

    logs.configure()
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    waitress_log = logging.getLogger("waitress")
    waitress_log.addHandler(handler)
    try:
        try:
            raise ValueError("CANARY from a request path")
        except ValueError:
            waitress_log.exception("Exception while serving /flow/CANARY")
    finally:
        waitress_log.removeHandler(handler)
    assert records and "ValueError" in records[0]
    assert "CANARY" not in records[0] and "Traceback" not in records[0]
