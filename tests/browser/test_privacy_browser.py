"""After a wipe nothing of the person is left in the browser: not in the DOM, storage or history.

Playwright turns the back/forward cache off by default, which would hide the leak; these
tests turn it back on, and prove the detector works on a deliberately leaky control.
"""
import re

import pytest

from kiosk import create_app
from tests.browser.conftest import ARGS, CHROMIUM, VIEWPORT, serve, walk_journey
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

BFCACHE_ARGS = ARGS + ["--enable-features=BackForwardCache,"
                       "CacheControlNoStoreEnterBackForwardCache:level/restore-unless-cookie-change"]
STORAGE_JS = """async () => ({
  local: localStorage.length, session: sessionStorage.length,
  idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  cookie: document.cookie,
})"""


class Leaky:
    """The control: the same kiosk without no-store and without the pageshow guard."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def strip(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers
                       if k.lower() not in ("cache-control", "pragma", "content-length")]
            return start_response(status, headers, exc_info)

        body = b"".join(self.app(environ, strip))
        return [re.sub(rb'<script src="/static/js/guard.js"></script>', b"", body)]


@pytest.fixture(scope="module")
def bfcache_browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=BFCACHE_ARGS,
        ignore_default_args=["--disable-back-forward-cache"])
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def leaky_server(tmp_path_factory):
    app = create_app({"CONTENT_DIR": str(FIXTURES),
                      "SETTINGS_FILE": str(tmp_path_factory.mktemp("leaky") / "s.json")})
    server, url = serve(Leaky(app))
    yield url
    server.close()


def back_and_forth(browser, base_url, wipe):
    """User A writes a letter, the kiosk is wiped, user B presses Back 5x and Forward 5x."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    page = context.new_page()
    canary = "CANARYbfcache7f3a"
    walk_journey(page, name=canary)
    wipe(page)
    seen, restored = [], []
    page.on("framenavigated", lambda frame: None)
    for direction in ["back"] * 5 + ["forward"] * 5:
        try:
            (page.go_back if direction == "back" else page.go_forward)(wait_until="commit", timeout=5000)
        except Exception:
            pass
        page.wait_for_timeout(400)
        try:
            html = page.content()
        except Exception:
            page.wait_for_timeout(400)
            html = page.content()
        seen.append(canary in html)
        restored.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0]?.type || ''"))
    history = page.evaluate("history.length")
    context.close()
    return seen, history


def wipe_by_done(page):
    page.click("#done")
    page.wait_for_selector("#wiped-notice")


def wipe_by_start_over(page):
    page.click("#start-over")
    page.wait_for_url("**/")


def wipe_by_idle(page):
    page.evaluate("document.getElementById('idle').setAttribute('data-idle-seconds', '2')")
    page.wait_for_selector("#wiped-notice", timeout=10000)


@pytest.mark.parametrize("wipe", [wipe_by_done, wipe_by_start_over, wipe_by_idle])
def test_back_and_forward_after_a_wipe_never_show_the_previous_person(bfcache_browser, live_server, wipe):
    seen, history = back_and_forth(bfcache_browser, live_server.url, wipe)
    print(f"T4 {wipe.__name__}: canary visible {sum(seen)}/{len(seen)}, history length {history}")
    assert sum(seen) == 0


def test_the_leaky_control_does_show_the_previous_person(bfcache_browser, leaky_server):
    seen, _ = back_and_forth(bfcache_browser, leaky_server, wipe_by_done)
    print(f"T4 leaky control: canary visible {sum(seen)}/{len(seen)}")
    assert sum(seen) >= 1, "the detector is blind: the leaky control showed nothing"


def test_browser_storage_is_empty_after_a_wipe(page, context):
    walk_journey(page, name="CANARYstorage")
    page.click("#done")
    page.wait_for_selector("#wiped-notice")
    storage = page.evaluate(STORAGE_JS)
    assert storage == {"local": 0, "session": 0, "idb": 0, "caches": 0, "cookie": ""}
    cookies = context.cookies()
    assert [c["name"] for c in cookies] == ["kiosk"]
    assert cookies[0]["httpOnly"] and "CANARY" not in cookies[0]["value"]


def test_nothing_is_written_to_browser_storage_during_a_visit(page):
    walk_journey(page, name="CANARYduring")
    storage = page.evaluate(STORAGE_JS)
    assert (storage["local"], storage["session"], storage["idb"]) == (0, 0, 0)
