"""The engine walks fixture flows; it never touches Flask."""
import ast
from pathlib import Path

import pytest

from kiosk.flows import engine
from kiosk.flows.loader import load_content

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def journey():
    _, flows = load_content(FIXTURES, lambda name: True)
    return flows["journey"]


def test_a_new_person_starts_at_the_first_step(journey):
    assert engine.walk(journey, {}) == ["hvem"]


def test_the_walk_follows_the_chosen_branch(journey):
    assert engine.walk(journey, {"hvem": "andet"}) == ["hvem", "andet-info"]
    assert engine.walk(journey, {"hvem": "kommunen"}) == ["hvem", "hvad"]


def test_progress_counts_the_projected_route(journey):
    assert engine.progress(journey, {}, "hvem") == (1, 7)
    assert engine.progress(journey, {"hvem": "andet"}, "andet-info") == (2, 8)


def test_back_goes_to_the_previous_answered_step(journey):
    answers = {"hvem": "andet", "andet-info": True, "hvad": ["penge"]}
    assert engine.previous(journey, answers, "hvad") == "andet-info"
    assert engine.previous(journey, answers, "hvem") is None


def test_a_step_off_the_path_cannot_be_shown(journey):
    assert not engine.can_show(journey, {"hvem": "kommunen"}, "andet-info")
    assert not engine.can_show(journey, {}, "tjek")


def test_after_an_answer_the_next_step_follows(journey):
    assert engine.after_answer(journey, {"hvem": "kommunen"}, "hvem") == "hvad"


def test_changing_an_answer_from_the_check_screen_returns_there(journey):
    answers = {"hvem": "kommunen", "hvad": ["penge"], "hvornaar": "2026-11-12", "navn": "x"}
    assert engine.after_answer(journey, {**answers, "tjek": True}, "hvad", return_to="tjek") == "tjek"


def test_changing_to_a_new_branch_asks_the_new_question_first(journey):
    answers = {"hvem": "andet", "hvad": ["penge"], "hvornaar": "2026-11-12", "navn": "x"}
    assert engine.after_answer(journey, answers, "hvem", return_to="tjek") == "andet-info"


def test_the_end_of_a_flow_is_none(journey):
    answers = {"hvem": "kommunen", "hvad": [], "hvornaar": "2026-11-12", "navn": "",
               "tjek": True, "brev": True, "ark": True}
    assert engine.after_answer(journey, answers, "ark") is None


def test_answered_steps_leave_out_answers_off_the_path(journey):
    answers = {"hvem": "kommunen", "andet-info": True, "hvad": ["penge"]}
    assert [s.id for s in engine.answered_steps(journey, answers)] == ["hvem", "hvad"]


def test_the_engine_imports_no_flask():
    for module in ("engine.py", "model.py", "loader.py"):
        source = (Path(engine.__file__).parent / module).read_text()
        imported = {n.names[0].name.split(".")[0] for n in ast.walk(ast.parse(source))
                    if isinstance(n, ast.Import)}
        imported |= {n.module.split(".")[0] for n in ast.walk(ast.parse(source))
                     if isinstance(n, ast.ImportFrom) and n.module}
        assert "flask" not in imported, module


def test_the_check_step_after_a_question_is_found(journey):
    answers = {"hvem": "kommunen", "hvad": ["penge"], "hvornaar": "2026-11-12", "navn": "x"}
    assert engine.check_step_after(journey, answers, "hvad") == "tjek"


def test_a_route_goes_on_by_an_earlier_answer():
    _, flows = load_content(FIXTURES, lambda name: True)
    branch = flows["branch"]
    answers = {"art": "b", "dato": "2026-03-02"}
    assert engine.walk(branch, answers) == ["art", "dato", "frist"]
    assert engine.projected(branch, answers) == ["art", "dato", "frist", "tlf", "res-b"]
    assert engine.walk(branch, {**answers, "art": "c"}) == ["art", "dato", "res-c"]


def test_a_lateness_route_branches_on_whether_the_deadline_has_run_out():
    import datetime

    from kiosk.flows.model import Lateness, Route

    route = Route(on="modtaget", cases={"late": "for-sent"}, default="videre", late=Lateness(4, "weeks"))
    today = datetime.date(2026, 11, 27)
    # Received Mon 26 Oct: 4 weeks end Mon 23 Nov, before today.
    assert route.target({"modtaget": "2026-10-26"}, today) == "for-sent"
    # Received Mon 2 Nov: the deadline is Mon 30 Nov, still ahead.
    assert route.target({"modtaget": "2026-11-02"}, today) == "videre"
    # Received 30 Oct: 27 Nov is the last day itself, so it is not late yet.
    assert route.target({"modtaget": "2026-10-30"}, today) == "videre"
    assert route.target({}, today) == "videre"


def test_an_answer_carried_from_another_flow_must_fit_the_step(journey):
    from kiosk.flows.parse import fits

    assert fits(journey.steps["hvem"], "kommunen")
    assert not fits(journey.steps["hvem"], "skattestyrelsen")
    assert fits(journey.steps["hvornaar"], "2026-11-02")
    assert not fits(journey.steps["hvornaar"], "2. november")
    assert fits(journey.steps["hvad"], ["penge"]) and not fits(journey.steps["hvad"], ["x"])
    assert not fits(journey.steps["navn"], "x" * 41)
    assert not fits(journey.steps["tjek"], True)
