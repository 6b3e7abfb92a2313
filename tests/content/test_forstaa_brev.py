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

# (sender, kind, channel, received, date in the letter or None, expected deadline or None, urgent, note)
SCENARIOS = [
    ("kommunen", "afgoerelse", "digital", "2026-03-03", None, "tirsdag den 31. marts 2026", False, ""),
    # 4 weeks land on skærtorsdag 25 March 2027; langfredag, the weekend and 2. påskedag follow.
    ("kommunen", "afgoerelse", "digital", "2027-02-25", None, "tirsdag den 30. marts 2027", False, ""),
    # Langfredag 3 April 2026 -> past Easter to Tuesday 7 April.
    ("udbetaling-danmark", "afgoerelse", "digital", "2026-03-06", None, "tirsdag den 7. april 2026", False, ""),
    ("kommunen", "afgoerelse", "papir", "2026-03-02", None, "mandag den 30. marts 2026", False, "papir"),
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
    ("udlejer", "paakrav", "digital", "2026-09-07", None, "mandag den 21. september 2026", True, ""),
    # 14 days land on nytårsdag 2027 -> Monday 4 January.
    ("udlejer", "paakrav", "papir", "2026-12-18", None, "mandag den 4. januar 2027", True, "papir"),
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
    person.answer("forstaa-brev", "telefon", answer="33 66 33 66")
    location = person.answer("forstaa-brev", "modtaget", **date_form(received)).location
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
    if "/res-ved-ikke" in result:
        assert deadline is None
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
        assert "Brevet kom på papir" in text
    if note == "helligdag":
        assert "Fristen ligger ved en helligdag" in text


def test_the_table_has_at_least_15_cases():
    assert len(SCENARIOS) >= 15
