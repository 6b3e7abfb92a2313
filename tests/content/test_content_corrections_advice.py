"""The corrections from the content audit (../shared/reviews/content-2026-12.md) to the advice flows,
each read back from the rendered screen or from the printed PDF (pdftotext), on the fixed day of
tests/conftest.py.

Audit rows: S1 and M7 (Digital Post), M12 (fritagelse by fuldmagt), M6 (socialtandpleje), M8 (bisidder),
the meeting "Hos kommunen" without a kommune address, M11 (Ankestyrelsen in Hjælp), U1 (støtte),
U2 (borgerrådgiver), W6, M4 and S2 (valg). The complaint flows are in test_content_corrections.py.
"""
import re

import pytest

from tests.conftest import KioskClient
from tests.content.conftest import complete, seed
from tests.content.correction_helpers import AARHUS, flow_of, pdf, screen, walk


@pytest.fixture
def app(real_app):
    real_app.extensions["kiosk_centre"].update(AARHUS)
    return real_app


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
