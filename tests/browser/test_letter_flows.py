"""Every letter flow by touch, in Danish and English, with axe on every screen.

The walk is generic: it reads each step's kind from the flow itself and answers it the way a
person would (first picture, "today", a few typed words), so a new letter flow is covered
without a new test.
"""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from kiosk import create_app
from tests.browser.conftest import serve
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser
AXE = Axe()
APP = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
FLOWS = APP.extensions["kiosk_content"].flows
LETTER_FLOWS = sorted(f.id for f in FLOWS.values() if any(d.kind == "letter" for d in f.documents.values()))
TYPED = "Jeg har <b>ingen</b> penge & ingen bolig"


@pytest.fixture(scope="module")
def letter_server(tmp_path_factory):
    app = create_app({"SETTINGS_FILE": str(tmp_path_factory.mktemp("letters") / "settings.json")})
    app.extensions["kiosk_centre"].update(
        kommune="0751", kommune_address="Rådhuspladsen 2, 8000 Aarhus C", kommune_phone="89 40 20 00",
        borgerservice_address="Rådhuspladsen 2, Aarhus", borgerservice_hours="Man-fre 10-15",
        borgerraadgiver=True, borgerraadgiver_address="Rådhuset, 8000 Aarhus C",
        contacts=[{"name": "Værestedet", "phone": "86 12 34 56", "address": "Vestergade 1", "hours": "9-15", "note": ""}])
    server, url = serve(app)
    yield url
    server.close()


@pytest.fixture
def visitor(browser, letter_server):
    """A fresh browser tab in the chosen language, and an axe check that collects violations."""
    contexts = []

    def open_in(lang):
        context = browser.new_context(viewport={"width": 1080, "height": 1920}, base_url=letter_server)
        contexts.append(context)
        page = context.new_page()
        page.goto("/sprog")
        page.click(f"#lang-{lang}")
        page.wait_for_selector(f"html[lang={lang}]")
        violations = {}

        def check(step_id):
            result = AXE.run(page, options=AXE_OPTIONS)
            if result.violations_count:
                violations[step_id] = result.generate_report()

        return page, check, violations

    yield open_in
    for context in contexts:
        context.close()


def read_and_print(page, flow, step, letters):
    """Keep the letter preview's text, press Udskriv (no queue here: the PDF is shown), come back."""
    if flow.documents[step.document].kind != "letter":
        return
    page.click("#whole-letter summary")  # the whole letter waits behind "Se hele brevet"
    letters.append(page.inner_text(".paper"))
    assert page.locator(".paper b").count() == 0, "typed markup became markup"
    url = page.url
    page.click("#print")
    page.wait_for_selector("#print-failed")
    page.goto(url)
    page.wait_for_selector("button.next, #to-start")


def walk_letter_flow(page, flow, check, choose=None):
    """Tap through one flow to its last screen. Returns the letter previews' text.

    `choose` picks a choice other than the first on named steps.
    """
    letters = []
    choose = choose or {}
    page.goto(f"/flow/{flow.id}")
    for _ in range(40):
        step_id = re.search(r"/flow/[^/]+/([^/?#]+)", page.url).group(1)
        step = flow.steps[step_id]
        check(step_id)
        before = page.url
        if step.kind == "choice":
            page.click(f"#choice-{choose.get(step_id, step.choices[0].value)}")
        elif step.kind == "multi":
            page.click(f"#choice-{step.choices[0].value}")
            page.click("button.next")
        elif step.kind == "date":
            page.click("#today")
        elif step.kind == "time":
            page.click("label:has(input[name=hour][value='10'])")
            page.click("label:has(input[name=minute][value='30'])")
            page.click("button.next")
        elif step.kind == "text":
            page.fill("#answer", "12345678" if "telefon" in step_id else TYPED[:step.max_length])
            page.click("button.next")
        elif step.kind == "document" and page.locator("#to-start").count():
            read_and_print(page, flow, step, letters)
            return letters
        else:
            if step.kind == "document":
                read_and_print(page, flow, step, letters)
            page.click("button.next")
        # htmx swaps the page in place: wait for the address to change, not for a load event.
        page.wait_for_url(lambda url, before=before: url != before)
    raise AssertionError(f"{flow.id}: no end after 40 screens")


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("flow_id", LETTER_FLOWS)
def test_every_letter_flow_walks_to_a_printable_letter_with_no_axe_violations(visitor, flow_id, lang):
    page, check, violations = visitor(lang)
    letters = walk_letter_flow(page, FLOWS[flow_id], check)
    assert letters, f"{flow_id}: no letter on the way"
    for text in letters:
        assert "Med venlig hilsen" in text and "CPR-nr." in text
    assert violations == {}, "\n".join(f"== {k}\n{v}" for k, v in violations.items())


OTHER_FLOWS = {  # flow -> (choices other than the first, what its printout must show)
    "forbered-moede": ({}, "#when"),
    "stem": ({}, ".paper-steps"),
    "rettigheder": ({"hvilken": "print"}, "#cards"),
    "hjaelp": ({}, "#contacts"),
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("flow_id", sorted(OTHER_FLOWS))
def test_meeting_voting_rights_and_help_walk_to_their_printout(visitor, flow_id, lang):
    page, check, violations = visitor(lang)
    choose, printout = OTHER_FLOWS[flow_id]
    walk_letter_flow(page, FLOWS[flow_id], check, choose)
    assert page.locator(printout).count() == 1, f"{flow_id}: the printout lacks {printout}"
    page.click("#print")
    page.wait_for_selector("#print-failed")
    assert violations == {}, "\n".join(f"== {k}\n{v}" for k, v in violations.items())
