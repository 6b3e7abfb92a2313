"""T12: printing through a real cupsd with a cups-pdf queue, using the shipped no-retention settings.

The test runs its own cupsd (private ServerRoot, spool and socket in a temp folder) so it
touches no system printer. After the jobs: 0 retained jobs and 0 spool files with the canary.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kiosk import printing
from kiosk.documents import Letter, build_letter
from tests.conftest import disk_now, free_port, service_env
from tests.documents.test_pdf_safety import streams
from tests.page import Page

ROOT = Path(__file__).resolve().parents[2]
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"


@pytest.fixture(scope="module")
def cups():
    yield from start_cups(hardened=True)


@pytest.fixture(scope="module")
def cups_defaults():
    yield from start_cups(hardened=False)


@pytest.fixture(scope="module")
def cups_on_the_network():
    """The centre's CUPS as a central server reaches it: IPP on a TCP port, no local socket used."""
    port = free_port()
    for found in start_cups(hardened=True, port=port):
        yield (*found, port)


def start_cups(hardened, port=None):
    if os.geteuid() != 0 or not shutil.which("cupsd") or not os.path.exists(PPD):
        pytest.fail("needs root, cupsd and cups-pdf: run `make setup-test` as root")
    # Filters run as user lp, so the folder must be reachable by lp (pytest's tmp is not).
    base = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    base.chmod(0o755)
    for folder in ("etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log"):
        (base / folder).mkdir(exist_ok=True)
    shutil.chown(base / "spool", group="lp")
    os.chmod(base / "spool", 0o710)
    shutil.chown(base / "spool" / "tmp", user="lp", group="lp")
    os.chmod(base / "spool" / "tmp", 0o1770)
    socket = base / "cups.sock"
    shipped = (ROOT / "scripts" / "cups" / "cupsd-kiosk.conf").read_text() if hardened else ""
    (base / "etc" / "cupsd.conf").write_text(
        f"Listen {socket}\n{f'Listen 127.0.0.1:{port}' if port else ''}\n"
        f"WebInterface No\nBrowsing No\n{shipped}\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n")
    (base / "etc" / "cups-files.conf").write_text(
        f"ServerRoot {base}/etc\nRequestRoot {base}/spool\nTempDir {base}/spool/tmp\n"
        f"CacheDir {base}/cache\nStateDir {base}/state\nErrorLog {base}/log/error_log\n"
        f"AccessLog {base}/log/access_log\nPageLog {base}/log/page_log\n")
    proc = subprocess.Popen(["cupsd", "-f", "-c", str(base / "etc" / "cupsd.conf"),
                             "-s", str(base / "etc" / "cups-files.conf")], env=service_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = service_env(CUPS_SERVER=str(socket))
    for _ in range(100):
        if subprocess.run(["lpstat", "-r"], env=env, capture_output=True).stdout.startswith(b"scheduler is running"):
            break
        time.sleep(0.1)
    subprocess.run(["lpadmin", "-p", "KioskPDF", "-v", "cups-pdf:/", "-E", "-P", PPD], env=env,
                   check=True, capture_output=True)
    yield base, env, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGCONT)  # a test that froze it may have failed before thawing it
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(base, ignore_errors=True)


def canary_files(folder, canary):
    hits = []
    for path in Path(folder).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if canary.encode() in data or canary.encode() in streams(data):
                hits.append(path)
    return hits


def print_three(env, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", env["CUPS_SERVER"])
    canary = "CANARYprint" + os.urandom(4).hex()
    letter = build_letter(Letter(sender=[canary], recipient=["Aarhus Kommune"], subject="Klage",
                                 body=[canary], signer=canary))
    return canary, [printing.print_pdfs([letter], "KioskPDF", 20) for _ in range(3)]


def test_the_cups_defaults_would_keep_copies(cups_defaults, monkeypatch):
    """Negative control: without the shipped settings the spool keeps the letters."""
    base, env, _ = cups_defaults
    started = disk_now(base)
    canary, results = print_three(env, monkeypatch)
    assert [r.state for r in results] == ["done"] * 3
    hits = canary_files(base / "spool", canary)
    print(f"T12 defaults: spool files with canary {len(hits)}")
    assert len(hits) >= 3
    for d in (Path.home() / "PDF", Path("/var/spool/cups-pdf")):
        for p in d.rglob("*.pdf") if d.exists() else []:
            if p.stat().st_mtime >= started - 1:
                p.unlink()


def test_a_letter_prints_and_the_spooler_keeps_nothing(cups, monkeypatch):
    base, env, _ = cups
    started = disk_now(base)
    canary, results = print_three(env, monkeypatch)
    assert [r.state for r in results] == ["done"] * 3
    completed = subprocess.run(["lpstat", "-W", "completed", "-o", "KioskPDF"], env=env,
                               capture_output=True, text=True).stdout
    spool_hits = canary_files(base / "spool", canary)
    log_hits = canary_files(base / "log", canary)
    names = subprocess.run(["lpstat", "-W", "all", "-l", "-o"], env=env, capture_output=True, text=True).stdout
    outputs = [p for d in (Path.home() / "PDF", Path("/var/spool/cups-pdf")) if d.exists()
               for p in d.rglob("*.pdf") if p.stat().st_mtime >= started - 1]
    print(f"T12: {len(results)} jobs: retained {len(completed.splitlines())}, "
          f"spool files with canary {len(spool_hits)}, log files with canary {len(log_hits)}, "
          f"pdfs out {len(outputs)}")
    for path in outputs:
        assert path.stat().st_size > 1000  # a real page came out of the "printer"
        path.unlink()
    assert completed.strip() == "" and spool_hits == [] and log_hits == []
    assert canary not in names
    assert len(outputs) == 3


def queued(env):
    """The CUPS jobs still waiting or printing, as lpstat lists them."""
    return subprocess.run(["lpstat", "-W", "not-completed", "-o", "KioskPDF"], env=env,
                          capture_output=True, text=True).stdout


def test_a_paused_printer_gets_the_job_cancelled_not_left_in_the_spool(cups, monkeypatch):
    """cupsdisable: the job would wait on disk, with the person's name, for whoever comes next.
    After the time limit it is cancelled, its spool file is gone, and the answer says so."""
    base, env, _ = cups
    monkeypatch.setenv("CUPS_SERVER", env["CUPS_SERVER"])
    canary = "CANARYpaused" + os.urandom(4).hex()
    letter = build_letter(Letter(sender=[canary], recipient=["x"], subject="Klage", body=[canary], signer=canary))
    subprocess.run(["cupsdisable", "KioskPDF"], env=env, check=True)
    try:
        started = time.monotonic()
        result = printing.print_pdfs([letter, letter], "KioskPDF", 2)
        took = time.monotonic() - started
        assert result.state == printing.NOT_PRINTED and len(result.jobs) == 2
        assert took < 2 + printing.CANCEL_SECONDS
        waiting = queued(env)
        assert all(job not in waiting for job in result.jobs), waiting
        assert canary_files(base / "spool", canary) == []
    finally:
        subprocess.run(["cancel", "-a", "KioskPDF"], env=env)
        subprocess.run(["cupsenable", "KioskPDF"], env=env, check=True)


def test_the_job_title_is_always_generic(tmp_path, monkeypatch):
    fake = tmp_path / "lp"
    fake.write_text(f"#!/bin/sh\necho \"$@\" > {tmp_path}/args\ncat > /dev/null\necho 'request id is Q-1 (1 file(s))'\n")
    fake.chmod(0o755)
    (tmp_path / "lpstat").write_text("#!/bin/sh\nexit 0\n")
    (tmp_path / "lpstat").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    assert printing.print_pdfs([b"%PDF"], "Q", 5).state == printing.DONE
    assert (tmp_path / "args").read_text().split() == ["-d", "Q", "-t", "Brev", "-o", "job-sheets=none"]


def test_central_mode_prints_on_the_centres_cups_over_ipp(cups_on_the_network, monkeypatch, tmp_path):
    """printer_server = host:port: lp, lpstat and cancel talk IPP to that CUPS, not to this PC's."""
    base, env, _, port = cups_on_the_network
    monkeypatch.delenv("CUPS_SERVER", raising=False)
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-local-cups.sock"))  # the local one is not used
    canary = "CANARYipp" + os.urandom(4).hex()
    letter = build_letter(Letter(sender=[canary], recipient=["x"], subject="Klage", body=[canary], signer=canary))
    started = disk_now(base)
    assert printing.print_pdfs([letter], "KioskPDF", 20, server=f"127.0.0.1:{port}").state == printing.DONE
    outputs = [p for d in (Path.home() / "PDF", Path("/var/spool/cups-pdf")) if d.exists()
               for p in d.rglob("*.pdf") if p.stat().st_mtime >= started - 1]
    assert len(outputs) == 1 and outputs[0].stat().st_size > 1000
    outputs[0].unlink()
    assert canary_files(base / "spool", canary) == []
    # Control: the same print without the server goes to the (missing) local CUPS and fails.
    assert printing.print_pdfs([letter], "KioskPDF", 5).state == printing.FAILED
    # And a server where no CUPS answers fails kindly, within the time limits.
    assert printing.print_pdfs([letter], "KioskPDF", 5, server=f"127.0.0.1:{free_port()}").state == printing.FAILED


def test_an_unknown_queue_fails_kindly(cups, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", cups[1]["CUPS_SERVER"])
    assert printing.print_pdfs([b"%PDF-1.4\n"], "NoSuchQueue", 5).state == printing.FAILED


def test_every_letter_flow_prints_its_letter_through_the_queue(cups, monkeypatch, real_app, tmp_path):
    """Udskriv on each letter flow's letter screen sends it to the real queue; the page that comes
    out of cups-pdf carries the letter's subject."""
    from tests.conftest import KioskClient
    from tests.content.conftest import complete, seed
    from tests.content.test_letter_scenarios import SCENARIOS

    base, env, _ = cups
    monkeypatch.setenv("CUPS_SERVER", env["CUPS_SERVER"])
    real_app.extensions["kiosk_centre"].update(printer_queue="KioskPDF", borgerraadgiver=True, kommune="0751")
    content = real_app.extensions["kiosk_content"]
    first_of_each = {}
    for flow_id, answers, *_ in SCENARIOS:
        first_of_each.setdefault(flow_id, answers)
    printed = []
    for flow_id, given in first_of_each.items():
        flow = content.flows[flow_id]
        answers = complete(flow, given)
        person = KioskClient(real_app)
        seed(person, flow_id, answers)
        step_id = next(s for s in engine_walk(flow, answers) if flow.steps[s].kind == "document"
                       and flow.documents[flow.steps[s].document].kind == "letter")
        started = disk_now(tmp_path)
        page = person.post(f"/flow/{flow_id}/{step_id}/udskriv", status=200).text
        for _ in range(100):  # the waiting screen asks again until the print desk knows
            if Page(page).by_id("print-pending") is None:
                break
            time.sleep(0.2)
            page = person.get(f"/flow/{flow_id}/{step_id}/udskrift").text
        assert Page(page).by_id("print-done") is not None, (flow_id, page[:300])
        # A letter step with print_next prints its action sheet in the same tap: two jobs.
        expected = 2 if flow.steps[step_id].print_next else 1
        outputs = []
        for _ in range(100):
            outputs = [p for d in (Path.home() / "PDF", Path("/var/spool/cups-pdf")) if d.exists()
                       for p in d.rglob("*.pdf") if p.stat().st_mtime >= started - 1]
            if len(outputs) >= expected:
                break
            time.sleep(0.2)
        assert len(outputs) == expected, (flow_id, outputs)
        text = " ".join(subprocess.run(["pdftotext", str(o), "-"], capture_output=True, text=True).stdout
                        for o in outputs)
        for output in outputs:
            output.unlink()
        subject = compose_subject(real_app, flow, answers, content)
        # cups-pdf re-renders with Ghostscript, which drops the text mapping of æ, ø and å:
        # compare the plain letters and digits.
        plain = lambda value: re.sub(r"[^A-Za-z0-9]", "", value)  # noqa: E731
        assert plain(subject)[:25] in plain(text), (flow_id, subject, text[:300])
        printed.append(flow_id)
    print(f"T12 letters: {len(printed)} letter flows printed through cups-pdf")
    letter_flows = {f.id for f in content.flows.values() if any(d.kind == "letter" for d in f.documents.values())}
    assert set(printed) == letter_flows


def engine_walk(flow, answers):
    from kiosk.flows import engine

    return engine.walk(flow, answers)


def compose_subject(app, flow, answers, content):
    from kiosk import compose

    document = next(flow.documents[flow.steps[s].document] for s in engine_walk(flow, answers)
                    if flow.steps[s].kind == "document" and flow.documents[flow.steps[s].document].kind == "letter")
    with app.test_request_context():
        return compose.letter(flow, document, answers, app.extensions["kiosk_centre"], content.content_dir).subject
