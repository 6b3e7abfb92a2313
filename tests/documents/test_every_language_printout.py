"""Every action sheet of every real flow, printed in every language and read back with pdftotext:
the title comes back in the person's language (Arabic in reading order), the page line and the
footer are theirs too, and the Danish part for staff is there in Danish."""
import re
import subprocess
import tempfile
import unicodedata

import pytest

from kiosk import compose
from kiosk.config import LANGUAGES
from kiosk.documents import build_sheet
from kiosk.flows import engine
from kiosk.words import Words
from tests.content.conftest import all_paths
from tests.web.test_every_language import FLOWS

CENTRE = {"centre_name": "Café Nørrebro", "borgerservice_address": "Nørrebrogade 1", "kommune": "0101"}
ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
# A run of Arabic words between punctuation, digits or Latin: pdftotext gives the runs of a line in
# the order they stand on paper (left to right), and the words inside each run in reading order.
NOT_ARABIC = re.compile(r"[^\u0600-\u06ff\s]+")


def arabic_runs(text):
    return [" ".join(ARABIC_WORD.findall(run)) for run in NOT_ARABIC.split(text) if ARABIC_WORD.search(run)]


def in_reading_order(title, text):
    """Every run of Arabic words in the title comes back with its words in reading order. A long
    title wraps, and a run can then go on over the next line: its first two words stay together."""
    printed = arabic_runs(text)
    return all(any(" ".join(run.split()[:2]) in line for line in printed) for run in arabic_runs(title))


def sheets():
    """(flow id, document id, answers) once for each sheet a person can reach."""
    found = {}
    for flow_id, flow in sorted(FLOWS.items()):
        for answers in all_paths(flow):
            for step_id in engine.walk(flow, answers):
                step = flow.steps[step_id]
                if step.kind == "document" and flow.documents[step.document].kind == "sheet":
                    found.setdefault((flow_id, step.document), answers)
    return [(flow_id, document_id, answers) for (flow_id, document_id), answers in sorted(found.items())]


SHEETS = sheets()


def read_back(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True)
    # pdftotext gives Arabic as presentation forms; NFKC gives the letters back.
    return " ".join(unicodedata.normalize("NFKC", out.stdout.decode("utf-8")).split())


def test_there_are_sheets_to_print():
    assert len(SHEETS) >= 15


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_sheet_prints_in_every_language(lang):
    words = Words(lang)
    failures = []
    for flow_id, document_id, answers in SHEETS:
        flow = FLOWS[flow_id]
        sheet = compose.sheet(flow, flow.documents[document_id], answers, CENTRE, lang)
        text = read_back(build_sheet(sheet))
        title = words(flow.documents[document_id].title)
        if lang == "ar":
            if not in_reading_order(title, text):
                failures.append((document_id, "title order", title))
        elif " ".join(title.split()) not in text:
            failures.append((document_id, "title", title))
        page = words("Side %(number)s af %(total)s", number=1, total=1)
        if lang != "ar" and not re.search(re.escape(page).replace("1", r"\d+"), text):
            failures.append((document_id, "page line", page))
        if lang != "da":
            danish_title = flow.documents[document_id].title
            if "Side 1 af" in text or danish_title not in text:
                failures.append((document_id, "the Danish part", danish_title))
    assert failures == []


def test_the_arabic_check_catches_words_out_of_order():
    """Negative control: the same words in the wrong order are not accepted as the title."""
    title = "هذا ما يجب أن تفعله: الاطلاع على ملفك"
    assert in_reading_order(title, "الاطلاع على ملفك :هذا ما يجب أن تفعله")  # as pdftotext gives it
    assert not in_reading_order(title, "ملفك على الاطلاع :تفعله أن يجب ما هذا")
