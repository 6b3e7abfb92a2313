"""The on-screen keyboard in real Chromium: it types æøå and Arabic into the field, its keys are
big, it never covers the field, it counts as activity, and it leaves nothing behind."""
import pytest

pytestmark = pytest.mark.browser


def to_name_step(page):
    """The fixture journey by touch up to its text question."""
    page.goto("/")
    page.click("#area-proeve")
    page.click("#flow-journey")
    page.click("#choice-kommunen")  # (the question's words are translated in some languages)
    page.click("#choice-penge")
    page.click("button.next")
    page.click("#today")
    page.wait_for_selector("#answer")


def key(page, name):
    page.click(f"#keyboard .hg-button[data-skbtn='{name}']")


def open_keyboard(page):
    page.click("#answer")
    page.wait_for_selector("#keyboard .hg-button", state="visible")


def test_it_types_danish_letters_into_the_field(page):
    to_name_step(page)
    open_keyboard(page)
    for name in ("æ", "ø", "å", "{space}", "{shift}", "A", "a"):  # shift lasts one letter
        key(page, name)
    assert page.input_value("#answer") == "æøå Aa"
    key(page, "{bksp}")
    assert page.input_value("#answer") == "æøå A"
    assert page.evaluate("document.activeElement.id") == "answer"  # a key press never takes the focus


def test_the_keys_are_at_least_64_px_and_the_field_stays_above_the_keyboard(page):
    page.set_viewport_size({"width": 1366, "height": 768})
    to_name_step(page)
    open_keyboard(page)
    boxes = page.eval_on_selector_all("#keyboard .hg-button", "keys => keys.map(k => k.getBoundingClientRect())"
                                      ".map(r => [r.width, r.height])")
    assert boxes and min(min(w, h) for w, h in boxes) >= 64
    field = page.locator("#answer").bounding_box()
    board = page.locator("#keyboard").bounding_box()
    assert field["y"] >= 0 and field["y"] + field["height"] <= board["y"]


def test_it_types_arabic_right_to_left_after_one_tap_on_the_language_key(page, live_server):
    centre = live_server.app.extensions["kiosk_centre"]
    before = centre["languages"]
    centre["languages"] = ["da", "en", "ar"]
    try:
        page.goto("/sprog")
        page.click("#lang-ar")
        page.wait_for_selector("html[lang=ar][dir=rtl]")
        to_name_step(page)
        open_keyboard(page)
        assert page.inner_text("#keyboard .hg-button[data-skbtn='{lang}']") == "العربية"
        key(page, "{lang}")
        for letter in ("س", "ل", "ا", "م"):
            key(page, letter)
        assert page.input_value("#answer") == "سلام"
        key(page, "{lang}")
        key(page, "ø")
        assert page.input_value("#answer") == "سلامø"
    finally:
        centre["languages"] = before


def test_typing_on_it_counts_as_activity(page):
    page.clock.install()
    to_name_step(page)
    open_keyboard(page)
    for _ in range(5):  # 5 x 60 s: well past the 180 s timeout, but never 150 s without a key
        page.clock.run_for(60_000)
        key(page, "a")
    assert page.is_hidden("#idle")
    assert page.input_value("#answer") == "aaaaa"


def test_after_done_nothing_typed_is_left_in_the_page(page):
    canary = "kanariefugl"
    to_name_step(page)
    open_keyboard(page)
    for letter in canary:
        key(page, letter)
    assert page.input_value("#answer") == canary
    page.click("#done")
    page.wait_for_selector("#wiped-notice")
    assert canary not in page.content()
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.is_hidden("#keyboard")


def test_it_hides_and_stays_out_of_the_way(page):
    to_name_step(page)
    open_keyboard(page)
    key(page, "{hide}")
    assert page.is_hidden("#keyboard")
    assert page.evaluate("document.body.style.paddingBottom") == ""


def test_without_javascript_there_is_no_keyboard_and_the_field_takes_typing(nojs_page):
    nojs_page.goto("/flow/journey/hvem")
    nojs_page.click("#choice-kommunen")
    assert nojs_page.is_hidden("#keyboard")
