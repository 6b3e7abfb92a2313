"""The corrections from the content audit (../shared/reviews/content-2026-12.md) to the complaint flows,
each read back from the rendered screen or from the printed PDF (pdftotext), on the fixed day of
tests/conftest.py.

Audit rows: W5 and M10 and U4 (Ombudsmanden), W7 (aktindsigt), M2 and M5 (patientklage), M13
(enkeltydelse papers). The other corrections are in test_content_corrections_advice.py.
"""
import re

import pytest

from kiosk.flows import engine
from tests.content.conftest import all_paths
from tests.content.correction_helpers import AARHUS, flow_of, pdf, screen, walk


@pytest.fixture
def app(real_app):
    real_app.extensions["kiosk_centre"].update(AARHUS)
    return real_app


# ---------------------------------------------------------------- Ombudsmanden (W5, M10, U4)

OMB_DECISION = {"brugt": "ja", "myndighed": "Ankestyrelsen", "afgoerelse-dato": "2026-06-10", "hvad": ["forkert"]}
OMB_WAITING = {"brugt": "lang-tid", "rykket": "ja", "myndighed": "Aarhus Kommune", "rykket-dato": "2026-11-02"}


def test_the_ombudsman_takes_written_complaints_only_screen_and_sheet(app, tmp_path):
    page = screen(app, "ombudsmand", OMB_DECISION, "ark")
    assert "selve klagen skal være skriftlig" in page
    assert "ringe til dem" not in page and "ringe og klage" not in page
    sheet = pdf(app, "ombudsmand", OMB_DECISION, "ark", tmp_path)
    assert "Klagen skal være skriftlig. Du kan ringe og spørge, men ikke klage i telefonen." in sheet
    assert "Du kan også ringe og klage" not in sheet
    assert "Ring og spørg Ombudsmanden" in sheet


def test_no_ombudsman_text_anywhere_says_you_can_complain_by_phone(app):
    flow = flow_of(app, "ombudsmand")
    texts = [t for s in flow.steps.values() for t in (*s.body, s.hint or "", s.question)]
    texts += [t for d in flow.documents.values() for t in (*d.steps, d.unknown_deadline)]
    assert not [t for t in texts if re.search(r"ringe og klage|eller ringe til dem|klage pr. telefon", t)]


def test_a_complaint_about_waiting_needs_no_decision_and_has_its_own_wording(app, tmp_path):
    steps = walk(app, "ombudsmand", OMB_WAITING)
    assert "afgoerelse-dato" not in steps and "hvad" not in steps
    assert steps[-2:] == ["brev-ventetid", "ark-ventetid"]
    letter = pdf(app, "ombudsmand", OMB_WAITING, "brev-ventetid", tmp_path)
    assert "Klage over sagsbehandlingstiden hos Aarhus Kommune" in letter
    assert "Jeg klager over sagsbehandlingstiden i min sag hos Aarhus Kommune." in letter
    assert "rykket dem for svar, senest den 2. november 2026" in letter
    assert "afgørelse" not in letter.split("Med venlig hilsen")[0]
    sheet = pdf(app, "ombudsmand", OMB_WAITING, "ark-ventetid", tmp_path)
    assert "Kiosken regner ingen frist ud for en klage over ventetid" in sheet


def test_someone_who_has_not_chased_the_authority_is_told_to_do_that_first(app):
    assert walk(app, "ombudsmand", {"brugt": "lang-tid", "rykket": "nej"})[-1] == "ryk-foerst"
    page = screen(app, "ombudsmand", {"brugt": "lang-tid", "rykket": "nej"}, "ryk-foerst")
    assert "Ryk dem først for svar" in page and "Kilde" in page


def test_the_decision_letter_still_says_it_is_the_last_decision(app, tmp_path):
    letter = pdf(app, "ombudsmand", OMB_DECISION, "brev", tmp_path)
    assert "Klage over afgørelse fra Ankestyrelsen, modtaget 10. juni 2026" in letter
    assert "det er den sidste afgørelse i sagen" in letter


def test_the_sheet_prints_no_computed_one_year_date_that_a_weekend_would_move(app, tmp_path):
    # 12 June 2027 is a Saturday: a computed date would have been moved to Monday 14 June.
    sheet = pdf(app, "ombudsmand", {**OMB_DECISION, "afgoerelse-dato": "2026-06-12"}, "ark", tmp_path)
    assert "14. juni 2027" not in sheet and "12. juni 2027" not in sheet and "Sidste frist" not in sheet
    assert "Klag inden 1 år efter, at du fik den sidste afgørelse." in sheet
    assert "spørg personalet i dag" in sheet


def test_a_late_ombudsman_complaint_states_no_lateness_as_fact(app, tmp_path):
    letter = pdf(app, "ombudsmand", {**OMB_DECISION, "afgoerelse-dato": "2025-10-01"}, "brev", tmp_path)
    assert "Jeg ved, at der er gået mere end et år" not in letter
    assert "Hvis klagen er kommet for sent, beder jeg Ombudsmanden om at se på den alligevel." in letter


def test_every_ombudsman_path_ends_in_a_letter_and_a_sheet(app):
    flow = flow_of(app, "ombudsmand")
    for answers in all_paths(flow):
        kinds = [flow.documents[flow.steps[s].document].kind for s in engine.walk(flow, answers)
                 if flow.steps[s].kind == "document"]
        assert kinds in ([], ["letter", "sheet"]), (answers, kinds)


# ---------------------------------------------------------------- Aktindsigt (W7)

@pytest.mark.parametrize("given, sheet_step", [
    ({"myndighed": "kommunen", "sag": "kontanthjaelp", "form": "papir"}, "ark-kommune"),
    ({"myndighed": "andet", "myndighed-navn": "Skattestyrelsen", "sag": "andet", "form": "hente"}, "ark-andre"),
])
def test_a_complaint_about_a_missing_answer_waits_14_working_days_with_its_section_cited(app, tmp_path, given,
                                                                                         sheet_step):
    sheet = pdf(app, "aktindsigt", given, sheet_step, tmp_path)
    assert "14 arbejdsdage efter, at de fik brevet, må du klage over ventetiden" in sheet
    assert "14 dage efter" not in sheet
    page = screen(app, "aktindsigt", given, sheet_step)
    assert "Offentlighedsloven § 39" in page
    flow = flow_of(app, "aktindsigt")
    assert flow.sources["ventetid"].url == "https://www.elov.dk/offentlighedsloven/paragraf/39/"


# ---------------------------------------------------------------- Patientklage (M2, M5)

STPK = {"slags": "behandling", "hvor": "hospital", "sted-navn": "Aarhus Universitetshospital, Akutafdelingen",
        "hvornaar": "2026-06-01", "hvad-behandling": ["diagnose"], "oenske": ["forklaring", "andre"],
        "papir": ["mitid", "bolig"], "adresse": "c/o Værestedet, Vestergade 1"}


def test_the_letter_to_stpk_is_the_complaint_itself(app, tmp_path):
    letter = pdf(app, "patientklage", STPK, "brev-stpk", tmp_path)
    assert "Klage over behandling – Aarhus Universitetshospital" in letter
    assert "Jeg klager hermed over den behandling, jeg fik på et hospital omkring den 1. juni 2026." in letter
    assert "Stedet er: Aarhus Universitetshospital, Akutafdelingen." in letter
    assert "min sygdom blev overset" in letter
    assert "Jeg vil gerne have en forklaring på, hvad der skete." in letter
    assert "ikke sker for andre" in letter
    assert "Derfor sender jeg min klage med posten." in letter
    assert "Send mig gerne et klageskema på papir, hvis I har brug for flere oplysninger." in letter
    assert "Anmodning om klageskema" not in letter and "Jeg beder derfor om at få et klageskema" not in letter


def test_the_treatment_route_asks_for_the_place(app):
    steps = walk(app, "patientklage", STPK)
    assert steps.index("sted-navn") < steps.index("brev-stpk")
    assert flow_of(app, "patientklage").steps["sted-navn"].optional is False


def test_patient_complaint_limits_say_or_should_have_found_out_and_the_absolute_limits(app, tmp_path):
    sheet = pdf(app, "patientklage", STPK, "ark-stpk", tmp_path)
    assert ("Klag inden 2 år efter, at du fandt ud af, eller burde have fundet ud af, at noget var galt. "
            "Og senest 5 år efter, at det skete.") in sheet
    assert "senest 3 år efter, at du fandt ud af, eller burde have fundet ud af, at du har en skade" in sheet
    assert "senest 10 år efter behandlingen" in sheet
    assert "opdagede skaden" not in sheet
    page = screen(app, "patientklage", STPK, "ark-stpk")
    assert "eller burde have fundet ud af" in page and "10 år" in page


# ---------------------------------------------------------------- Enkeltydelse papers (M13)

@pytest.mark.parametrize("given", [
    {"hvad": "tandlaege", "beloeb": "4.800 kr.", "hvorfor": ["kontanthjaelp"]},
    {"hvad": "husleje", "hvorfor": ["ingen-penge", "gaeld"]},
])
def test_the_enclosures_are_boxes_to_tick_not_a_claim_about_every_paper(app, tmp_path, given):
    flow = flow_of(app, "enkeltydelse")
    letter_step = next(s for s in walk(app, "enkeltydelse", given) if flow.steps[s].kind == "document"
                       and flow.documents[flow.steps[s].document].kind == "letter")
    letter = pdf(app, "enkeltydelse", given, letter_step, tmp_path)
    assert "Jeg vedlægger (sæt kryds): [ ] " in letter
    assert "[ ] kontoudtog for de seneste 3 måneder for min ægtefælles konti" in letter
    assert "[ ] lønsedler for de seneste 3 måneder" in letter
    assert "Jeg vedlægger de papirer fra listen, som jeg har" not in letter
    assert "hvis jeg er gift" not in letter and "hvis jeg har arbejde" not in letter and "hvis jeg er medlem" not in letter
    assert "så eftersender jeg dem" in letter
