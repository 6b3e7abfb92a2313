"""Every letter names the kommune as the kommune writes itself: "Københavns Kommune", "Bornholms
Regionskommune", "Nordfyns Kommune", never "København Kommune" (sources: the header of
kiosk/data/kommuner.toml)."""
import re
import subprocess

import pytest

from kiosk import compose
from kiosk.centre import kommuner
from tests.conftest import TODAY, KioskClient
from tests.content.conftest import seed

KOMMUNER = kommuner()
# The two that are not "<name in the code list> Kommune".
EXCEPTIONS = {"0101": "Københavns Kommune", "0400": "Bornholms Regionskommune"}


def test_there_are_98_kommuner_each_with_a_full_name_and_a_short_name():
    assert len(KOMMUNER) == 98
    assert len({k["code"] for k in KOMMUNER}) == 98 and len({k["name"] for k in KOMMUNER}) == 98
    for k in KOMMUNER:
        assert set(k) == {"code", "name", "short", "region"}, k
        assert re.fullmatch(r"\d{4}", k["code"]), k


@pytest.mark.parametrize("kommune", KOMMUNER, ids=lambda k: k["code"])
def test_each_kommune_name_is_the_code_list_name_plus_kommune_except_koebenhavn_and_bornholm(kommune):
    expected = EXCEPTIONS.get(kommune["code"], f"{kommune['short']} Kommune")
    assert kommune["name"] == expected
    assert not kommune["name"].endswith("Kommune Kommune")


def test_the_genitive_names_are_kept():
    by_code = {k["code"]: k["name"] for k in KOMMUNER}
    assert by_code["0101"] == "Københavns Kommune"
    assert by_code["0400"] == "Bornholms Regionskommune"
    assert by_code["0480"] == "Nordfyns Kommune"
    assert by_code["0820"] == "Vesthimmerlands Kommune"
    assert by_code["0147"] == "Frederiksberg Kommune"


@pytest.mark.parametrize("flow_id, answers", [
    ("socialtandpleje", {"problem": ["ondt"], "hvor-laenge": "dage", "tilknytning": "gaden", "egne-ord": "",
                         "navn": "", "kontakt": "", "tjek": True}),
    ("borgerraadgiver", {"hvad": ["lang-tid"], "afdeling": "", "sagt-til": "ja", "egne-ord": "", "navn": "",
                         "kontakt": "", "tjek": True}),
])
def test_every_letter_to_a_kommune_is_addressed_by_its_full_name_for_all_98(real_app, flow_id, answers):
    content = real_app.extensions["kiosk_content"]
    flow = content.flows[flow_id]
    document = next(d for d in flow.documents.values() if d.kind == "letter")
    for kommune in KOMMUNER:
        centre = {"kommune": kommune["code"], "kommune_address": "Rådhuset, 1234 By", "borgerraadgiver": True}
        with real_app.test_request_context():
            letter = compose.letter(flow, document, answers, centre, content.content_dir, TODAY)
        assert kommune["name"] in letter.recipient, (kommune, letter.recipient)
        assert f"{kommune['short']} Kommune" in letter.recipient or kommune["code"] in EXCEPTIONS


@pytest.mark.parametrize("code, printed, never", [
    ("0101", "Københavns Kommune", "København Kommune"),
    ("0400", "Bornholms Regionskommune", "Bornholm Kommune"),
])
def test_the_printed_letter_reads_koebenhavns_and_bornholms_regionskommune(real_app, tmp_path, code, printed, never):
    real_app.extensions["kiosk_centre"].update(kommune=code, kommune_address="Rådhuset, 1234 By")
    person = KioskClient(real_app)
    seed(person, "socialtandpleje", {"problem": ["ondt"], "hvor-laenge": "dage", "tilknytning": "gaden",
                                     "egne-ord": "", "navn": "", "kontakt": "", "tjek": True})
    (tmp_path / "l.pdf").write_bytes(person.get("/flow/socialtandpleje/brev/pdf").data)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "l.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert printed in text and never not in text
