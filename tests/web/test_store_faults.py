"""Redis down, frozen, and back again (issue 12 §10; issue 14 "Redis stops mid-visit").

Every page, "Færdig – slet alt" included, is a kind Danish page with the security headers, fast,
and the log holds a type and a request id, never a traceback or Redis's address. When Redis
returns, the same app serves again without a restart. A real redis-server of the test's own is
stopped or frozen with SIGSTOP; its URL sets a 0.3 s socket timeout so nothing hangs.
"""
import logging
import time

import pytest

from kiosk import create_app, logs
from tests.conftest import FIXTURES, KioskClient
from tests.page import Page
from tests.web.redis_server import RedisServer

pytestmark = pytest.mark.redis

DOWN = "Noget gik galt"
WIPE_FAILED = "Det gik ikke at slette lige nu"
# What a person can do on an open screen: every kind of page, and each way to wipe.
REQUESTS = [("GET", "/", DOWN), ("GET", "/flow/journey/hvem", DOWN), ("GET", "/flow/journey/hvad", DOWN),
            ("POST", "/flow/journey/hvad", DOWN), ("GET", "/sprog", DOWN), ("POST", "/sprog", DOWN),
            ("GET", "/personale/", DOWN), ("POST", "/stadig", DOWN), ("POST", "/forfra", DOWN),
            ("POST", "/faerdig", WIPE_FAILED), ("GET", "/nowhere", DOWN)]


@pytest.fixture
def redis_server(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder).start()
    yield server
    server.stop()


@pytest.fixture
def redis_app(redis_server, settings_file):
    return create_app({"REDIS_URL": redis_server.url, "SECRET_KEY": "test", "CONTENT_DIR": str(FIXTURES),
                       "SETTINGS_FILE": str(settings_file), "TESTING": True})


@pytest.fixture
def logged():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record) + (record.exc_text or "") + str(record.exc_info or ""))

    handler = Keep()
    for logger in (logs.access, logs.errors):
        logger.addHandler(handler)
    yield records
    for logger in (logs.access, logs.errors):
        logger.removeHandler(handler)


def mid_visit(app):
    kiosk = KioskClient(app)
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.get("/flow/journey/hvad")
    return kiosk


def assert_kind_page(response, title):
    assert response.status_code == 503, (response.status_code, response.get_data(as_text=True)[:200])
    headers = response.headers
    assert headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "no-store" in headers["Cache-Control"] and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    page = Page(response.get_data(as_text=True))
    assert page.root.find("html").attrs["lang"] == "da"
    assert page.main.find("h1").text() == title
    assert page.by_id("to-start").attrs["href"] == "/"
    assert "Traceback" not in page.visible_text(page.root)
    # No new cookie: the store never took the id, so it would point at nothing.
    assert "kiosk=" not in headers.get("Set-Cookie", "")


@pytest.mark.parametrize("fault", ["stopped", "frozen"])
def test_every_page_is_kind_and_danish_when_redis_is_down_or_frozen(redis_app, redis_server, fault, logged):
    kiosk = mid_visit(redis_app)
    token = kiosk.token
    redis_server.stop() if fault == "stopped" else redis_server.freeze()
    for method, url, title in REQUESTS:
        started = time.monotonic()
        response = kiosk.http.open(url, method=method, data={"csrf_token": token, "answer": "penge"})
        assert time.monotonic() - started < 2.5, (url, "a frozen Redis must not hold the person")
        assert_kind_page(response, title)
    joined = "\n".join(logged)
    assert "StoreUnavailable" in joined
    for leak in ("Traceback", "File \"", str(redis_server.port), "ConnectionError", "127.0.0.1"):
        assert leak not in joined


def test_the_kiosk_recovers_without_a_restart_when_redis_returns(redis_app, redis_server):
    kiosk = mid_visit(redis_app)
    redis_server.stop()
    assert_kind_page(kiosk.http.get("/"), DOWN)
    redis_server.start()  # the same port; persistence is off, so it starts empty
    kiosk.get("/")  # the old id is unknown now: a fresh visit, no restart of the kiosk
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    assert kiosk.stored()["flows"]["journey"]["answers"] == {"hvem": "kommunen"}


def test_a_frozen_redis_that_wakes_up_still_has_the_visit(redis_app, redis_server):
    kiosk = mid_visit(redis_app)
    redis_server.freeze()
    assert_kind_page(kiosk.http.get("/flow/journey/hvad"), DOWN)
    redis_server.thaw()
    kiosk.answer("journey", "hvad", answer="penge")
    assert kiosk.stored()["flows"]["journey"]["answers"]["hvad"] == ["penge"]


def test_an_english_visit_still_gets_a_page_when_redis_is_down(redis_app, redis_server):
    kiosk = KioskClient(redis_app)
    kiosk.post("/sprog", {"lang": "en"})
    assert Page(kiosk.get("/").text).root.find("html").attrs["lang"] == "en"
    redis_server.stop()
    # The language lives in the store, out of reach: the page is Danish, the kiosk's own language.
    assert_kind_page(kiosk.http.get("/"), DOWN)
