"""PDFs made at the same moment on several server threads each come out whole and right.

reportlab shares its fonts between documents, and a font's subset is cut at save time through
state on the shared font. The 200-kiosk central load run got 3 PDFs of 7,037 as a 500 (KeyError or
IndexError in reportlab's makeSubset) when two threads saved at once; kiosk.documents now builds
one PDF at a time.
"""
import re
import sys
import threading

import pytest

from kiosk import compose
from kiosk.documents import build_sheet
from tests.documents.test_every_language_printout import CENTRE, FLOWS, SHEETS

THREADS = 8
ROUNDS = 10
# The parts of a PDF that differ from one build to the next by design: its time and its id.
VARIES = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)|\[<[0-9a-f]{32}><[0-9a-f]{32}>\]")


def same_parts(pdf):
    return VARIES.sub(b"", pdf)


@pytest.fixture
def busy_switching():
    """Threads take turns every microsecond instead of every 5 ms, so a race shows up at once."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_pdfs_built_at_once_are_each_the_pdf_built_alone(busy_switching):
    # Four sheets whose fonts differ (Latin, Cyrillic, Arabic), each with its own glyph subset.
    flow_id, document_id, answers = SHEETS[0]
    flow = FLOWS[flow_id]
    sheets = [compose.sheet(flow, flow.documents[document_id], answers, CENTRE, lang)
              for lang in ("da", "uk", "ar", "kl")]
    alone = [same_parts(build_sheet(sheet)) for sheet in sheets]
    problems = []

    def person(number):
        for _ in range(ROUNDS):
            for index in range(len(sheets)):
                which = (index + number) % len(sheets)  # threads start on different sheets
                try:
                    if same_parts(build_sheet(sheets[which])) != alone[which]:
                        problems.append(f"sheet {which} came out different")
                except Exception as exc:  # noqa: BLE001 - the failure is what this test looks for
                    problems.append(f"sheet {which}: {type(exc).__name__}")

    threads = [threading.Thread(target=person, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []


def test_the_comparison_sees_a_different_pdf():
    """Negative control: two different sheets are not taken for the same one."""
    flow_id, document_id, answers = SHEETS[0]
    flow = FLOWS[flow_id]
    da, uk = (same_parts(build_sheet(compose.sheet(flow, flow.documents[document_id], answers, CENTRE, lang)))
              for lang in ("da", "uk"))
    assert da != uk and VARIES.search(build_sheet(compose.sheet(flow, flow.documents[document_id],
                                                                 answers, CENTRE, "da")))
