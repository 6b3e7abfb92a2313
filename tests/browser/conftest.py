"""Real Chromium (Debian's) driven by Playwright, against the kiosk served by waitress.

`playwright install` cannot download a browser here, so the tests use /usr/bin/chromium.
"""
import re
import shutil
import threading
from dataclasses import dataclass

import pytest
import waitress

from kiosk import create_app
from tests.conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"]
VIEWPORT = {"width": 1080, "height": 1920}


@dataclass
class Server:
    url: str
    app: object


def serve(app):
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.effective_port}"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    app = create_app({"CONTENT_DIR": str(FIXTURES),
                      "SETTINGS_FILE": str(tmp_path_factory.mktemp("inst") / "settings.json")})
    server, url = serve(app)
    yield Server(url, app)
    server.close()


@pytest.fixture(scope="session")
def playwright_instance():
    if not shutil.which("chromium") and not shutil.os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run `make setup-test` (as root it installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def nojs_page(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url,
                                  java_script_enabled=False)
    yield context.new_page()
    context.close()


def heading(page, text):
    page.wait_for_selector(f"h1:has-text('{text}')")


def walk_journey(page, name="Jens"):
    """The fixture journey by touch, from the start screen to the letter preview."""
    page.goto("/")
    page.click("#area-proeve")
    page.click("#flow-journey")
    heading(page, "Hvem er brevet fra?")
    page.click("#choice-kommunen")
    heading(page, "Hvad er galt?")
    page.click("#choice-penge")
    page.click("button.next")
    heading(page, "Hvornår fik du brevet?")
    page.click("#today")
    heading(page, "Hvad hedder du?")
    page.fill("#answer", name)
    page.click("button.next")
    heading(page, "Er det rigtigt?")
    page.click("button.next")
    heading(page, "Dit brev")
    page.wait_for_selector(f".paper:has-text('{name}')")


def visit_id(context):
    return next(c["value"] for c in context.cookies() if c["name"] == "kiosk")


def text_without_tags(html):
    return re.sub(r"<[^>]+>", " ", html)
