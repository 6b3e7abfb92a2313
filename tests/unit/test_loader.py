"""The loader refuses a broken flow at start-up, naming every problem."""
import shutil
from pathlib import Path

import pytest

from kiosk.flows.loader import ContentError, load_content

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def content(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "c")
    return tmp_path / "c"


def problems(content_dir, pictures=lambda name: name != "missing-picture"):
    with pytest.raises(ContentError) as info:
        load_content(content_dir, pictures)
    return "\n".join(info.value.problems)


def edit(content_dir, old, new, name="journey.toml"):
    path = content_dir / "flows" / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_fixture_content_loads(content):
    areas, flows = load_content(content, lambda name: True)
    assert set(flows) == {"journey", "short", "branch"}
    assert set(areas) == {"proeve", "tom"}


def test_a_next_that_points_nowhere_is_refused(content):
    edit(content, 'next = "hvornaar"', 'next = "nowhere"')
    assert "next 'nowhere' does not exist" in problems(content)


def test_a_missing_picture_is_refused(content):
    edit(content, 'picture = "help"', 'picture = "missing-picture"')
    assert "picture 'missing-picture' not found" in problems(content)


def test_a_missing_letter_template_is_refused(content):
    (content / "letters" / "journey.txt").unlink()
    assert "template 'journey.txt' not found" in problems(content)


def test_an_undeclared_source_is_refused(content):
    edit(content, 'sources = ["kilde"]', 'sources = ["ukendt"]')
    assert "source 'ukendt' is not declared" in problems(content)


def test_a_source_without_a_checked_date_is_refused(content):
    edit(content, 'checked = "2026-11-01"', 'checked = "sometime"')
    assert "no ISO 'checked' date" in problems(content)


def test_a_loop_is_refused(content):
    edit(content, 'next = "tjek"', 'next = "hvem"')
    assert "loop back" in problems(content)


def test_an_unreachable_step_is_refused(content):
    edit(content, 'value = "andet"\n  label = "Andet"\n  picture = "help"\n  next = "andet-info"',
         'value = "andet"\n  label = "Andet"\n  picture = "help"\n  next = "hvad"')
    assert "step 'andet-info' cannot be reached" in problems(content)


def test_an_unknown_key_is_refused(content):
    edit(content, 'summary = "Afsender"', 'sumary = "Afsender"')
    assert "unknown key 'sumary'" in problems(content)


def test_an_unknown_step_kind_is_refused(content):
    edit(content, 'kind = "check"', 'kind = "chekc"')
    assert "unknown kind 'chekc'" in problems(content)


def test_a_flow_in_an_unknown_area_is_refused(content):
    edit(content, 'area = "proeve"', 'area = "nope"')
    assert "unknown area 'nope'" in problems(content)


def test_a_document_step_needs_a_declared_document(content):
    edit(content, 'document = "brev"', 'document = "andet"')
    assert "document 'andet' is not declared" in problems(content)


def test_broken_toml_is_refused(content):
    (content / "flows" / "bad.toml").write_text("id = \n")
    assert "bad.toml" in problems(content)


def test_a_letter_template_without_its_blocks_is_refused(content):
    (content / "letters" / "journey.txt").write_text("{% block emne %}x{% endblock %}")
    assert "has no block 'modtager'" in problems(content)


def test_a_deadline_must_count_from_a_date_step(content):
    edit(content, 'deadline = { received = "hvornaar", amount = 4, unit = "weeks" }',
         'deadline = { received = "hvem", amount = 4, unit = "fortnights" }')
    found = problems(content)
    assert "'hvem' is not a date step" in found and "is not valid" in found


def test_a_sheet_with_more_than_three_steps_is_refused(content):
    edit(content, 'steps = ["Aflever brevet (klage).", "Bed om en kvittering."]', 'steps = ["a", "b", "c", "d"]')
    assert "one to three steps" in problems(content)


def test_a_qr_link_must_be_https(content):
    edit(content, 'value = "https://www.borger.dk/"', 'value = "javascript:alert(1)"')
    assert "needs an https URL" in problems(content)


def test_a_route_on_an_unknown_step_or_choice_is_refused(content):
    edit(content, 'route = { on = "art", cases = { a = "res-a", b = "frist" }, default = "res-c" }',
         'route = { on = "dato", cases = { zz = "res-a", b = "nowhere" }, default = "res-c" }', "branch.toml")
    found = problems(content)
    assert "route.on 'dato' is not a choice or multi step" in found and "next 'nowhere' does not exist" in found


def test_a_tel_code_must_read_a_text_answer(content):
    edit(content, 'answer = "tlf"', 'answer = "art"', "branch.toml")
    assert "answer 'art' is not a text step" in problems(content)


def test_a_lateness_route_must_be_on_a_date_and_name_late_or_in_time(content):
    edit(content, 'id = "hvornaar"\nkind = "date"', 'id = "hvornaar"\nkind = "date"\n'
         'route = { on = "hvem", late = { amount = 4, unit = "given" }, cases = { soon = "navn" } }')
    found = problems(content)
    assert "route.on 'hvem' is not a date step" in found
    assert "route.late unit 'given' is not valid" in found
    assert "route case 'soon' is not 'late' or 'in-time'" in found


def test_carried_answers_must_land_on_a_question_step(content):
    edit(content, 'first = "hvem"', 'first = "hvem"\ncarry = { short = { tjek = "x", hvem = "afsender" } }')
    found = problems(content)
    assert "carry from 'short' into 'tjek', which is no question step" in found
    assert "into 'hvem'" not in found


def letter_with(content, extra):
    path = content / "letters" / "journey.txt"
    path.write_text(path.read_text().replace("{% if frist %}", extra + "\n{% if frist %}", 1))


def test_a_letter_that_reads_a_step_the_flow_does_not_have_is_refused(content):
    letter_with(content, '{% if svar.get("hvdd") %}x{% endif %}')
    assert "letter 'journey.txt' reads step 'hvdd', which the flow does not have" in problems(content)


@pytest.mark.parametrize("typo", [
    '{% if svar.get("hvem") == "kommnen" %}x{% endif %}',
    '{% if "pengge" in svar.get("hvad") %}x{% endif %}',
    '{% set valgte = svar.get("hvad") or [] %}{% if "pengge" in valgte %}x{% endif %}',
    '{% if svar.hvem in ("kommunen", "kommnen") %}x{% endif %}',
])
def test_a_letter_that_compares_an_answer_with_a_choice_that_does_not_exist_is_refused(content, typo):
    letter_with(content, typo)
    found = problems(content)
    assert "which is not one of its choices" in found and ("kommnen" in found or "pengge" in found)


def test_a_letter_that_names_real_steps_and_choices_loads(content):
    letter_with(content, '{% set valgte = svar.get("hvad") or [] %}{% if "penge" in valgte and '
                         'svar.get("hvem") != "kommunen" and "navn" in svar %}x{% endif %}')
    load_content(content, lambda name: True)
