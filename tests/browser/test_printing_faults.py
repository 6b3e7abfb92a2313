"""A paused or hung printer, with a real cupsd and cups-pdf queue, seen in Chromium with JavaScript on.

A hung cupsd once held every server thread for 30 s per print, so the start page waited 27 s for
everyone; a paused queue kept the letter in the spool while the screen said "Papiret er på vej".
"""
import http.cookiejar
import os
import signal
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kiosk import printing
from tests.browser.conftest import walk_journey
from tests.browser.test_accessibility import AXE, AXE_OPTIONS
from tests.conftest import disk_now
from tests.documents.test_printing_cups import canary_files, queued, start_cups
from tests.page import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cups():
    yield from start_cups(hardened=True)


@pytest.fixture
def print_queue(live_server, cups, monkeypatch):
    """The live kiosk prints on the private cupsd's KioskPDF queue, with a fresh print desk."""
    base, env, proc = cups
    monkeypatch.setenv("CUPS_SERVER", env["CUPS_SERVER"])
    app = live_server.app
    monkeypatch.setitem(app.extensions["kiosk_centre"], "printer_queue", "KioskPDF")
    desk = printing.PrintDesk(app.extensions["kiosk_store"], limit_seconds=3)
    monkeypatch.setitem(app.extensions, "kiosk_print_desk", desk)
    yield base, env, proc, desk
    desk.join()
    subprocess.run(["cancel", "-a", "-x", "KioskPDF"], env=env, capture_output=True)


@pytest.fixture
def paused(print_queue):
    env = print_queue[1]
    subprocess.run(["cupsdisable", "KioskPDF"], env=env, check=True)
    yield print_queue
    subprocess.run(["cancel", "-a", "-x", "KioskPDF"], env=env, capture_output=True)
    subprocess.run(["cupsenable", "KioskPDF"], env=env, check=True)


def assert_axe_clean(page):
    result = AXE.run(page, options=AXE_OPTIONS)
    assert not result.violations_count, result.generate_report()


def test_a_paused_printer_cancels_the_job_and_says_it_did_not_print(page, paused):
    base, env, _, _ = paused
    canary = "Canary" + os.urandom(3).hex()
    walk_journey(page, name=canary)
    page.click("#print")
    page.wait_for_selector("#print-pending")  # the truth while it waits: it is on its way to the printer
    assert_axe_clean(page)
    page.wait_for_selector("#print-not-printed", timeout=20_000)
    assert_axe_clean(page)
    assert page.inner_text("h1") == "Det blev ikke udskrevet"
    assert page.inner_text("main p.lead") == "Udskriv det her, eller spørg personalet."
    assert page.is_visible("#print-frame")  # "Udskriv det her": the big button and the letter
    assert queued(env).strip() == ""  # cancelled, not waiting for the next person at the printer
    assert canary_files(base / "spool", canary) == []


def test_without_javascript_the_waiting_screen_also_comes_to_the_truth(nojs_page, paused):
    page = nojs_page
    walk_journey(page, name="Jens")
    page.click("#print")
    page.wait_for_selector("#print-not-printed", timeout=20_000)
    assert queued(paused[1]).strip() == ""


class Person:
    """Someone at another kiosk, over plain HTTP with their own cookie."""

    def __init__(self, base_url):
        self.base = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = None

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            html = response.read().decode()
        self.token = Page(html).csrf_token() or self.token
        return html

    def post(self, path, **form):
        data = urllib.parse.urlencode({"csrf_token": self.token, **form}).encode()
        with self.opener.open(self.base + path, data=data, timeout=60) as response:
            html = response.read().decode()
        self.token = Page(html).csrf_token() or self.token
        return html

    def walk_to_the_letter(self):
        self.get("/flow/journey/hvem")
        self.post("/flow/journey/hvem", answer="kommunen")
        self.post("/flow/journey/hvad", answer="penge")
        self.post("/flow/journey/hvornaar", shortcut="today")
        self.post("/flow/journey/navn", answer="Jens")
        self.post("/flow/journey/tjek")


def printed_since(started):
    """The pages cups-pdf wrote since `started` (file time)."""
    return [p for d in (Path.home() / "PDF", Path("/var/spool/cups-pdf")) if d.exists()
            for p in d.rglob("*.pdf") if p.stat().st_mtime >= started - 1]


def timed(call):
    started = time.monotonic()
    result = call()
    return time.monotonic() - started, result


def test_a_hung_cupsd_blocks_no_other_screen_and_the_person_is_told(page, live_server, print_queue):
    base, env, cupsd, desk = print_queue
    desk.limit_seconds = 20  # the default: here it is cupsd's silence that must end the wait
    others = [Person(live_server.url) for _ in range(8)]
    for person in others:
        person.walk_to_the_letter()
    walk_journey(page, name="Jens")
    thawed_from = disk_now(base)
    cupsd.send_signal(signal.SIGSTOP)
    try:
        print_times = []
        threads = [threading.Thread(target=lambda p=p: print_times.append(
            timed(lambda: p.post("/flow/journey/brev/udskriv"))[0])) for p in others]
        for thread in threads:
            thread.start()
        time.sleep(0.3)  # the prints are in: each holds a server thread if printing is on the request path
        start_page = [timed(lambda: Person(live_server.url).get("/"))[0] for _ in range(3)]
        for thread in threads:
            thread.join(timeout=60)
        print(f"hung cupsd: start page {', '.join(f'{t:.2f}' for t in start_page)} s, "
              f"8 prints answered in {max(print_times):.2f} s at most")
        assert max(start_page) < 1.5
        assert len(print_times) == 8 and max(print_times) < printing.LP_SECONDS

        page.click("#print")
        page.wait_for_selector("#print-pending", timeout=5_000)  # no frozen screen
        page.wait_for_selector("#print-failed", timeout=20_000)
        assert page.inner_text("h1") == "Printeren svarer ikke"
        assert page.is_visible("#print-frame")
    finally:
        cupsd.send_signal(signal.SIGCONT)
    # Thawed, cupsd must not print what the killed `lp` calls began: each person was told to
    # print it here, so a letter coming out later would lie there for whoever comes next.
    time.sleep(4)
    assert queued(env).strip() == ""
    assert printed_since(thawed_from) == []
