"""Real content: the flows a centre runs, walked as a person would."""
import datetime

import pytest

from kiosk.flows import engine
from tests.conftest import TODAY, KioskClient

SAMPLE_DATE = (TODAY - datetime.timedelta(days=10)).isoformat()
OLD_DATE = (TODAY - datetime.timedelta(days=70)).isoformat()


def sample_answers(step, flow, answers):
    """Answers worth trying on a step: every choice; a date, and an old one where lateness branches.

    Free text never branches, so one text per path is enough; optional ones are left empty on
    every other path, so letters are rendered both with and without the person's own words.
    """
    if step.kind == "choice":
        return [c.value for c in step.choices]
    if step.kind == "multi":
        # A multi step that routes (the extras screen) is tried with each choice alone, to reach every branch.
        if any(r.on == step.id for s in flow.steps.values() if s.route for r in s.route.routes()):
            return [[c.value] for c in step.choices]
        return [[step.choices[0].value]]
    if step.kind == "date":
        late_routes = [s for s in flow.steps.values() if s.route and s.route.late and s.route.on == step.id]
        return [SAMPLE_DATE, OLD_DATE] if late_routes else [SAMPLE_DATE]
    if step.kind == "time":
        return ["10:30"]
    if step.kind == "text":
        if step.optional and len(answers) % 2:
            return [""]
        return ["33 66 33 66" if "telefon" in step.id else "Prøvesvar <b>&amp; æøå"]
    return [True]


def all_paths(flow, limit=5000):
    """Every complete walk through a flow, as answer dicts (pure: no Flask)."""
    done, todo = [], [{}]
    while todo:
        answers = todo.pop()
        last = engine.walk(flow, answers)[-1]
        if last in answers:
            done.append(answers)
            continue
        for value in sample_answers(flow.steps[last], flow, answers):
            todo.append({**answers, last: value})
        assert len(done) + len(todo) < limit, "too many paths to walk"
    return done


def seed(kiosk, flow_id, answers, lang="da"):
    """Put a finished walk straight into the visit's store, as if the person had tapped it through."""
    kiosk.get("/")
    store = kiosk.app.extensions["kiosk_store"]
    store.put(kiosk.visit_id, {"lang": lang, "flows": {flow_id: {"answers": answers, "return_to": None}}})


@pytest.fixture
def person(real_app):
    return KioskClient(real_app)


def complete(flow, answers):
    """The given answers, plus "passed" for screens and nothing for optional questions."""
    answers = dict(answers)
    for _ in range(60):
        last = engine.walk(flow, answers)[-1]
        if last in answers:
            return answers
        step = flow.steps[last]
        if step.kind in ("info", "check", "document"):
            answers[last] = True
        elif step.optional:
            answers[last] = [] if step.kind == "multi" else ""
        else:
            raise AssertionError(f"{flow.id}: the scenario does not answer '{last}'")
    raise AssertionError("no end")
