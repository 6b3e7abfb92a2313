"""The idle warning and wipe under a fake clock, and read-aloud."""
import pytest

from tests.browser.conftest import heading, visit_id

pytestmark = pytest.mark.browser


def open_step(page):
    page.clock.install()
    page.goto("/flow/journey/hvem")
    page.click("#choice-kommunen")
    heading(page, "Hvad er galt?")


def test_the_warning_comes_30_seconds_before_the_wipe(page):
    open_step(page)
    page.clock.run_for(149_000)
    assert page.is_hidden("#idle")
    page.clock.run_for(2_000)
    assert page.is_visible("#idle")
    assert page.inner_text("#idle-count") in ("29", "30")
    assert page.evaluate("document.activeElement.id") == "still-here"


def test_im_still_here_keeps_everything(page, live_server, context):
    open_step(page)
    page.clock.run_for(160_000)
    page.click("#still-here")
    assert page.is_hidden("#idle")
    page.clock.run_for(100_000)
    assert page.is_hidden("#idle")
    assert "Hvad er galt?" in page.inner_text("h1")
    answers = live_server.app.extensions["kiosk_store"].get(visit_id(context))["flows"]["journey"]
    assert answers["answers"] == {"hvem": "kommunen"}


def test_touching_the_screen_postpones_the_wipe(page):
    open_step(page)
    page.clock.run_for(140_000)
    page.mouse.click(5, 600)
    page.clock.run_for(100_000)
    assert page.is_hidden("#idle")
    assert "Hvad er galt?" in page.inner_text("h1")


def test_after_the_timeout_everything_is_wiped(page, live_server, context):
    open_step(page)
    old = visit_id(context)
    page.clock.run_for(181_000)
    page.wait_for_selector("#wiped-notice")
    assert live_server.app.extensions["kiosk_store"].get(old) == {}
    assert visit_id(context) != old
    assert "Hvad er galt?" not in page.content()


def test_read_aloud_starts_with_the_server_voice(page):
    page.goto("/flow/journey/hvem")
    with page.expect_response("**/tale") as response:
        page.click("#read-aloud")
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "audio/wav"
    assert "no-store" in response.value.headers["cache-control"]
    page.wait_for_selector("body[data-reading]")


def test_read_aloud_says_so_plainly_when_there_is_no_voice(page):
    page.goto("/flow/journey/hvem")
    page.evaluate("document.getElementById('read-aloud').setAttribute('data-server-voice', '0')")
    page.click("#read-aloud")
    assert page.inner_text("#read-aloud") == "Ingen stemme til dette sprog"


def test_read_aloud_reads_words_never_web_addresses(page):
    """Sources open (as staff see them) or closed, the voice gets the screen's words and no URL."""
    page.goto("/flow/journey/hvem")
    page.evaluate("document.querySelectorAll('details.sources').forEach(function (d) { d.open = true; })")
    assert "https://" in page.inner_text("main")  # the control: an address is on the screen
    with page.expect_request("**/tale") as request:
        page.click("#read-aloud")
    spoken = request.value.post_data
    assert "Hvem er brevet fra?" in spoken
    assert "http" not in spoken and "www." not in spoken
