"""Print a flow's letters and sheets as text, for writers checking their Danish.

Usage: python scripts/render_letter.py <flow-id> [step=value ...]
Answers not given are filled with the first choice, a date three weeks ago, and sample text.
"""
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk import clock, compose, create_app  # noqa: E402
from kiosk.flows import engine  # noqa: E402


def sample(step, today):
    return {"choice": lambda: step.choices[0].value, "multi": lambda: [c.value for c in step.choices[:2]],
            "date": lambda: (today - datetime.timedelta(days=21)).isoformat(),
            "time": lambda: "10:00", "text": lambda: "Prøvetekst"}.get(step.kind, lambda: True)()


def main(flow_id, *pairs):
    app = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
    content = app.extensions["kiosk_content"]
    centre = {**app.extensions["kiosk_centre"], "kommune": "0101", "kommune_address": "Rådhuspladsen 1, 1550 København V",
              "centre_name": "Værestedet", "centre_place": "København"}
    flow = content.flows[flow_id]
    today = clock.today()
    answers = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        answers[key] = value.split("+") if flow.steps[key].kind == "multi" else value
    while True:
        last = engine.walk(flow, answers)[-1]
        if last in answers:
            break
        answers[last] = sample(flow.steps[last], today)
    with app.test_request_context():
        for step_id in engine.walk(flow, answers):
            step = flow.steps[step_id]
            if step.kind != "document":
                continue
            document = flow.documents[step.document]
            if document.kind == "letter":
                paper = compose.letter(flow, document, answers, centre, content.content_dir, today)
                print("=" * 70, document.id)
                print("\n".join(paper.recipient), "\n")
                print("\n".join(paper.sender), "\n")
                print("EMNE:", paper.subject, "\n")
                print("\n\n".join(paper.body))
                print("\n--", paper.signer, "\n", paper.hand_in)
            else:
                paper = compose.sheet(flow, document, answers, centre, "da")
                print("=" * 70, document.id, "(ark)")
                print(paper.title, paper.steps, paper.deadline_label, paper.deadline_text, paper.deadline_notes,
                      paper.where, [c[1] for c in paper.codes], sep="\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
