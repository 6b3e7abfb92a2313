"""One generic route runs every step of every flow: get input, ask the engine, render or redirect."""
import datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext
from werkzeug.datastructures import MultiDict

from .. import clock, compose, visit, which_centre
from ..flows import engine
from ..flows.parse import RECENT, date_parts, fits, parse, time_parts

bp = Blueprint("flow", __name__, url_prefix="/flow")


def _flow_or_404(flow_id):
    flow = current_app.extensions["kiosk_content"].offered(flow_id, which_centre.current())
    if flow is None:
        abort(404)
    return flow


def _state(flow):
    """This visit's answers for one flow, created on first use."""
    flows = visit.data().setdefault("flows", {})
    return flows.setdefault(flow.id, {"answers": {}, "return_to": None})


def _step_url(flow, step_id):
    return url_for("flow.step", flow_id=flow.id, step_id=step_id)


@bp.get("/<flow_id>")
def begin(flow_id):
    """Open a flow where the person left off (or at its first step)."""
    flow = _flow_or_404(flow_id)
    return redirect(_step_url(flow, engine.walk(flow, _state(flow)["answers"])[-1]), 303)


@bp.get("/<flow_id>/fra/<source_id>")
def carried(flow_id, source_id):
    """Open a flow from another one's result, with the answers both flows ask already filled in."""
    flow = _flow_or_404(flow_id)
    source = current_app.extensions["kiosk_content"].flows.get(source_id)
    pairs = flow.carry.get(source_id, {})
    source_answers = visit.data().get("flows", {}).get(source_id, {}).get("answers", {})
    if source is not None and pairs:
        known = engine.on_path(source, source_answers)
        answers = _state(flow)["answers"]
        carried = _state(flow).setdefault("carried", [])
        for target, from_step in pairs.items():
            if target not in answers and from_step in known and fits(flow.steps[target], known[from_step]):
                answers[target] = known[from_step]
                carried.append(target)
        visit.save()
    return redirect(_step_url(flow, engine.walk(flow, _state(flow)["answers"])[-1]), 303)


@bp.get("/<flow_id>/<step_id>")
def step(flow_id, step_id):
    """Show one step, with the person's earlier answer filled in."""
    flow = _flow_or_404(flow_id)
    answers = _state(flow)["answers"]
    if step_id not in flow.steps:
        abort(404)
    if not engine.can_show(flow, answers, step_id):
        return redirect(_step_url(flow, engine.walk(flow, answers)[-1]), 303)
    current = flow.steps[step_id]
    shown = answers.get(step_id)
    if current.kind == "date":
        shown = date_parts(shown)
    elif current.kind == "time":
        shown = time_parts(shown)
    return _render(flow, current, answers, shown=shown)


@bp.post("/<flow_id>/<step_id>")
def answer(flow_id, step_id):
    """Take one answer. A mistake re-shows the step with a kind message and what was entered."""
    flow = _flow_or_404(flow_id)
    state = _state(flow)
    if step_id not in flow.steps:
        abort(404)
    if not engine.can_show(flow, state["answers"], step_id):
        return redirect(_step_url(flow, engine.walk(flow, state["answers"])[-1]), 303)
    current = flow.steps[step_id]
    if request.form.get("skip") == "1" and current.optional:
        result = parse(current, MultiDict(), clock.today())  # a real form: multi steps call getlist
    else:
        result = parse(current, request.form, clock.today())
    if result.error:
        message = gettext(result.error, **(result.error_params or {}))
        return _render(flow, current, state["answers"], shown=result.shown, error=message)
    state["answers"][step_id] = result.value
    target = engine.after_answer(flow, state["answers"], step_id, state["return_to"])
    target = engine.past_carried(flow, state["answers"], target, state.get("carried", []))
    if target is None or target == state["return_to"]:
        state["return_to"] = None
    visit.save()
    if target is None:
        return redirect(url_for("home.start"), 303)
    return redirect(_step_url(flow, target), 303)


@bp.get("/<flow_id>/<step_id>/ret")
def change(flow_id, step_id):
    """"Ret" on the check-answers screen: change one answer, then come straight back."""
    flow = _flow_or_404(flow_id)
    state = _state(flow)
    if engine.can_show(flow, state["answers"], step_id):
        state["return_to"] = engine.check_step_after(flow, state["answers"], step_id)
        visit.save()
    return redirect(_step_url(flow, step_id), 303)


def make_paper(flow, document, answers):
    """The document as a Letter or Sheet object, from which both the preview and the PDF are made."""
    centre = which_centre.current()
    if document.kind == "letter":
        content_dir = current_app.extensions["kiosk_content"].content_dir
        return compose.letter(flow, document, answers, centre, content_dir)
    return compose.sheet(flow, document, answers, centre, str(get_locale()))


def document_step(flow_id, step_id):
    """(flow, answers, document) for a document step the person has reached, else 404."""
    flow = _flow_or_404(flow_id)
    answers = _state(flow)["answers"]
    current = flow.steps.get(step_id)
    if current is None or current.kind != "document" or not engine.can_show(flow, answers, step_id):
        abort(404)
    return flow, answers, flow.documents[current.document]


def _render(flow, current, answers, shown=None, error=None):
    number, total = engine.progress(flow, answers, current.id)
    previous = engine.previous(flow, answers, current.id)
    context = {
        "flow": flow,
        "step": current,
        "shown": shown,
        "error": error,
        "number": number,
        "total": total,
        "back_url": _step_url(flow, previous) if previous else url_for("home.start"),
        "is_last": engine.next_of(current, shown) is None and current.kind in ("info", "document"),
        "sources": [flow.sources[s] for s in current.sources],
        "today": clock.today(),
    }
    if current.kind == "date" and max(current.years) <= 0:
        today = clock.today()
        # "I dag" and "I går" are in the template; the other recent days are named by their weekday.
        context["recent"] = [(value, format_date(today - datetime.timedelta(days=back), "EEEE d/M"))
                             for value, back in RECENT.items() if back >= 2]
    if current.kind == "check":
        context["answered"] = engine.answered_steps(flow, answers)
        context["answers"] = answers
    if current.kind == "document":
        document = flow.documents[current.document]
        context["document"] = document
        context["paper"] = make_paper(flow, document, answers)
    status = 200
    return render_template(f"steps/{current.kind}.html", **context), status
