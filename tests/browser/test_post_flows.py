"""The two post flows by touch, in Danish and English, with axe on every screen."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from kiosk import create_app
from tests.browser.conftest import serve
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser
AXE = Axe()


@pytest.fixture(scope="module")
def real_server(tmp_path_factory):
    app = create_app({"SETTINGS_FILE": str(tmp_path_factory.mktemp("real") / "settings.json")})
    app.extensions["kiosk_centre"].update(borgerservice_address="Rådhuspladsen 2, Aarhus",
                                          borgerservice_hours="Man-fre 10-15")
    server, url = serve(app)
    yield url
    server.close()


@pytest.fixture
def tapper(browser, real_server):
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, base_url=real_server)
    page = context.new_page()
    violations = {}
    taps = []

    def tap(selector, expect=None):
        page.click(selector)
        taps.append(selector)
        if expect:
            page.wait_for_selector(expect)
        result = AXE.run(page, options=AXE_OPTIONS)
        if result.violations_count:
            violations[f"{page.url} after {selector}"] = result.generate_report()

    yield page, tap, taps, violations
    context.close()


def choose_language(page, lang):
    page.goto("/sprog")
    page.click(f"#lang-{lang}")
    page.wait_for_selector(f"html[lang={lang}]")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_from_a_letter_to_a_printed_complaint_in_at_most_12_taps(tapper, lang):
    """The journey the kiosk exists for, with JavaScript on: a kommune decision that came 6 days ago."""
    page, tap, taps, violations = tapper
    choose_language(page, lang)
    page.goto("/")
    taps.clear()
    tap("#flow-forstaa-brev", "#choice-kommunen")
    tap("#choice-kommunen", "#choice-afgoerelse")
    tap("#choice-afgoerelse", "#choice-digital")
    tap("#choice-digital", "#ago-6")
    tap("#ago-6", "#lead")
    assert page.locator("#lead-deadline").is_visible()
    tap("#lead", "#choice-kontanthjaelp")
    tap("#choice-kontanthjaelp", "#choice-hvorfor")  # known answers are skipped: next is the one optional screen
    tap("button.next", "#whole-letter")
    tap("#print", "#print-failed")
    # No printer here: the letter and its action sheet are both shown to print from the browser.
    assert page.locator("iframe.pdf-frame").count() == 2
    assert len(taps) <= 12, taps
    assert violations == {}, "\n".join(f"== {k}\n{v}" for k, v in violations.items())


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_deadline_and_the_next_step_are_above_the_fold(browser, real_server, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=real_server)
    page = context.new_page()
    page.goto("/flow/forstaa-brev")
    for selector in ("#choice-kommunen", "#choice-afgoerelse", "#choice-digital", "#yesterday"):
        page.click(selector)
    page.wait_for_selector("#lead")
    for selector in ("#lead-deadline", "#lead"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= size[1], (selector, box, size)
    # The first button after the sheet is not "Til forsiden": it is not there at all on a result that leads.
    assert page.locator("#to-start").count() == 0
    context.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_eviction_letter_is_urgent(tapper, lang):
    page, tap, taps, violations = tapper
    choose_language(page, lang)
    page.goto("/flow/forstaa-brev")
    tap("#choice-fogedretten", "#urgent")
    assert violations == {}, "\n".join(f"== {k}\n{v}" for k, v in violations.items())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_digital_post_check_walks_to_the_end(tapper, lang):
    page, tap, taps, violations = tapper
    choose_language(page, lang)
    page.goto("/")
    tap("#area-post", "#flow-tjek-post")
    tap("#flow-tjek-post", "#choice-nej")
    tap("#choice-nej", "button.next")        # no MitID: the sheet on how to get one
    tap("button.next", "#choice-nej")        # "can't use Digital Post at all?"
    tap("#choice-nej", "#choice-telefon")
    tap("#choice-telefon", "button.next")
    tap("button.next", "#choice-ja")         # unread letters?
    tap("#choice-ja", "#next-forstaa-brev")
    tap("button.next", "#choice-ja")         # help reading your post?
    tap("#choice-ja", "button.next")
    tap("button.next", "#to-start")
    assert violations == {}, "\n".join(f"== {k}\n{v}" for k, v in violations.items())


def test_the_letter_journey_works_without_javascript(browser, real_server):
    """Every screen is a plain form or link: disclosures are <details>, the lead is a link."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=real_server,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    for selector in ("#flow-forstaa-brev", "#choice-kommunen", "#choice-afgoerelse", "#choice-papir"):
        page.click(selector)
    page.click("#other-day summary")  # a paper letter dated earlier: the pickers open without script
    page.click("label:has(input[name=day][value='1'])")
    page.click("#other-day button.next")
    page.click("#lead")
    page.click("#choice-boligstoette")
    page.click("button.next")
    page.click("#whole-letter summary")
    letter = page.inner_text(".paper")
    assert "Udbetaling Danmark" in letter and "dateret den 1." in letter  # boligstøtte goes to UDK
    page.click("#print")
    page.wait_for_selector("#print-failed")
    context.close()
