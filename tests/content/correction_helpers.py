"""Shared by the content-audit correction tests (test_content_corrections.py and
test_content_corrections_advice.py): the centre they run as, and readers for a screen and a printout."""
import html
import re
import subprocess

from kiosk.flows import engine
from tests.conftest import KioskClient
from tests.content.conftest import complete, seed

AARHUS = {"kommune": "0751", "kommune_address": "Rådhuspladsen 2, 8000 Aarhus C", "kommune_phone": "89 40 20 00",
          "borgerraadgiver": True, "borgerraadgiver_address": "Rådhuset, 8000 Aarhus C", "centre_place": "Aarhus"}


def flow_of(app, flow_id):
    return app.extensions["kiosk_content"].flows[flow_id]


def words(text):
    return " ".join(text.split())


def screen(app, flow_id, given, step_id, lang="da"):
    """The visible text of one screen, after walking the flow with the given answers."""
    person = KioskClient(app)
    seed(person, flow_id, complete(flow_of(app, flow_id), given), lang)
    page = person.get(f"/flow/{flow_id}/{step_id}").text
    assert f"/flow/{flow_id}/{step_id}" in page or step_id in page
    return words(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def pdf(app, flow_id, given, step_id, tmp_path, lang="da"):
    """The text of one printout, as pdftotext reads it."""
    person = KioskClient(app)
    seed(person, flow_id, complete(flow_of(app, flow_id), given), lang)
    response = person.get(f"/flow/{flow_id}/{step_id}/pdf")
    assert response.data.startswith(b"%PDF"), step_id
    (tmp_path / "d.pdf").write_bytes(response.data)
    out = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True, check=True)
    return words(out.stdout)


def walk(app, flow_id, given):
    flow = flow_of(app, flow_id)
    return engine.walk(flow, complete(flow, given))
