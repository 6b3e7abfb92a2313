"""Every text the forms accept lays out: long words with no spaces, hundreds of short lines, the
maximum length in every field at once, in Latin, Cyrillic and Arabic. The fuzz found that such
text stopped a letter with reportlab's LayoutError (issue 12 §2); here each letter and sheet, and
every document of every real flow, is built with it and read back word by word (pages.py)."""
import pytest
from werkzeug.datastructures import MultiDict

from kiosk import centre
from kiosk.documents import Letter, Sheet, build_letter, build_sheet
from kiosk.flows import engine
from kiosk.flows.parse import parse
from kiosk.pdftext import RTLParagraph
from tests.conftest import KioskClient
from tests.content.conftest import all_paths, seed
from tests.documents.pages import HOSTILE_KINDS, assert_lays_out, hostile, words

# The longest text step takes 600 characters; staff settings take 200 (centre.FIELD_LIMIT).
TYPED, STAFF = 600, centre.FIELD_LIMIT


@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_a_letter_with_hostile_text_in_every_field_at_once_lays_out(kind):
    text, short = hostile(kind, TYPED), hostile(kind, STAFF)
    letter = Letter(sender=[text, text, text], recipient=[short, short], subject=text, body=[text, text],
                    signer=text, place=short, centre=short, hand_in=text)
    assert_lays_out(build_letter(letter), kind)


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_a_sheet_with_hostile_text_in_every_field_at_once_lays_out(kind, rtl):
    # Typed text (a meeting place, questions) and staff settings at their limit; the words that
    # come from content (title, steps, cards) are shorter, hostile text too, but not a form's.
    text, short, content = hostile(kind, TYPED), hostile(kind, STAFF), hostile(kind, 60)
    contacts = [(short, [short, short, short], "tel:+4533663366")] * 8
    sheet = Sheet(title=content, steps=[content] * 3, deadline_label=content, deadline_text=content,
                  deadline_notes=[content], where=[short, short], codes=[("https://www.borger.dk/", "Borger.dk")],
                  centre=short, rtl=rtl, when=[content, content, text], lists=[(content, [text, text])],
                  notes=content, contacts=contacts, cards=[(content, [content, content], content)] * 3)
    assert_lays_out(build_sheet(sheet), kind)


def test_three_hundred_arabic_lines_go_on_over_the_next_page_in_order():
    pdf = build_letter(Letter(sender=["x"], recipient=["x"], subject="x", body=["ب\n" * 299 + "ج"], signer="x"))
    placed = words(pdf)
    assert {page for page, *_ in placed} >= {0, 1, 2}
    arabic = [w for w in placed if w[-1] in ("ب", "ﺏ", "ج", "ﺝ")]
    assert len(arabic) == 300 and arabic[-1][-1] in ("ج", "ﺝ"), "a line was lost or the order changed"


def test_a_right_to_left_paragraph_splits_into_parts_that_fit():
    paragraph = RTLParagraph("ب\n" * 99 + "ب", size=10, leading=15)
    head, tail = paragraph.split(400, 150)
    assert head.wrap(400, 150)[1] <= 150
    tail.wrap(400, 1000)
    assert len(head.lines) + len(tail.lines) == 100
    assert paragraph.split(400, 10) == []  # not even one line: the frame moves it on


def test_right_to_left_text_taller_than_a_page_splits_inside_a_padded_table_cell():
    # A table splits a row at the column's width but draws its cells less the padding: parts
    # made at the wider width came out taller than measured and ran into the footer.
    sheet = Sheet(title="x", steps=[], cards=[("x", ["م" * 4000], "x"), ("x", ["x"], "x")])
    assert_lays_out(build_sheet(sheet))


def test_a_long_word_in_a_staff_name_shrinks_or_cuts_the_footer_but_keeps_the_page_number():
    pdf = build_letter(Letter(sender=["x"], recipient=["x"], subject="x", body=["x"], signer="x",
                              centre="W" * STAFF))
    bottom = [w[-1] for w in words(pdf) if w[4] > w[2] - 60]
    assert bottom[0] == "Skrevet" and bottom[-4:] == ["Side", "1", "af", "1"], bottom
    assert_lays_out(pdf)


# ---- Every document of every real flow, with hostile text typed into every text step. ----

def hostile_centre(kind):
    """The staff settings form filled to its limit with the same kind of text, as the form takes it."""
    short = hostile(kind, STAFF)
    form = MultiDict({key: short for key in ("centre_name", "centre_place", "borgerservice_address",
                                             "borgerservice_hours", "kommune_address",
                                             "borgerraadgiver_address")})
    form.update({"kommune_phone": "33 66 33 66", "borgerraadgiver_phone": "33 66 33 66",
                 "borgerraadgiver": "1", "idle_timeout_seconds": "180", "kommune": centre.kommuner()[0]["code"]})
    for i in range(centre.MAX_CONTACTS):
        form.update({f"contact-{i}-{field}": short for field in centre.CONTACT_FIELDS})
    settings, errors = centre.parse_settings(form, {}, ["da", "en"])
    assert not errors, errors
    return settings


def document_walks(flow):
    """One finished walk for each different set of documents a person can reach."""
    seen = {}
    for answers in all_paths(flow):
        walk = engine.walk(flow, answers)
        documents = tuple(s for s in walk if flow.steps[s].kind == "document")
        if documents and documents not in seen:
            seen[documents] = answers
    return [(answers, documents) for documents, answers in seen.items()]


def typed(flow, answers, kind):
    """The walk with every text step answered with hostile text, exactly as the step's form takes it."""
    answers = dict(answers)
    for step_id in engine.walk(flow, answers):
        step = flow.steps[step_id]
        if step.kind == "text":
            result = parse(step, MultiDict({"answer": hostile(kind, step.max_length)}))
            assert result.error is None, (flow.id, step_id, kind)
            answers[step_id] = result.value
    return answers


# The kinds above that reach the paper differently through a letter template: many lines and
# paragraphs, and words with no space in both directions. All kinds are tried on the builders.
@pytest.mark.parametrize("kind", ["lines-rtl", "paragraphs", "word", "word-rtl"])
def test_every_document_of_every_flow_lays_out_with_hostile_text(real_app, kind):
    real_app.extensions["kiosk_centre"].update(hostile_centre(kind))
    built = 0
    for flow in sorted(real_app.extensions["kiosk_content"].flows.values(), key=lambda f: f.id):
        for answers, documents in document_walks(flow):
            person = KioskClient(real_app)
            seed(person, flow.id, typed(flow, answers, kind))
            for step_id in documents:
                response = person.http.get(f"/flow/{flow.id}/{step_id}/pdf")
                assert response.status_code == 200, (flow.id, step_id, kind)
                assert_lays_out(response.data, f"{flow.id}/{step_id} with {kind}")
                built += 1
    assert built >= 30
