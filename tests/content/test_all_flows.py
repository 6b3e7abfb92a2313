"""Every real flow: every path walks to an end, every screen and printout renders in Danish and
English, every fact cites a source, no printout sends people to a postbox or "jobcentret"."""
import re
import subprocess

import pytest
from babel.messages.pofile import read_po

from kiosk import create_app
from kiosk.flows import engine
from tests.conftest import ROOT_DIR, KioskClient
from tests.content.conftest import all_paths, seed

APP = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
FLOWS = APP.extensions["kiosk_content"].flows
FORBIDDEN_IN_PRINT = re.compile(r"postkasse|jobcenter", re.I)


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_path_of_every_flow_renders_in_danish_and_english(flow_id, real_app, tmp_path):
    flow = FLOWS[flow_id]
    if flow.requires:
        real_app.extensions["kiosk_centre"][flow.requires] = True
    paths = all_paths(flow)
    seen_steps, printed = set(), {}
    for n, answers in enumerate(paths):
        lang = "en" if n % 5 == 4 else "da"
        person = KioskClient(real_app)
        seed(person, flow_id, answers, lang)
        for step_id in engine.walk(flow, answers):
            person.get(f"/flow/{flow_id}/{step_id}")
            seen_steps.add(step_id)
            if flow.steps[step_id].kind == "document":
                pdf = person.get(f"/flow/{flow_id}/{step_id}/pdf").data
                assert pdf.startswith(b"%PDF")
                key = (step_id, answers.get("kanal"), lang)
                printed.setdefault(key, pdf)
    assert seen_steps == set(flow.steps), f"never reached: {set(flow.steps) - seen_steps}"
    for key, pdf in printed.items():
        (tmp_path / "p.pdf").write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True).stdout.decode()
        assert not FORBIDDEN_IN_PRINT.search(text), (key, FORBIDDEN_IN_PRINT.search(text).group())
    print(f"{flow_id}: {len(paths)} paths, {len(seen_steps)} steps, {len(printed)} printouts checked")


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_every_screen_that_states_facts_cites_a_source(flow_id):
    flow = FLOWS[flow_id]
    for step in flow.steps.values():
        if step.kind in ("info", "document") or step.body:
            assert step.sources, f"{flow_id}/{step.id} states facts without a source"
        for ref in step.sources:
            assert flow.sources[ref].url.startswith("https://")


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_no_sheet_step_sends_people_to_a_postbox_or_the_jobcentre(flow_id):
    for document in FLOWS[flow_id].documents.values():
        for text in (document.title, *document.steps, document.unknown_deadline):
            assert not FORBIDDEN_IN_PRINT.search(text), (flow_id, document.id, text)


def test_every_content_string_is_translated_into_english():
    from kiosk.flows.babel_extract import extract_flows

    catalog = read_po(open(ROOT_DIR / "translations" / "en" / "LC_MESSAGES" / "messages.po", "rb"))
    missing = []
    for path in sorted((ROOT_DIR / "kiosk" / "content").rglob("*.toml")):
        with open(path, "rb") as fh:
            for _, _, text, _ in extract_flows(fh, [], [], {}):
                message = catalog.get(text)
                if message is None or not message.string:
                    missing.append(f"{path.name}: {text[:60]}")
    assert missing == []
