"""Forstå et brev: a scenario table with deadlines and urgency written out by hand.

Rules: ../shared/research/dk-procedures.md §2 (day of receipt not counted; weeks end on the
same weekday; Saturday, Sunday and public holidays move the deadline to the next working day;
5 June, 24 and 31 December and the Friday after Kristi himmelfart are flagged, not moved),
§1 (4 weeks to complain), §11 (a påkrav gives 14 days). Holidays: 2026 Easter Sunday 5 April,
Kristi himmelfart 14 May; 2027 Easter Sunday 28 March.
"""
import datetime
import re
import subprocess

import pytest

from kiosk import clock
from tests.conftest import KioskClient
from tests.page import Page

# (sender, kind, channel, received, date in the letter or None, expected deadline or None, urgent, note)
SCENARIOS = [
    ("kommunen", "afgoerelse", "digital", "2026-03-03", None, "tirsdag den 31. marts 2026", False, ""),
    # 4 weeks land on skærtorsdag 25 March 2027; langfredag, the weekend and 2. påskedag follow.
    ("kommunen", "afgoerelse", "digital", "2027-02-25", None, "tirsdag den 30. marts 2027", False, ""),
    # Langfredag 3 April 2026 -> past Easter to Tuesday 7 April.
    ("udbetaling-danmark", "afgoerelse", "digital", "2026-03-06", None, "tirsdag den 7. april 2026", False, ""),
    # Paper: dated Mon 2 March 2026, presumed received 6 hverdage later (Tue 10 March) -> Tue 7 April.
    ("kommunen", "afgoerelse", "papir", "2026-03-02", None, "tirsdag den 7. april 2026", False, "papir"),
    # 2. juledag 2026 is a Saturday -> Monday 28 December.
    ("kommunen", "afgoerelse", "digital", "2026-11-28", None, "mandag den 28. december 2026", False, ""),
    ("kommunen", "afgoerelse", "digital", "2026-12-02", None, "onsdag den 30. december 2026", False, ""),
    # 31 December: flagged as unsure, not moved.
    ("kommunen", "afgoerelse", "digital", "2026-12-03", None, "torsdag den 31. december 2026", False, "helligdag"),
    # Nytårsdag 2027 is a Friday -> Monday 4 January.
    ("kommunen", "afgoerelse", "digital", "2026-12-04", None, "mandag den 4. januar 2027", False, ""),
    # Kristi himmelfart 14 May 2026 -> Friday 15 May, the unsure "fredag efter".
    ("kommunen", "afgoerelse", "digital", "2026-04-16", None, "fredag den 15. maj 2026", False, "helligdag"),
    # Received on langfredag; 1 May 2026 would have been store bededag, gone since 2024.
    ("kommunen", "afgoerelse", "digital", "2026-04-03", None, "fredag den 1. maj 2026", False, ""),
    # A påkrav: the date written in it, never computed and never moved (a Saturday stays a Saturday).
    ("udlejer", "paakrav", "digital", "2026-11-20", "2026-12-04", "fredag den 4. december 2026", True, ""),
    ("udlejer", "paakrav", "papir", "2026-12-18", "2027-01-02", "lørdag den 2. januar 2027", True, ""),
    # Skattestyrelsen: to Skatteankestyrelsen within 3 months (20 Feb 2027 is a Saturday -> Monday).
    ("skattestyrelsen", "afgoerelse", "digital", "2026-11-20", None, "mandag den 22. februar 2027", False, "skat"),
    ("skattestyrelsen", "stop", "digital", "2026-11-20", None, "mandag den 22. februar 2027", False, "skat"),
    # Hospital or region, police or court: the kiosk computes no date.
    ("hospital", "afgoerelse", "digital", "2026-11-20", None, None, False, "hospital"),
    ("politi-ret", "afgoerelse", "digital", "2026-11-20", None, None, True, "dom"),
    ("politi-ret", "stop", "papir", "2026-11-20", None, None, True, "dom"),
    ("udlejer", "afgoerelse", "digital", "2026-11-20", None, None, True, ""),
    ("ved-ikke", "afgoerelse", "digital", "2026-11-20", None, None, False, ""),
    ("ved-ikke", "stop", "digital", "2026-11-20", None, None, False, ""),
    # A meeting with anyone but the kommune: no sanction, no bisidder.
    ("hospital", "indkaldelse", "digital", "2026-11-20", "2027-01-15", "fredag den 15. januar 2027", False, "andet"),
    ("fogedretten", None, None, None, None, None, True, ""),
    # A stopped benefit is a decision: 4 weeks to complain, and urgent.
    ("kommunen", "stop", "digital", "2026-03-03", None, "tirsdag den 31. marts 2026", True, ""),
    ("udlejer", "udsaettelse", "digital", "2026-11-20", None, None, True, ""),
    ("kommunen", "partshoering", "digital", "2026-11-20", "2026-12-10", "torsdag den 10. december 2026", False, ""),
    ("kommunen", "partshoering", "digital", "2026-11-20", None, None, False, ""),
    ("kommunen", "indkaldelse", "papir", "2026-11-20", "2027-01-15", "fredag den 15. januar 2027", False, ""),
    ("skattestyrelsen", "opkraevning", "digital", "2026-11-20", "2027-02-01", "mandag den 1. februar 2027", False, ""),
    ("hospital", "ved-ikke", "digital", "2026-11-20", None, None, False, ""),
]


@pytest.fixture(autouse=True)
def fixed_day(today):
    """The table was worked out by hand on this day; later runs must read it the same way."""
    with clock.fixed(datetime.date(2026, 11, 27)):
        yield


def date_form(iso):
    year, month, day = iso.split("-")
    return {"day": str(int(day)), "month": str(int(month)), "year": year}


def walk(person, sender, kind, channel, received, own_date):
    """Tap through the flow; returns the result step's URL."""
    person.get("/flow/forstaa-brev/afsender")
    location = person.answer("forstaa-brev", "afsender", answer=sender).location
    if kind is None:
        return location
    person.answer("forstaa-brev", "art", answer=kind)
    person.answer("forstaa-brev", "kanal", answer=channel)
    location = person.answer("forstaa-brev", "modtaget", **date_form(received)).location
    if location.endswith("/telefon"):
        location = person.answer("forstaa-brev", "telefon", answer="33 66 33 66").location
    if location.endswith("/paakrav-dato"):
        location = person.answer("forstaa-brev", "paakrav-dato", **date_form(own_date)).location
    if location.endswith("/egen-frist"):
        location = person.answer("forstaa-brev", "egen-frist", answer="ja" if own_date else "nej").location
        if own_date:
            location = person.answer("forstaa-brev", "frist-dato", **date_form(own_date)).location
    return location


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s[0]}-{s[1]}-{s[3]}")
def test_the_printed_sheet_has_the_right_deadline_and_urgency(real_app, tmp_path, scenario):
    sender, kind, channel, received, own_date, deadline, urgent, note = scenario
    person = KioskClient(real_app)
    result = walk(person, sender, kind, channel, received, own_date)
    page = person.get(result).text
    assert ('id="urgent"' in page) == urgent
    if "/res-ved-ikke" in result or "/res-udlejer" in result:
        assert deadline is None and page.count("Kommunen") == 0
        return
    (tmp_path / "sheet.pdf").write_bytes(person.get(result + "/pdf").data)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(tmp_path / "sheet.pdf"), "-"],
                                              capture_output=True, check=True).stdout.decode())
    if deadline:
        assert deadline in text, text[:400]
    else:
        assert not re.search(r"\w+dag den \d+\. \w+ 20\d\d", text), text[:400]
    if own_date:
        # A date the letter names (a meeting, a reply date) gets no counting advice.
        assert "Aflever senest" not in text and "23.59" not in text
        assert "Datoen står i brevet" in text
    if note == "papir":
        assert "Brevet kom på papir" in text and "6 hverdage" in text
    if note == "skat":
        assert "Skatteankestyrelsen" in text and "4 uger" not in text
    if note in ("hospital", "dom"):
        assert "4 uger" not in text and "Sidste frist" not in text
    if note == "dom":
        assert "14 dage fra den dag, dommen blev sagt" in text
    if note == "andet":
        assert "sanktion" not in text and "bisidder" not in text
    if sender not in ("kommunen", "udbetaling-danmark"):
        # A decision leads into the kiosk's complaint only where that complaint is right.
        assert "/flow/klage-afgoerelse/fra/forstaa-brev" not in page
    if note == "helligdag":
        assert "Fristen ligger ved en helligdag" in text


def test_the_table_has_at_least_15_cases():
    assert len(SCENARIOS) >= 15


SENDERS = ["kommunen", "udbetaling-danmark", "skattestyrelsen", "hospital", "politi-ret", "udlejer", "fogedretten",
           "ved-ikke"]
KINDS = ["afgoerelse", "stop", "partshoering", "indkaldelse", "mangler", "opkraevning", "rykker", "paakrav",
         "udsaettelse", "ved-ikke"]
PUBLIC_DECIDERS = {"kommunen", "udbetaling-danmark"}


@pytest.mark.parametrize("sender", SENDERS)
def test_every_sender_and_kind_leads_somewhere_right(real_app, sender):
    """No sender ends on a screen that offers only Kommunen or Udbetaling Danmark; the 4-week complaint
    is offered only for their decisions."""
    content = real_app.extensions["kiosk_content"]
    flow = content.flows["forstaa-brev"]
    for kind in KINDS:
        person = KioskClient(real_app)
        result = walk(person, sender, kind, "digital", "2026-11-20", "2026-12-10")
        step_id = result.rsplit("/", 1)[-1]
        assert step_id in flow.steps and flow.steps[step_id].kind in ("document", "info"), (sender, kind, result)
        page = Page(person.get(result).text)
        leads_to_complaint = page.by_id("lead") is not None
        assert leads_to_complaint == (sender in PUBLIC_DECIDERS and kind in ("afgoerelse", "stop")), (sender, kind)
        if leads_to_complaint:
            person.get(page.by_id("lead").attrs["href"], status=303)
            klage = Page(person.get("/flow/klage-afgoerelse/myndighed").text)
            choices = [b.attrs["value"] for b in klage.root.find_all("button", name="answer")]
            assert choices and set(choices) != {"kommunen", "udbetaling-danmark"}, (sender, kind)
        text = page.visible_text()
        if sender not in PUBLIC_DECIDERS or kind not in ("afgoerelse", "stop"):
            assert "Sidste frist for at klage" not in text or sender == "skattestyrelsen", (sender, kind)
        if sender != "kommunen":
            assert "sanktion" not in text and "bisidder" not in text, (sender, kind)
