"""A person walks a flow by touch, with JavaScript on and off, and "Færdig" wipes it all."""
import pytest

from tests.browser.conftest import heading, visit_id, walk_journey

pytestmark = pytest.mark.browser


def test_a_journey_with_javascript_ends_with_nothing_left(page, context, live_server):
    walk_journey(page, name="Åse Łódź")
    old = visit_id(context)
    assert live_server.app.extensions["kiosk_store"].get(old) != {}
    page.click("#done")
    page.wait_for_selector("#wiped-notice")
    assert page.url == live_server.url + "/"
    assert live_server.app.extensions["kiosk_store"].get(old) == {}
    assert visit_id(context) != old
    assert "Łódź" not in page.content()


def test_htmx_boosts_navigation_without_full_reloads(page):
    page.goto("/")
    page.evaluate("window.__sameDocument = true")
    page.click("#area-proeve")
    page.click("#flow-journey")
    heading(page, "Hvem er brevet fra?")
    assert page.evaluate("window.__sameDocument === true")


def test_a_journey_without_javascript_works_as_plain_forms(nojs_page, live_server):
    page = nojs_page
    page.goto("/")
    page.click("#area-proeve")
    page.click("#flow-journey")
    page.click("#choice-andet")
    heading(page, "Spørg personalet")
    page.click("button.next")
    page.click("#choice-hoert")
    page.click("button.next")
    page.click("#other-day summary")  # the pickers wait behind "Anden dag"; a <details> needs no script
    page.click("label:has(input[name=day][value='3'])")
    page.click("label:has(input[name=month][value='11'])")
    page.click("label:has(input[name=year])")
    page.click("button.next")
    page.click("#skip")
    heading(page, "Er det rigtigt?")
    assert "Ikke hørt" in page.inner_text("main")
    page.click("a.change-link >> nth=0")
    heading(page, "Hvem er brevet fra?")
    page.click("#choice-kommunen")
    heading(page, "Er det rigtigt?")
    page.click("button.next")
    heading(page, "Dit brev")
    page.click("#done")
    page.wait_for_selector("#wiped-notice")


def test_a_mistake_is_explained_on_the_same_screen(page):
    walk_to_text = ["#choice-kommunen", "#choice-penge", "button.next", "#today"]
    page.goto("/flow/journey/hvem")
    for selector in walk_to_text:
        page.click(selector)
    heading(page, "Hvad hedder du?")
    page.fill("#answer", "x" * 41)
    page.click("button.next")
    page.wait_for_selector("#error")
    assert page.input_value("#answer") == "x" * 41


def test_back_start_over_language_read_aloud_and_done_are_on_every_screen(page):
    for url in ["/", "/omraade/proeve", "/flow/journey/hvem", "/sprog", "/personale/"]:
        page.goto(url)
        for selector in ("#start-over", "#language", "#read-aloud", "#done"):
            assert page.is_visible(selector), (url, selector)
        if url != "/":
            assert page.is_visible("#back"), url


def test_changing_language_changes_the_page_language(page):
    page.goto("/sprog")
    page.click("#lang-en")
    page.wait_for_selector("html[lang=en]")
    assert "Start over" in page.inner_text("header")


def test_printing_without_a_printer_shows_the_pdf_with_a_big_button(page):
    walk_journey(page, name="Jens")
    assert page.is_visible(".paper")
    with page.expect_response("**/flow/journey/brev/pdf") as pdf:
        page.click("#print")
        page.wait_for_selector("#print-failed")
    assert pdf.value.headers["content-type"] == "application/pdf"
    assert "content-disposition" not in pdf.value.headers
    page.wait_for_selector("#print-frame", state="visible")  # shown by script after the swap settles


def test_printing_to_a_queue_that_fails_says_so_kindly(page, live_server, tmp_path, monkeypatch):
    fake = tmp_path / "lp"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setitem(live_server.app.extensions["kiosk_centre"], "printer_queue", "Nope")
    walk_journey(page, name="Jens")
    page.click("#print")
    page.wait_for_selector("#print-failed")
    assert "Printeren svarer ikke" in page.inner_text("h1")


def test_the_sheet_shows_the_deadline_and_qr_codes(page):
    walk_journey(page, name="Jens")
    page.click("button.next")
    heading(page, "Dit ark")
    assert page.locator(".codes svg").count() == 3
    assert page.is_visible("#deadline")
