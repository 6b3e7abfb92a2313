"""The print status route: headers, the waiting screen, the truth when it did not print, and no
state for anyone else. CUPS here is a fake `lp`/`lpstat`/`cancel` on PATH; the real cupsd is in
tests/documents/test_printing_cups.py and tests/browser/test_printing_faults.py."""
import time

import pytest

from kiosk import printing
from tests.conftest import KioskClient, walk_journey
from tests.page import Page


@pytest.fixture
def stuck_queue(app, tmp_path, monkeypatch):
    """A queue that takes every job and never prints it (like a paused printer)."""
    scripts = {
        "lp": "cat > /dev/null\necho 'request id is Stuck-7 (1 file(s))'",
        "lpstat": "[ -e {d}/cancelled ] || echo 'Stuck-7 kiosk 1024 Thu 03 Dec 2026'",
        "cancel": "touch {d}/cancelled",
    }
    for name, body in scripts.items():
        (tmp_path / name).write_text("#!/bin/sh\n" + body.format(d=tmp_path) + "\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    app.extensions["kiosk_centre"]["printer_queue"] = "Stuck"
    desk = app.extensions["kiosk_print_desk"] = printing.PrintDesk(app.extensions["kiosk_store"], limit_seconds=3)
    yield tmp_path
    desk.join()  # its CUPS calls go by PATH: let them end before the next test's fakes


def status_until_known(kiosk, url="/flow/journey/brev/udskrift"):
    for _ in range(100):
        response = kiosk.get(url)
        if Page(response.text).by_id("print-pending") is None:
            return response
        time.sleep(0.1)
    raise AssertionError("still waiting")


def test_the_waiting_screen_then_the_truth_and_the_job_cancelled(kiosk, stuck_queue):
    walk_journey(kiosk)
    waiting = kiosk.post("/flow/journey/brev/udskriv", status=200)
    page = Page(waiting.text)
    assert page.by_id("print-pending") is not None
    assert page.by_id("print-wait").attrs["data-status-url"] == "/flow/journey/brev/udskrift"
    assert waiting.headers["Refresh"] == "2; url=/flow/journey/brev/udskrift"  # asks again without JavaScript
    response = status_until_known(kiosk)
    assert "Refresh" not in response.headers  # and stops once it knows
    done = Page(response.text)
    assert done.by_id("print-not-printed").text() == "Det blev ikke udskrevet"
    assert "Udskriv det her, eller spørg personalet." in done.visible_text()
    assert done.by_id("print-frame") is not None
    assert (stuck_queue / "cancelled").exists()
    headers = response.headers
    assert "no-store" in headers["Cache-Control"] and headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_no_print_no_status_and_another_visit_sees_nothing(app, kiosk, stuck_queue):
    walk_journey(kiosk)
    assert kiosk.get("/flow/journey/brev/udskrift", status=303).headers["Location"].endswith("/flow/journey/brev")
    kiosk.post("/flow/journey/brev/udskriv", status=200)
    kiosk.answer("journey", "brev")  # on to the sheet: the letter's print is not the sheet's
    assert kiosk.get("/flow/journey/ark/udskrift", status=303)
    other = KioskClient(app)
    walk_journey(other)
    assert other.get("/flow/journey/brev/udskrift", status=303)
    kiosk.post("/faerdig")  # after the wipe neither the letter nor its print belong to this visit
    page = Page(kiosk.get("/flow/journey/brev/udskrift", status=404).text)
    assert page.by_id("print-pending") is None and page.by_id("print-not-printed") is None


def test_the_store_holds_only_the_state_word(app, kiosk, stuck_queue):
    walk_journey(kiosk, name="CanaryPrintName")
    kiosk.post("/flow/journey/brev/udskriv", status=200)
    ticket = kiosk.stored()["print"]["ticket"]
    assert app.extensions["kiosk_store"].get("print-" + ticket) == {"state": "pending"}
