"""Arabic in real Chromium: the page runs right to left, the bar and the arrows are mirrored, the
Danish letter stays left to right, and a screenshot of each is kept for a person to look at."""
import pytest

from tests.browser.test_keyboard import to_name_step

pytestmark = pytest.mark.browser


def to_the_second_step(page):
    """Answer the first step and wait for the second (#choice-penge is on "hvad" only): every step
    has a #back, so waiting for it could measure the first page just as htmx swaps it out."""
    page.goto("/flow/journey/hvem")
    page.click("#choice-kommunen")
    page.wait_for_selector("#choice-penge")


def in_arabic(page):
    page.goto("/sprog")
    page.click("#lang-ar")
    page.wait_for_selector("html[lang=ar][dir=rtl]")


def test_an_arabic_step_runs_right_to_left_with_mirrored_arrows(page, tmp_path):
    in_arabic(page)
    to_the_second_step(page)
    width = page.viewport_size["width"]
    back = page.locator("#back").bounding_box()
    done = page.locator("#done").bounding_box()
    assert back["x"] > done["x"], "Tilbage starts the bar on the right"
    assert back["x"] + back["width"] > width / 2
    arrow = page.eval_on_selector("#back .icon", "i => getComputedStyle(i).transform")
    assert arrow.startswith("matrix(-1"), arrow
    question = page.locator("h1").bounding_box()
    assert question["x"] + question["width"] > width * 0.8  # the question starts at the right edge
    assert page.eval_on_selector("h1", "h => getComputedStyle(h).direction") == "rtl"
    page.screenshot(path=str(tmp_path / "ar-step.png"), full_page=True)


def test_a_danish_page_is_not_mirrored(page):
    to_the_second_step(page)
    assert page.locator("#back").bounding_box()["x"] < page.locator("#done").bounding_box()["x"]
    assert page.eval_on_selector("#back .icon", "i => getComputedStyle(i).transform") == "none"


def test_the_danish_letter_stays_left_to_right_inside_an_arabic_page(page):
    in_arabic(page)
    to_name_step(page)
    page.fill("#answer", "Jens")
    page.click("button.next")
    page.wait_for_selector(".summary")
    page.click("button.next")
    page.wait_for_selector(".paper")
    assert page.eval_on_selector(".paper", "p => [p.lang, getComputedStyle(p).direction]") == ["da", "ltr"]
