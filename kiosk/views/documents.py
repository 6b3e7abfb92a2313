"""The PDF of a document step, and printing it. Built in memory, streamed, never stored."""
import threading

from flask import Blueprint, Response, current_app, redirect, render_template, url_for

from .. import documents, printing, visit, which_centre
from ..flows import engine
from .flow import document_step, make_paper

bp = Blueprint("documents", __name__, url_prefix="/flow")

# A print usually answers within a second, so one print at a time may hold its server thread
# that long to show the answer straight away. Others get the waiting screen at once: a hung
# spooler can never hold more than one server thread, and only briefly.
QUICK_ANSWER_SECONDS = 1.5
_quick_answer_slot = threading.BoundedSemaphore(1)
_desk_lock = threading.Lock()


def _pdf_bytes(flow, answers, document):
    paper = make_paper(flow, document, answers)
    build = documents.build_letter if document.kind == "letter" else documents.build_sheet
    return build(paper)


@bp.get("/<flow_id>/<step_id>/pdf")
def pdf(flow_id, step_id):
    """The document as a PDF shown inline (never as a download, so nothing lands on disk)."""
    response = Response(_pdf_bytes(*document_step(flow_id, step_id)), mimetype="application/pdf")
    response.headers["X-Kiosk-Frame"] = "self"  # headers.py lets our own page frame it
    return response


def _printed_together(flow, answers, step_id):
    """The step ids printed by one "Udskriv": this one, and with print_next the next document too
    (a letter and its action sheet in one tap)."""
    step = flow.steps[step_id]
    following = engine.next_of(step, True, answers) if step.print_next else None
    return [step_id, following] if following else [step_id]


def print_desk():
    """The app's print desk, made on first use (its threads start with the first print)."""
    with _desk_lock:
        desk = current_app.extensions.get("kiosk_print_desk")
        if desk is None:
            desk = printing.PrintDesk(current_app.extensions["kiosk_store"],
                                      current_app.config.get("PRINT_TIMEOUT_SECONDS", 20))
            current_app.extensions["kiosk_print_desk"] = desk
    return desk


def _quick_answer(desk, ticket):
    if not _quick_answer_slot.acquire(blocking=False):
        return desk.state(ticket)
    try:
        return desk.wait(ticket, QUICK_ANSWER_SECONDS)
    finally:
        _quick_answer_slot.release()


def _printed_page(flow, answers, step_id, state):
    step_ids = _printed_together(flow, answers, step_id)
    next_url = url_for("flow.step", flow_id=flow.id, step_id=step_ids[1]) if len(step_ids) > 1 else None
    status_url = url_for("documents.print_status", flow_id=flow.id, step_id=step_id)
    response = Response(render_template("pages/printed.html", state=state, flow=flow, step_ids=step_ids,
                                        next_url=next_url, status_url=status_url,
                                        back_url=url_for("flow.step", flow_id=flow.id, step_id=step_id)))
    if state == printing.PENDING:
        # Without JavaScript the waiting screen asks again through this header. Not a <meta>
        # refresh: htmx parses pages with scripting off, so one in <noscript> came alive
        # with JavaScript on as well (and axe rightly flags a timed <meta> refresh).
        response.headers["Refresh"] = f"2; url={status_url}"
    return response


@bp.post("/<flow_id>/<step_id>/udskriv")
def print_document(flow_id, step_id):
    """Print on the centre's CUPS queue; without one, show the PDF(s) with a big print button."""
    flow, answers, document = document_step(flow_id, step_id)
    centre = which_centre.current()
    queue = centre.get("printer_queue", "")
    if not queue:
        return _printed_page(flow, answers, step_id, printing.NO_PRINTER)
    pdfs = [_pdf_bytes(flow, answers, flow.documents[flow.steps[s].document])
            for s in _printed_together(flow, answers, step_id)]
    desk = print_desk()
    ticket = desk.submit(pdfs, queue, centre.get("printer_server", ""))
    visit.data()["print"] = {"ticket": ticket, "flow": flow_id, "step": step_id}
    visit.save()
    return _printed_page(flow, answers, step_id, _quick_answer(desk, ticket))


@bp.get("/<flow_id>/<step_id>/udskrift")
def print_status(flow_id, step_id):
    """How this visit's last print went; the waiting screen asks here until it knows."""
    flow, answers, _document = document_step(flow_id, step_id)
    mine = visit.data().get("print") or {}
    state = print_desk().state(mine.get("ticket")) if (mine.get("flow"), mine.get("step")) == (flow_id, step_id) else None
    if state is None:  # no print from this visit here (wiped, expired, or never pressed)
        return redirect(url_for("flow.step", flow_id=flow_id, step_id=step_id), 303)
    return _printed_page(flow, answers, step_id, state)
