"""axe-core finds nothing on any screen, in every language; every touch target is at least 64 px."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from kiosk.config import LANGUAGES
from tests.browser.conftest import heading

pytestmark = pytest.mark.browser
AXE = Axe()
# axe's default rules check WCAG AA contrast (4.5:1); the kiosk promises 7:1, so add the AAA rule.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"color-contrast-enhanced": {"enabled": True}}}

# Interactive things a finger must hit. A hidden radio or checkbox is hit through its label.
TARGETS_JS = """
() => {
  const small = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea')) {
    let box = el;
    if (el.matches('input[type=radio], input[type=checkbox]') && el.closest('label')) box = el.closest('label');
    if (seen.has(box)) continue;
    seen.add(box);
    const r = box.getBoundingClientRect();
    const style = getComputedStyle(box);
    if (r.width === 0 && r.height === 0) continue;
    if (style.visibility === 'hidden' || box.closest('[hidden]')) continue;
    const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
    if (r.width < 64 || r.height < 64) small.push(`${box.tagName}#${box.id} ${size} "${box.innerText.trim().slice(0, 30)}"`);
  }
  return small;
}
"""


def screens(page):
    """Yield (name) after putting the page on each screen of the kiosk in turn."""
    page.goto("/")
    yield "start"
    page.goto("/omraade/proeve")
    yield "area"
    page.goto("/sprog")
    yield "language"
    page.goto("/flow/journey/hvem")
    yield "choice"
    page.click("#choice-kommunen")
    page.wait_for_selector("input[name=answer][type=checkbox]")
    page.click("button.next")
    page.wait_for_selector("#error")
    yield "multi with error"
    page.click("#choice-penge")
    page.click("button.next")
    page.wait_for_selector("#today")
    yield "date"
    page.click("#other-day summary")
    page.wait_for_selector("input[name=day]")
    yield "date, other day open"
    page.click("#today")
    page.wait_for_selector("textarea#answer")
    yield "text"
    page.fill("#answer", "Jens")
    page.click("button.next")
    page.wait_for_selector(".summary")
    yield "check"
    page.click("button.next")
    page.wait_for_selector(".paper")
    yield "letter preview"
    page.click("#print")
    page.wait_for_selector("#print-failed")
    yield "no printer"
    page.click("#back-to-document")
    page.wait_for_selector(".paper")
    page.click("button.next")
    page.wait_for_selector(".codes")
    yield "sheet preview"
    page.goto("/flow/short/kun")
    yield "last info"
    page.goto("/personale/")
    yield "staff login"
    page.goto("/nowhere")
    yield "404"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_axe_finds_no_violations_on_any_screen(page, lang):
    page.goto("/sprog")
    page.click(f"#lang-{lang}")
    page.wait_for_selector(f"html[lang={lang}]")
    failures = {}
    count = 0
    for name in screens(page):
        count += 1
        result = AXE.run(page, options=AXE_OPTIONS)
        if result.violations_count:
            failures[name] = result.generate_report()
    print(f"axe ({lang}): {count} screens, violations on {len(failures)}")
    assert not failures, "\n".join(f"== {k}\n{v}" for k, v in failures.items())


def test_every_touch_target_is_at_least_64_px(page):
    small = {}
    for name in screens(page):
        found = page.evaluate(TARGETS_JS)
        if found:
            small[name] = found
    assert not small, small


SMALL_TEXT_JS = """
() => [...document.querySelectorAll('body *')]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(el => el.getClientRects().length && !el.closest('.visually-hidden'))
  .filter(el => parseFloat(getComputedStyle(el).fontSize) < 22)
  .map(el => `${el.tagName}.${el.className} ${getComputedStyle(el).fontSize}`)
"""


def test_all_text_is_at_least_22_px_in_atkinson(page):
    small = {}
    for name in screens(page):
        found = page.evaluate(SMALL_TEXT_JS)
        if found:
            small[name] = found
    assert not small, small
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.replace('"', "").startswith("Atkinson")
    assert page.evaluate("document.fonts.check('24px Atkinson')")


def test_staff_settings_pass_axe_too(page, live_server):
    from kiosk.cli import set_pin

    settings = live_server.app.config["SETTINGS_FILE"]
    set_pin(settings, "2468")
    import json

    live_server.app.extensions["kiosk_centre"]["staff_pin_hash"] = json.load(open(settings))["staff_pin_hash"]
    page.goto("/personale/")
    page.fill("#pin", "2468")
    page.click("#pin-submit")
    heading(page, "Indstillinger for værestedet")
    result = AXE.run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, result.generate_report()
    assert not page.evaluate(TARGETS_JS)


def test_the_checkers_do_catch_a_bad_page(page):
    """Negative control: a tiny button and an image without alt must be reported."""
    page.goto("/")
    page.evaluate("""() => {
        const b = document.createElement('button'); b.textContent = 'x'; b.id = 'tiny';
        b.style.width = '20px'; b.style.height = '20px'; b.style.padding = '0';
        document.querySelector('main').append(b);
        const i = document.createElement('img'); i.src = '/static/css/kiosk.css';
        document.querySelector('main').append(i);
    }""")
    assert any("tiny" in found for found in page.evaluate(TARGETS_JS))
    assert AXE.run(page).violations_count >= 1


def test_the_contrast_check_holds_text_to_7_to_1(page):
    """Negative control: small grey text at 5.3:1 passes WCAG AA but must fail the kiosk's 7:1."""
    page.goto("/")
    page.evaluate("""() => {
        const p = document.createElement('p'); p.textContent = 'grå tekst'; p.id = 'grey';
        p.style.color = '#6b6b6b'; p.style.background = '#fff'; p.style.fontSize = '16px';  // CSSOM: CSP blocks style attributes
        document.querySelector('main').append(p);
    }""")
    assert AXE.run(page).violations_count == 0
    result = AXE.run(page, options=AXE_OPTIONS)
    assert "color-contrast-enhanced" in result.generate_snapshot()
