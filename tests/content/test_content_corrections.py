"""The corrections from the content audit (../shared/reviews/content-2026-12.md), each read back from
the rendered screen or from the printed PDF (pdftotext), on the fixed day of tests/conftest.py.

Audit rows: W5 and M10 and U4 (Ombudsmanden), W7 (aktindsigt), M2 and M5 (patientklage), S1 and M7
(Digital Post), W6, M4 and S2 (valg), M6 (socialtandpleje), M8 (bisidder), M11 (Ankestyrelsen in Hjælp),
M12 (fritagelse by fuldmagt), M13 (enkeltydelse papers), U1 (støtte), U2 (borgerrådgiver), and the
meeting "Hos kommunen" without a kommune address.
"""
import html
import re
import subprocess

import pytest

from kiosk.flows import engine
from tests.conftest import KioskClient
from tests.content.conftest import all_paths, complete, seed

AARHUS = {"kommune": "0751", "kommune_address": "Rådhuspladsen 2, 8000 Aarhus C", "kommune_phone": "89 40 20 00",
          "borgerraadgiver": True, "borgerraadgiver_address": "Rådhuset, 8000 Aarhus C", "centre_place": "Aarhus"}


@pytest.fixture
def app(real_app):
    real_app.extensions["kiosk_centre"].update(AARHUS)
    return real_app


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


# ---------------------------------------------------------------- Digital Post (S1, M7, M12)

TO_EXEMPTION = {"mitid": "nej", "fritagelse-spg": "ja"}
TO_READ_ACCESS = {"mitid": "ja", "aabne": "telefon", "ulaeste": "nej", "hjaelp": "ja"}
STALE_EXEMPTION = re.compile(r"periode|forny|slutter|udløber", re.I)


def test_a_digital_post_exemption_is_permanent_on_screen_and_on_the_sheet(app, tmp_path):
    page = screen(app, "tjek-post", TO_EXEMPTION, "fritagelse")
    sheet = pdf(app, "tjek-post", TO_EXEMPTION, "fritagelse", tmp_path)
    for text in (page, sheet):
        assert "Fritagelsen gælder, indtil du selv beder om Digital Post igen" in text
        assert not STALE_EXEMPTION.search(text.split("Kilde")[0]), STALE_EXEMPTION.search(text).group()
    # The grounds and how to get it stay.
    assert "ikke har en fast adresse" in page and "ikke kan få MitID" in page
    assert "Tag ID med. Eller send en anden med en fuldmagt fra dig." in sheet
    assert "Du skriver under på en blanket." in sheet


def test_the_rights_card_on_exemption_is_permanent_and_names_the_fuldmagt(app, tmp_path):
    page = screen(app, "rettigheder", {"hvilken": "digital-post"}, "digital-post")
    assert "Eller send en anden med en fuldmagt fra dig." in page
    assert "Du skal møde op og have ID med." not in page
    assert "Fritagelsen gælder, indtil du selv beder om Digital Post igen." in page
    cards = pdf(app, "rettigheder", {"hvilken": "print", "vaelg-kort": ["digital-post"]}, "udskriv", tmp_path)
    assert "fuldmagt" in cards and "indtil du selv beder om Digital Post igen" in cards
    flow = flow_of(app, "rettigheder")
    assert "forny" not in flow.steps["digital-post"].staff_note


def test_a_letter_counts_from_the_day_it_reaches_the_mailbox_also_with_a_helper(app):
    page = screen(app, "tjek-post", TO_READ_ACCESS, "laeseadgang")
    assert ("Et brev gælder fra den dag, det kommer i din postkasse. "
            "Også hvis det kun er din hjælper, der læser det.") in page
    assert "når personen har fået det" not in page


# ---------------------------------------------------------------- Socialtandpleje (M6) and bisidder (M8)

def test_socialtandpleje_eligibility_is_homelessness_as_sst_dk_states_it(app):
    page = screen(app, "socialtandpleje", {"problem": ["ondt"], "hvor-laenge": "dage", "tilknytning": "vaerested"},
                  "brev")
    assert "bruger et herberg, en varmestue eller et værested, fordi du er hjemløs" in page
    assert "kommer på et herberg, en varmestue eller et værested." not in page
    card = screen(app, "rettigheder", {"hvilken": "socialtandpleje"}, "socialtandpleje")
    assert "et værested, fordi du er hjemløs" in card
    assert "Det gælder også, hvis du bruger et herberg, en varmestue eller et værested." not in card
    assert "på grund af hjemløshed" in card  # the source line names the condition


def test_the_bisidder_card_says_as_a_rule_not_always(app):
    card = screen(app, "rettigheder", {"hvilken": "bisidder"}, "bisidder")
    assert "Som regel må du tage en anden person med" in card
    assert "Du må altid" not in card


# ---------------------------------------------------------------- Forbered et møde (M1/M8 scope, no place)

MEETING = {"hvem": "kommunen", "dato": "2027-01-12", "tid": "10:00", "sted": "kommunen", "emner": ["penge"],
           "spoergsmaal-kommune": ["plan"], "medbring": ["id"], "telefon": ""}
ELSEWHERE = {"hvem": "hospital", "dato": "2027-01-12", "tid": "08:00", "sted-tekst": "Afsnit 7, Skejby",
             "emner": ["helbred"], "spoergsmaal-sundhed": ["medicin"], "medbring": ["id"], "telefon": ""}


def test_a_meeting_at_the_kommune_without_an_address_says_where_to_find_it(real_app, tmp_path):
    from tests.unit.test_qr import decode_pages

    real_app.extensions["kiosk_centre"].update(kommune="0751", kommune_address="")
    sheet = pdf(real_app, "forbered-moede", MEETING, "ark", tmp_path)
    assert "Adressen står i dit brev" in sheet
    assert "tirsdag den 12. januar 2027" in sheet and "kl. 10.00" in sheet
    assert "Adressen står i dit brev" in screen(real_app, "forbered-moede", MEETING, "ark")
    person = KioskClient(real_app)
    seed(person, "forbered-moede", complete(flow_of(real_app, "forbered-moede"), MEETING))
    codes = [c for c in decode_pages(person.get("/flow/forbered-moede/ark/pdf").data, tmp_path / "codes", 200) if c]
    assert len(codes) == 1 and b"BEGIN:VEVENT" in codes[0]
    assert b"LOCATION" not in codes[0], "no empty place in the calendar entry"


def test_a_meeting_at_the_kommune_with_an_address_prints_it(app, tmp_path):
    sheet = pdf(app, "forbered-moede", MEETING, "ark", tmp_path)
    assert "Rådhuspladsen 2, 8000 Aarhus C" in sheet and "Adressen står i dit brev" not in sheet


def test_bisidder_and_sanction_advice_only_for_a_meeting_with_the_kommune(app, tmp_path):
    kommune_steps = walk(app, "forbered-moede", MEETING)
    assert "bisidder" in kommune_steps and "afbud" in kommune_steps
    assert "som regel tage en anden med" in screen(app, "forbered-moede", MEETING, "bisidder")
    assert "sanktion" in screen(app, "forbered-moede", MEETING, "afbud")
    other_steps = walk(app, "forbered-moede", ELSEWHERE)
    assert "bisidder" not in other_steps and "afbud" not in other_steps
    others = " ".join(screen(app, "forbered-moede", ELSEWHERE, s) for s in other_steps if s != "ark")
    assert "sanktion" not in others and "kontanthjælp" not in others and "må du altid" not in others
    sheet = pdf(app, "forbered-moede", ELSEWHERE, "ark", tmp_path)
    assert "Hos kommunen må du som regel tage en anden med (bisidder). Andre steder: spørg først." in sheet


def test_no_flow_outside_the_letter_journey_says_you_may_always_bring_someone(app):
    for flow in app.extensions["kiosk_content"].flows.values():
        if flow.id in ("forstaa-brev", "klage-afgoerelse"):
            continue
        texts = [t for s in flow.steps.values() for t in s.body] + [t for d in flow.documents.values() for t in d.steps]
        assert not [t for t in texts if "må du altid" in t or "må altid tage" in t], flow.id
    for step_id in ("ark-kommune", "ark-andre"):
        assert flow_of(app, "bisidder").steps[step_id].body[0].startswith("Som regel må du tage en anden med")


# ---------------------------------------------------------------- Hjælp i nærheden (M11)

def test_ankestyrelsen_is_listed_only_for_a_case_already_there_not_for_a_first_complaint(app, tmp_path):
    page = screen(app, "hjaelp", {}, "liste")
    assert "Ikke til Ankestyrelsen." in page and "hvis din sag allerede er der" in page
    sheet = pdf(app, "hjaelp", {}, "liste", tmp_path)
    assert "Ankestyrelsen: kun hvis din sag allerede er hos dem" in sheet
    assert "En klage sender du til den, der har besluttet det, ikke hertil." in sheet
    assert "33 41 12 00" in sheet


# ---------------------------------------------------------------- Støtte (U1) and borgerrådgiver (U2)

def test_stoette_promises_no_afgoerelse_only_a_written_no_can_be_appealed(app, tmp_path):
    given = {"hvilken": "kontaktperson", "behov": ["post"], "bolig": "gaden"}
    sheet = pdf(app, "stoette", given, "ark", tmp_path)
    page = screen(app, "stoette", given, "ark")
    for text in (sheet, page):
        assert "Får du et skriftligt nej (en afgørelse), kan du klage inden 4 uger." in text
        assert "give dig et svar (afgørelse)" not in text and "Kommunen skal give dig et svar" not in text
    assert "spørg personalet" in page.lower()


def test_borgerraadgiver_claims_no_deadline_it_has_not_seen(app, tmp_path):
    given = {"hvad": ["lang-tid"], "afdeling": "Ydelsesservice", "sagt-til": "ja"}
    sheet = pdf(app, "borgerraadgiver", given, "ark", tmp_path)
    assert "Der er ingen frist" not in sheet
    assert "Kiosken kender ingen frist for at skrive til borgerrådgiveren. Spørg personalet" in sheet


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


# ---------------------------------------------------------------- Stem (W6, M4, S2)

VOTER = {"alder": "ja", "statsborger": "dansk", "bopael": "ja"}


def test_brevstemme_gives_the_last_day_rule_with_its_source(app):
    page = screen(app, "stem", VOTER, "brevstemme")
    assert "Den sidste dag er den 3. sidste hverdag før valget. Lørdag tæller med." in page
    assert "Spørg Borgerservice, hvornår de har åbent." in page
    assert "brevstemme fra 3 uger før valget" in page
    assert "borger.dk: Brevstemme til folketingsvalg" in page


def test_eu_citizens_are_told_they_may_vote_at_the_european_election_after_applying(app):
    page = screen(app, "stem", {"alder": "ja", "statsborger": "eu-nordisk", "bopael": "ja"}, "kun-kommunevalg")
    assert "kan du også stemme til Europa-Parlamentsvalg i Danmark" in page
    assert "du skal selv søge kommunen om det" in page


def test_the_staff_note_on_the_folketing_election_is_no_longer_stale(app):
    note = flow_of(app, "stem").steps["naeste-valg"].staff_note
    assert "Ingen kilde viser, om eller hvornår der var folketingsvalg i 2026" not in note
    assert "så det er holdt" in note and "Europa-Parlamentsvalg" in note
