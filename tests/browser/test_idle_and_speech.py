"""The idle warning and wipe under a fake clock, and read-aloud."""
import time

import pytest

from kiosk import speech
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


@pytest.fixture
def voices_rechecked():
    """The server caches espeak-ng's voice list; read it again after a test that hides espeak-ng."""
    yield
    speech.installed_voices.cache_clear()


def test_listening_counts_as_activity_so_no_warning_while_it_reads(page):
    open_step(page)
    page.click("#read-aloud")
    page.wait_for_selector("body[data-reading=server]")
    page.clock.run_for(160_000)  # 2 min 40 s of fake time, while the (real) sound still plays
    assert page.is_hidden("#idle")
    assert "Hvad er galt?" in page.inner_text("h1")


def test_the_idle_warning_is_read_aloud_and_its_reading_does_not_stop_the_wipe(page):
    open_step(page)
    with page.expect_request("**/tale") as request:
        page.clock.run_for(151_000)
    assert page.is_visible("#idle")
    spoken = request.value.post_data
    assert "Er du her stadig?" in spoken and "Jeg er her stadig" in spoken
    page.wait_for_selector("body[data-reading=server]")
    page.clock.run_for(31_000)
    page.wait_for_selector("#wiped-notice")


def test_espeak_ng_removed_while_running_the_button_says_there_is_no_voice(page, tmp_path, monkeypatch,
                                                                          voices_rechecked):
    page.goto("/flow/journey/hvem")
    assert page.get_attribute("#read-aloud", "data-server-voice") == "1"  # it was there at start
    monkeypatch.setenv("PATH", str(tmp_path))  # now it is gone
    with page.expect_response("**/tale") as response:
        page.click("#read-aloud")
    assert response.value.status == 404
    page.wait_for_function("document.querySelector('#read-aloud span').textContent === 'Ingen stemme til dette sprog'")


def test_a_hung_espeak_ng_soon_gives_no_voice(page, tmp_path, monkeypatch, voices_rechecked):
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(0o755)
    page.goto("/flow/journey/hvem")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    started = time.monotonic()
    with page.expect_response("**/tale", timeout=15_000) as response:
        page.click("#read-aloud")
    assert response.value.status == 404
    assert time.monotonic() - started < speech.TIMEOUT_SECONDS + 3
    page.wait_for_function("document.querySelector('#read-aloud span').textContent === 'Ingen stemme til dette sprog'")
