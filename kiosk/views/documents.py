"""The PDF of a document step, and printing it. Built in memory, streamed, never stored."""
from flask import Blueprint, Response, current_app, render_template, url_for

from .. import documents, printing
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


@bp.post("/<flow_id>/<step_id>/udskriv")
def print_document(flow_id, step_id):
    """Print on the centre's CUPS queue; without one, show the PDF with a big print button."""
    flow, answers, document = document_step(flow_id, step_id)
    queue = current_app.extensions["kiosk_centre"].get("printer_queue", "")
    result = printing.print_pdf(_pdf_bytes(flow, answers, document), queue)
    return render_template("pages/printed.html", result=result, flow=flow, step_id=step_id,
                           back_url=url_for("flow.step", flow_id=flow_id, step_id=step_id))
