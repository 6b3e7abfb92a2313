"""The PDF of a document step, and printing it. Built in memory, streamed, never stored."""
from flask import Blueprint, Response, current_app, render_template, url_for

from .. import documents, printing
from ..flows import engine
from .flow import document_step, make_paper

bp = Blueprint("documents", __name__, url_prefix="/flow")


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


@bp.post("/<flow_id>/<step_id>/udskriv")
def print_document(flow_id, step_id):
    """Print on the centre's CUPS queue; without one, show the PDF(s) with a big print button."""
    flow, answers, document = document_step(flow_id, step_id)
    queue = current_app.extensions["kiosk_centre"].get("printer_queue", "")
    step_ids = _printed_together(flow, answers, step_id)
    results = [printing.print_pdf(_pdf_bytes(flow, answers, flow.documents[flow.steps[s].document]), queue)
               for s in step_ids]
    worst = next((r for r in results if r.state in ("no-printer", "failed")), None)
    result = worst or next((r for r in results if r.state == "sent"), results[0])
    next_url = url_for("flow.step", flow_id=flow_id, step_id=step_ids[1]) if len(step_ids) > 1 else None
    return render_template("pages/printed.html", result=result, flow=flow, step_ids=step_ids, next_url=next_url,
                           back_url=url_for("flow.step", flow_id=flow_id, step_id=step_id))
