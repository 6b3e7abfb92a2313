"""T1: a unique string in every field of a journey is found in 0 files, 0 log lines and 0 cookies.

The kiosk runs as a real process (`python -m kiosk` on waitress) with HOME, TMPDIR, its
working folder and settings inside a sandbox. After the visits it is stopped, and every
file under the sandbox and the repository, plus everything it printed, is searched for
each canary in several encodings.
"""
import base64
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from tests.conftest import FIXTURES, disk_now, free_port

ROOT = Path(__file__).resolve().parents[2]


def encodings(canary):
    raw = canary.encode()
    yield raw
    yield canary.encode("utf-16-le")
    yield urllib.parse.quote_plus(canary).encode()
    yield base64.b64encode(raw)[:-4]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def visit(base, canaries):
    call, set_cookies = opener_for(base)
    page = call("/flow/journey/hvem")
    token = lambda html: re.search(r'name="csrf_token" value="([0-9a-f]+)"', html).group(1)
    tok = token(page)
    call("/flow/journey/hvem", {"csrf_token": tok, "answer": "kommunen"})
    call("/flow/journey/hvad", {"csrf_token": tok, "answer": ["penge", canaries["multi"]]})
    call("/flow/journey/hvornaar", {"csrf_token": tok, "day": canaries["day"], "month": "1", "year": "2026"})
    call("/flow/journey/hvornaar", {"csrf_token": tok, "shortcut": "today"})
    call("/flow/journey/navn", {"csrf_token": tok, "answer": canaries["name"] * 2})  # too long
    call("/flow/journey/navn", {"csrf_token": tok, "answer": canaries["name"]})
    call("/flow/journey/tjek", {"csrf_token": tok})
    letter = call("/flow/journey/brev")
    assert canaries["name"] in letter, "the journey did not reach the letter"
    call("/flow/journey/brev/pdf")
    printed = call("/flow/journey/brev/udskriv", {"csrf_token": tok})
    assert "print-failed" in printed, "printing without a queue should show the PDF page"
    call("/flow/journey/brev", {"csrf_token": tok})
    assert "svg" in call("/flow/journey/ark")
    call("/flow/journey/ark/pdf")
    call("/tale", {"csrf_token": tok, "lang": "da", "text": canaries["speech"]})
    call("/sprog", {"csrf_token": tok, "lang": canaries["lang"]})
    call("/flow/journey/hvem?q=" + canaries["query"])
    call("/flow/" + canaries["path"])
    call("/faerdig", {"csrf_token": tok})
    return set_cookies


def opener_for(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    set_cookies = []

    def call(path, form=None, want="text"):
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            response = opener.open(base + path, data=data, timeout=10)
        except urllib.error.HTTPError as e:  # 303s arrive here with NoRedirect
            response = e
        set_cookies.extend(response.headers.get_all("Set-Cookie") or [])
        body = response.read().decode("utf-8", "replace")
        return response.headers.get("Location", "") if want == "location" else body

    return call, set_cookies


def visit_real_flows(base, canaries):
    """The two post flows of the real content; the phone number field carries the canary."""
    call, cookies = opener_for(base)
    tok = re.search(r'name="csrf_token" value="([0-9a-f]+)"', call("/flow/forstaa-brev/afsender")).group(1)
    flow = "/flow/forstaa-brev/"
    for step, form in [("afsender", {"answer": "kommunen"}), ("art", {"answer": "afgoerelse"}),
                       ("kanal", {"answer": "digital"}), ("telefon", {"answer": canaries["name"]}),
                       ("modtaget", {"shortcut": "today"})]:
        call(flow + step, {"csrf_token": tok, **form})
    call(flow + "res-afgoerelse")
    call(flow + "res-afgoerelse/pdf")
    call(flow + "res-afgoerelse/udskriv", {"csrf_token": tok})
    call("/flow/tjek-post/mitid", {"csrf_token": tok, "answer": "nej"})
    call("/flow/tjek-post/mitid-nej/pdf")
    call("/faerdig", {"csrf_token": tok})
    return cookies


def run_sweep(tmp_path, content_dir, visitor, flows=20, settings=None):
    sandbox = tmp_path / "sandbox"
    for folder in ("home", "tmp", "cwd"):
        (sandbox / folder).mkdir(parents=True)
    if settings:
        (sandbox / "cwd" / "instance").mkdir()
        (sandbox / "cwd" / "instance" / "settings.json").write_text(json.dumps(settings))
    port = free_port()
    env = {**os.environ, "HOME": str(sandbox / "home"), "TMPDIR": str(sandbox / "tmp"),
           "KIOSK_PORT": str(port), "KIOSK_SETTINGS_FILE": str(sandbox / "cwd" / "instance" / "settings.json"),
           "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    if content_dir:
        env["KIOSK_CONTENT_DIR"] = str(content_dir)
    log = open(tmp_path / "server.log", "wb")
    started = disk_now(tmp_path)
    server = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=sandbox / "cwd", env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    all_canaries, cookies = [], []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(flows):
            canaries = {k: f"CANARY{k}{uuid.uuid4().hex[:12]}" for k in
                        ("multi", "day", "name", "speech", "lang", "query", "path")}
            all_canaries += canaries.values()
            cookies += visitor(base, canaries)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

    logged = (tmp_path / "server.log").read_bytes()
    assert b"kiosk.access" in logged, "the access log should have lines to search"
    log_hits = [c for c in all_canaries if any(e in logged for e in encodings(c))]
    cookie_hits = [c for c in all_canaries if any(c in k for k in cookies)]
    files = [p for base_dir in (sandbox, ROOT) for p in base_dir.rglob("*")
             if p.is_file() and ".git" not in p.parts and "node_modules" not in p.parts
             and ".venv" not in p.parts and p.stat().st_mtime >= started - 1]
    file_hits = []
    for path in files:
        data = path.read_bytes()
        file_hits += [(path, c) for c in all_canaries if any(e in data for e in encodings(c))]
    print(f"T1: {flows} visits: canary in {len(file_hits)} files, "
          f"{len(log_hits)} log lines, {len(cookie_hits)} cookies ({len(files)} new files checked)")
    assert (file_hits, log_hits, cookie_hits) == ([], [], [])


def test_canaries_are_found_in_no_file_log_line_or_cookie(tmp_path):
    run_sweep(tmp_path, FIXTURES, visit)


def test_canaries_from_the_post_flows_are_found_nowhere(tmp_path):
    run_sweep(tmp_path, None, visit_real_flows, flows=10)


def visit_every_flow_with_text(base, canaries):
    """Every real flow that asks for typed text, walked by HTTP with a canary in each text field.

    The walk reads each step's kind from the flow, so a new flow is covered without a new test.
    Its letters and sheets are opened as PDF and sent to print (no queue: shown instead).
    """
    from kiosk import create_app

    flows = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"}).extensions["kiosk_content"].flows
    call, cookies = opener_for(base)
    tok, printed = None, set()
    for flow in flows.values():
        if not any(s.kind == "text" for s in flow.steps.values()):
            continue
        page = call(f"/flow/{flow.id}/{flow.first}")
        tok = tok or re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)
        step_id = flow.first
        for _ in range(40):
            step = flow.steps[step_id]
            form = {"csrf_token": tok}
            if step.kind in ("choice", "multi"):
                form["answer"] = step.choices[0].value
            elif step.kind == "date":
                form["shortcut"] = "today"
            elif step.kind == "time":
                form.update(hour="10", minute="30")
            elif step.kind == "text":
                form["answer"] = canaries["name"] + " " + step.id
            elif step.kind == "document":
                shown = call(f"/flow/{flow.id}/{step_id}")
                if canaries["name"] in shown:
                    printed.add(flow.id)
                call(f"/flow/{flow.id}/{step_id}/pdf")
                call(f"/flow/{flow.id}/{step_id}/udskriv", {"csrf_token": tok})
            answer = opener_post_location(call, f"/flow/{flow.id}/{step_id}", form)
            if not answer or f"/flow/{flow.id}/" not in answer:
                break
            step_id = answer.rsplit("/", 1)[-1]
    letter_flows = {f.id for f in flows.values() if any(d.kind == "letter" for d in f.documents.values())}
    assert letter_flows <= printed, f"the walk never showed the typed text in {letter_flows - printed}"
    call("/faerdig", {"csrf_token": tok})
    return cookies


def opener_post_location(call, path, form):
    """POST and return where the 303 points (call() swallows redirects)."""
    return call(path, form, want="location")


def test_canaries_in_every_flow_with_typed_text_are_found_nowhere(tmp_path):
    run_sweep(tmp_path, None, visit_every_flow_with_text, flows=3, settings={"borgerraadgiver": True})


def test_the_canary_search_finds_a_planted_canary(tmp_path):
    """Negative control: the same encodings do find a canary that is really there."""
    canary = "CANARYplanted" + uuid.uuid4().hex[:8]
    (tmp_path / "a").write_bytes(urllib.parse.quote_plus(canary + " x").encode())
    (tmp_path / "b").write_bytes(canary.encode("utf-16-le"))
    found = [p for p in tmp_path.iterdir() if any(e in p.read_bytes() for e in encodings(canary))]
    assert len(found) == 2
