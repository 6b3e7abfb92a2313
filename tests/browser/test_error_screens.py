"""With JavaScript on, every error page reaches the screen. htmx 2 swaps no 4xx or 5xx answer by
default, so the staff lock-out never showed and "too much text" did nothing (issue 12 §3); kiosk.js
now shows each one, as a browser without JavaScript does. Each test reads what the person sees,
and checks that htmx brought it (the same document, no reload)."""
import errno

import pytest

from kiosk import create_app
from kiosk.cli import set_pin
from tests.browser.conftest import VIEWPORT, Server, heading, serve
from tests.conftest import FIXTURES
from tests.web.redis_server import RedisServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = tmp_path_factory.mktemp("errors") / "settings.json"
    set_pin(settings, "4711")
    app = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings)})
    http, url = serve(app)
    yield Server(url, app)
    http.close()


@pytest.fixture
def screen(browser, server):
    context = browser.new_context(viewport=VIEWPORT, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)  # a page that never comes fails in seconds, not half a minute
    yield page
    context.close()


def open_page(page, url):
    page.goto(url)
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.__sameDocument = true")  # a full page load would forget this


def submit(page, selector):
    """Press a button and wait until the answer is on the screen (htmx replaces <main>)."""
    page.evaluate("document.getElementById('main').setAttribute('data-before', '')")
    page.click(selector)
    page.wait_for_selector("main:not([data-before])")
    assert page.evaluate("window.__sameDocument === true"), "the page was loaded again, not swapped by htmx"


def seen(page):
    """(heading, the rest of what the main part of the screen says)."""
    return page.inner_text("main h1"), " ".join(page.inner_text("main").split())


def add_to_main(page, html):
    # A link or form the kiosk would never show, made live the way htmx makes its own.
    page.evaluate("html => { const main = document.getElementById('main');"
                  " main.insertAdjacentHTML('beforeend', html); htmx.process(main); }", html)


def test_a_stale_screen_says_so_and_leads_to_start(screen):
    open_page(screen, "/flow/journey/hvem")
    screen.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(i => { i.value = 'é'.repeat(64); })")
    submit(screen, "#choice-kommunen")
    title, text = seen(screen)
    assert title == "Skærmen har været åben for længe"
    assert "Tryk på Start og prøv igen." in text
    screen.click("#to-start")
    screen.wait_for_selector("#area-proeve")


def test_a_page_that_does_not_exist_says_so(screen):
    open_page(screen, "/")
    add_to_main(screen, '<a href="/flow/findes-ikke" id="gone">x</a>')
    submit(screen, "#gone")
    assert seen(screen)[0] == "Siden findes ikke"


def test_a_request_the_kiosk_does_not_take_says_it_did_not_work(screen):
    open_page(screen, "/")
    token = screen.get_attribute("input[name=csrf_token]", "value")
    add_to_main(screen, f'<form method="post" action="/omraade/proeve"><input type="hidden" name="csrf_token"'
                        f' value="{token}"><button id="wrong-method">x</button></form>')
    submit(screen, "#wrong-method")
    assert seen(screen)[0] == "Det gik ikke"


def test_too_much_text_says_so_and_leads_back_to_the_text(screen):
    open_page(screen, "/flow/journey/hvem")
    submit(screen, "#choice-kommunen")
    screen.click("#choice-penge")  # a box to tick: nothing is sent yet
    submit(screen, "button.next")
    submit(screen, "#today")
    assert seen(screen)[0] == "Hvad hedder du?"
    screen.fill("#answer", "x" * 70_000)
    submit(screen, "button.next")
    title, text = seen(screen)
    assert title == "Der var for meget tekst"
    assert "Gå tilbage og skriv en kortere tekst." in text
    screen.click("#back")
    heading(screen, "Hvad hedder du?")


def test_the_staff_lock_out_replaces_the_wrong_pin_message(screen, server):
    # A new PIN (a new salted hash) starts a clean count, as `set-pin` on the PC does.
    set_pin(server.app.config["SETTINGS_FILE"], "4711")
    open_page(screen, "/personale/")
    for _ in range(server.app.config["STAFF_MAX_TRIES"] - 1):
        screen.fill("#pin", "0000")
        submit(screen, "#pin-submit")
        assert screen.inner_text("#error") == "Forkert PIN. Prøv igen."
    screen.fill("#pin", "0000")
    submit(screen, "#pin-submit")
    assert screen.inner_text("#error").startswith("For mange forkerte forsøg.")
    assert "Forkert PIN" not in seen(screen)[1]
    screen.fill("#pin", "4711")  # the right PIN, during the lock: still locked, and it says so
    submit(screen, "#pin-submit")
    assert screen.inner_text("#error").startswith("For mange forkerte forsøg.")
    assert screen.url.endswith("/personale/")
    set_pin(server.app.config["SETTINGS_FILE"], "4711")  # staff get in again at once
    screen.fill("#pin", "4711")
    screen.click("#pin-submit")
    heading(screen, "Indstillinger for værestedet")


def test_a_crash_shows_the_kind_page(screen, monkeypatch):
    from kiosk.flows import parse as parse_module

    def explode(step, form, today):
        raise ValueError("a bug")

    monkeypatch.setitem(parse_module.PARSERS, "choice", explode)  # the server runs in this process
    open_page(screen, "/flow/journey/hvem")
    submit(screen, "#choice-kommunen")
    title, text = seen(screen)
    assert title == "Noget gik galt"
    assert "Det er ikke din skyld." in text


# ---- Faults under the kiosk (issue 12 §10, issue 14): what the person sees, JavaScript on ----

@pytest.fixture
def redis_kiosk(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    redis = RedisServer(folder).start()
    app = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(tmp_path / "settings.json"),
                      "REDIS_URL": redis.url, "SECRET_KEY": "test"})
    http, url = serve(app)
    yield Server(url, app), redis
    http.close()
    redis.stop()


def test_redis_down_mid_visit_shows_kind_pages_and_the_wipe_says_what_happened(browser, redis_kiosk):
    server, redis = redis_kiosk
    context = browser.new_context(viewport=VIEWPORT, base_url=server.url)
    screen = context.new_page()
    screen.set_default_timeout(10_000)
    try:
        open_page(screen, "/flow/journey/hvem")
        submit(screen, "#choice-kommunen")
        redis.stop()
        screen.click("#choice-penge")
        submit(screen, "button.next")
        title, text = seen(screen)
        assert title == "Noget gik galt" and "Det er ikke din skyld." in text
        screen.click("#done")  # "Færdig – slet alt" on the error page itself: a full page load
        heading(screen, "Det gik ikke at slette lige nu")
        assert "slettet af sig selv" in seen(screen)[1]
        redis.start()  # back: the same kiosk process serves again
        screen.click("#to-start")
        screen.wait_for_selector("#area-proeve")
    finally:
        context.close()


def test_settings_not_saved_on_a_read_only_disk_is_said_on_screen(screen, server, monkeypatch):
    from kiosk import config as cfg

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    set_pin(server.app.config["SETTINGS_FILE"], "4711")
    open_page(screen, "/personale/")
    screen.fill("#pin", "4711")
    screen.click("#pin-submit")
    heading(screen, "Indstillinger for værestedet")
    screen.evaluate("window.__sameDocument = true")
    # The server runs in this process. (The real read-only folder and full disk are tested in
    # tests/web/test_staff.py; here what matters is that the message reaches the screen.)
    monkeypatch.setattr(cfg, "write_centre_settings", read_only)
    submit(screen, "#save")
    assert screen.inner_text("#not-saved") == ("Indstillingerne blev ikke gemt. Disken er fuld eller "
                                               "skrivebeskyttet. Bed den, der passer pc'en, om hjælp.")
    assert screen.query_selector("#saved") is None
