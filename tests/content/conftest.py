"""Real content: the flows a centre runs, walked as a person would."""
import datetime

import pytest

from kiosk.flows import engine
from tests.conftest import KioskClient

SAMPLE_DATE = "2026-11-02"


def sample_answers(step):
    """Answers worth trying on a step: every choice; one date; a phone number and, if allowed, nothing."""
    if step.kind == "choice":
        return [c.value for c in step.choices]
    if step.kind == "multi":
        return [[step.choices[0].value]]
    if step.kind == "date":
        return [SAMPLE_DATE]
    if step.kind == "text":
        return ["33 66 33 66", ""] if step.optional else ["Prøvesvar"]
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
        for value in sample_answers(flow.steps[last]):
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
