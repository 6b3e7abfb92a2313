"""An action sheet is composed in the language it is given, from data alone (no request, no
visit), and in any language but Danish it says the deadline and the steps in Danish too."""
import datetime
import subprocess
import tempfile

import pytest

from kiosk import compose, create_app
from kiosk.documents import build_sheet
from tests.conftest import TODAY

APP = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
FLOW = APP.extensions["kiosk_content"].flows["klage-afgoerelse"]
SHEET = FLOW.documents["ark-klage"]
RECEIVED = TODAY - datetime.timedelta(days=3)
ANSWERS = {"myndighed": "kommunen", "emne": "kontanthjaelp", "kanal": "digital", "modtaget": RECEIVED.isoformat()}
CENTRE = {"centre_name": "Café Nørrebro", "borgerservice_address": "Nørrebrogade 1"}
LAST_DAY = RECEIVED + datetime.timedelta(weeks=4)  # a weekday well clear of holidays (checked below)


def text_of(sheet):
    """The printed sheet read back by pdftotext, with runs of blanks as one space."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(build_sheet(sheet))
        handle.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_an_english_sheet_is_english_outside_any_request_down_to_the_footer():
    assert LAST_DAY.weekday() < 5
    sheet = compose.sheet(FLOW, SHEET, ANSWERS, CENTRE, "en")  # no app or request context here
    printed = text_of(sheet)
    assert "Page 1 of 1" in printed
    assert "Written with help at Café Nørrebro. The kiosk stores nothing." in printed
    assert "Side 1 af 1" not in printed and "Skrevet med hjælp" not in printed
    assert LAST_DAY.strftime("%B") in sheet.deadline_text  # an English month name


def test_the_danish_part_repeats_the_deadline_and_the_steps_in_danish():
    sheet = compose.sheet(FLOW, SHEET, ANSWERS, CENTRE, "en")
    danish_day = compose.Words("da").date(LAST_DAY)
    assert sheet.danish_heading == "In Danish, for staff and the caseworker"
    assert f"Sidste frist for at klage: {danish_day}" in sheet.danish
    assert sheet.danish[0] == "Det skal du gøre: klage"
    assert any(line.startswith("1. Aflever brevet hos kommunen") for line in sheet.danish)
    printed = text_of(sheet)
    assert "In Danish, for staff and the caseworker" in printed
    assert " ".join(danish_day.split()) in printed


def test_a_danish_sheet_has_no_second_danish_part():
    sheet = compose.sheet(FLOW, SHEET, ANSWERS, CENTRE, "da")
    assert sheet.danish == [] and sheet.danish_heading == ""
    assert "Side 1 af 1" in text_of(sheet)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_language_comes_from_the_argument_not_from_a_request(lang):
    with APP.test_request_context("/"):  # a request whose own language is Danish
        sheet = compose.sheet(FLOW, SHEET, ANSWERS, CENTRE, lang)
    assert sheet.page_words == ("Page %(number)s of %(total)s" if lang == "en" else "Side %(number)s af %(total)s")
