"""Render a flow's letter template. Letters to authorities are always in Danish.

A letter template is Danish text with Jinja placeholders and named blocks (afsender,
modtager, emne, tekst, navn, and optionally aflevering). Each block is rendered on its
own, so nothing a person types can move text from one part of the letter to another.
"""
import datetime
import functools
from pathlib import Path

from jinja2 import FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment

from .centre import kommuner
from .documents import danish_date
from .flows import engine


def _dato(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return danish_date(value)


@functools.cache
def environment(letters_dir):
    env = SandboxedEnvironment(loader=FileSystemLoader(str(letters_dir)), autoescape=False,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters["dato"] = _dato
    return env


def context(flow, answers, centre, today, deadline=None):
    """What a template may use: the answers on the person's path, chosen labels, the deadline."""
    on_path = {s.id: answers[s.id] for s in engine.answered_steps(flow, answers)}

    def valgt(step_id):
        """The Danish words of the chosen answer(s) of a choice step."""
        step, value = flow.steps.get(step_id), on_path.get(step_id)
        if step is None or value is None:
            return ""
        values = value if isinstance(value, list) else [value]
        return ", ".join(c.label for c in step.choices if c.value in values)

    kommune = {"name": kommune_name(centre.get("kommune", "")),
               "address": centre.get("kommune_address", "")}
    borgerraadgiver = {"address": centre.get("borgerraadgiver_address", ""),
                       "phone": centre.get("borgerraadgiver_phone", "")}
    return {"svar": on_path, "valgt": valgt, "centre": centre, "i_dag": today, "frist": deadline,
            "for_sent": bool(deadline and deadline.last_day < today),
            "kommune": kommune, "borgerraadgiver": borgerraadgiver}


def kommune_name(code):
    return next((k["name"] for k in kommuner() if k["code"] == code), "")


SHARED = "_faelles.txt"


@functools.cache
def shared_macros(letters_dir):
    """The macros of _faelles.txt by name (none if the content has no such file), made once."""
    if not (Path(letters_dir) / SHARED).is_file():
        return {}
    module = environment(letters_dir).get_template(SHARED).make_module()
    return {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}


def render_blocks(letters_dir, template_name, values):
    """{block name: rendered text} for one letter template.

    Blocks are rendered one by one, so a top-level import in the template would not reach them;
    the shared macros (afsender, kommune_modtager, ...) are handed to every block instead.
    """
    template = environment(str(letters_dir)).get_template(template_name)
    ctx = template.new_context({**shared_macros(str(letters_dir)), **values})
    return {name: "".join(render(ctx)).strip() for name, render in template.blocks.items()}
