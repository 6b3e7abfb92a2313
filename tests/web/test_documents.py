"""Document steps: a readable preview, the PDF inline (never a download), and printing."""
import subprocess

from tests.conftest import walk_journey


def pdf_text(pdf, tmp_path):
    (tmp_path / "d.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "d.pdf"), "-"],
                          capture_output=True, check=True).stdout.decode()


def to_sheet(kiosk):
    walk_journey(kiosk, name="Åse Łódź")
    kiosk.answer("journey", "brev")


def test_the_letter_pdf_is_inline_generic_and_has_the_answers(kiosk, tmp_path):
    walk_journey(kiosk, name="Åse Łódź")
    response = kiosk.get("/flow/journey/brev/pdf")
    assert response.mimetype == "application/pdf"
    assert "Content-Disposition" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    text = pdf_text(response.data, tmp_path)
    assert "Åse Łódź" in text and "Klage over et brev af 12. november 2026" in text
    assert b"/Title (Brev)" in response.data


def test_a_document_not_reached_yet_is_not_found(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.get("/flow/journey/brev/pdf", status=404)
    kiosk.get("/flow/journey/hvem/pdf", status=404)


def test_the_sheet_preview_shows_the_deadline_steps_and_qr_codes(kiosk, app):
    app.extensions["kiosk_centre"]["borgerservice_address"] = "Rådhuspladsen 2"
    to_sheet(kiosk)
    page = kiosk.get("/flow/journey/ark").text
    assert 'id="deadline">torsdag den 10. december 2026<' in page
    assert "Aflever brevet (klage)." in page and "Rådhuspladsen 2" in page
    assert page.count("<svg") == 3 and "Sæt fristen i din kalender" in page


def test_the_sheet_is_in_the_persons_language(kiosk, tmp_path):
    kiosk.post("/sprog", {"lang": "en"})
    to_sheet(kiosk)
    text = pdf_text(kiosk.get("/flow/journey/ark/pdf").data, tmp_path)
    assert "Thursday, December 10, 2026" in text


def test_printing_without_a_printer_shows_the_pdf_and_a_big_button(kiosk):
    walk_journey(kiosk)
    page = kiosk.post("/flow/journey/brev/udskriv", status=200).text
    assert 'id="print-failed"' in page and "Der er ingen printer sat op" in page
    assert 'src="/flow/journey/brev/pdf"' in page and 'id="print-frame"' in page


def test_a_failing_lp_gives_a_kind_message(kiosk, app, tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "lp").write_text("#!/bin/sh\necho 'lp: No such destination' >&2\nexit 1\n")
    (fake / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:/usr/bin:/bin")
    app.extensions["kiosk_centre"]["printer_queue"] = "Nope"
    walk_journey(kiosk)
    page = kiosk.post("/flow/journey/brev/udskriv", status=200).text
    assert 'id="print-failed"' in page and "Printeren svarer ikke" in page
