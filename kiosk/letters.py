"""Render a flow's document text. Letters to authorities are always in Danish.

The templates are plain Danish text with Jinja placeholders, kept with the content.
Answers are passed in as data; the output is text, escaped later by whatever shows it.
"""
import datetime

from jinja2 import FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment

from .flows import engine

MONTHS_DA = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]


def danish_date(value):
    """`2026-11-26` -> `26. november 2026`."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


def _environment(letters_dir):
    env = SandboxedEnvironment(loader=FileSystemLoader(str(letters_dir)), autoescape=False,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["dato"] = danish_date
    return env


def letter_context(flow, answers, centre=None, today=None):
    on_path = {s.id: answers[s.id] for s in engine.answered_steps(flow, answers)}

    def label(step_id):
        """The Danish words of the chosen answer(s) of a choice step."""
        step, value = flow.steps.get(step_id), on_path.get(step_id)
        if step is None or value is None:
            return ""
        values = value if isinstance(value, list) else [value]
        return ", ".join(c.label for c in step.choices if c.value in values)

    return {"svar": on_path, "valgt": label, "centre": centre or {},
            "i_dag": today or datetime.date.today()}


def render_letter(flow, document, answers, centre=None, today=None):
    from flask import current_app

    content = current_app.extensions["kiosk_content"]
    env = _environment(content.letters_dir)
    centre = centre or current_app.extensions["kiosk_centre"]
    return env.get_template(document.template).render(letter_context(flow, answers, centre, today))
