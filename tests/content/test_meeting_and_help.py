"""Forbered et møde and Hjælp i nærheden: the printouts carry the right time, place and numbers."""
import datetime
import subprocess
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.conftest import KioskClient
from tests.content.conftest import seed
from tests.unit.test_qr import decode_pages

CPH = ZoneInfo("Europe/Copenhagen")
MEETING = {"hvem": "kommunen", "sted": "kommunen", "bisidder": True, "emner": ["penge"],
           "egne-ord": "Jeg vil <b>have</b> hjælp & ro", "spoergsmaal-kommune": ["plan", "skrift"],
           "medbring": ["id"], "telefon": "", "afbud": True}


@pytest.fixture
def centre_app(real_app):
    real_app.extensions["kiosk_centre"].update(
        kommune="0751", kommune_address="Rådhuspladsen 2, 8000 Aarhus C",
        contacts=[{"name": "Værestedet Kompasset", "phone": "86 12 34 56", "address": "Vestergade 1",
                   "hours": "Man-fre 9-15", "note": ""},
                  {"name": "Herberget", "phone": "ikke et nummer", "address": "", "hours": "", "note": "Ring på"}])
    return real_app


def pdf_text(pdf, tmp_path):
    (tmp_path / "p.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout


def meeting_pdf(app, day, time):
    person = KioskClient(app)
    seed(person, "forbered-moede", {**MEETING, "dato": day, "tid": time})
    assert person.get("/flow/forbered-moede/ark").status_code == 200
    return person.get("/flow/forbered-moede/ark/pdf").data


@pytest.mark.parametrize("day, time, utc_offset", [
    ("2027-03-27", "10:30", 1),   # the day before summer time
    ("2027-03-28", "10:30", 2),   # the day the clocks go forward
    ("2027-10-31", "09:00", 1),   # the day the clocks go back
    ("2027-06-15", "14:15", 2),
])
def test_the_meeting_calendar_code_decodes_to_the_right_local_time(centre_app, tmp_path, day, time, utc_offset):
    pdf = meeting_pdf(centre_app, day, time)
    codes = [c for c in decode_pages(pdf, tmp_path / "codes", 200) if c]
    assert len(codes) == 1, "one code expected: the calendar entry (no phone number was given)"
    calendar = icalendar.Calendar.from_ical(codes[0].decode("utf-8"))
    event = next(iter(calendar.walk("VEVENT")))
    start = event["DTSTART"].dt
    expected = datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time.fromisoformat(time), CPH)
    assert start == expected and start.utcoffset() == datetime.timedelta(hours=utc_offset)
    assert (event["DTEND"].dt - start) == datetime.timedelta(hours=1)
    assert str(event["LOCATION"]) == "Rådhuspladsen 2, 8000 Aarhus C"
    alarm = next(iter(event.walk("VALARM")))
    assert alarm["TRIGGER"].dt == -datetime.timedelta(days=1)


def test_the_meeting_sheet_prints_when_where_the_questions_and_room_for_notes(centre_app, tmp_path):
    text = pdf_text(meeting_pdf(centre_app, "2027-03-28", "10:30"), tmp_path)
    for expected in ("Mit møde", "søndag den 28. marts 2027", "kl. 10.30", "Rådhuspladsen 2",
                     "Hvad er min plan?", "Kan jeg få det på skrift?", "Bed om at få det på skrift.",
                     "Det blev sagt og aftalt:", "Jeg vil <b>have</b> hjælp & ro", "Sundhedskort eller andet ID"):
        assert expected in " ".join(text.split()), expected


def test_a_meeting_elsewhere_prints_the_place_the_person_typed(centre_app, tmp_path):
    person = KioskClient(centre_app)
    answers = {**MEETING, "hvem": "hospital", "dato": "2027-01-12", "tid": "08:00", "sted-tekst": "Afsnit 7, Skejby"}
    answers.pop("spoergsmaal-kommune")
    answers["spoergsmaal-sundhed"] = ["medicin"]
    seed(person, "forbered-moede", answers)
    text = " ".join(pdf_text(person.get("/flow/forbered-moede/ark/pdf").data, tmp_path).split())
    assert "Afsnit 7, Skejby" in text and "Rådhuspladsen" not in text
    assert "Hvordan skal jeg tage min medicin?" in text


def test_help_nearby_lists_the_centres_contacts_and_checked_hotlines_with_call_codes(centre_app, tmp_path):
    person = KioskClient(centre_app)
    person.get("/")
    page = person.get("/flow/hjaelp/liste").text
    assert "Værestedet Kompasset" in page and "1888" in page
    pdf = person.get("/flow/hjaelp/liste/pdf").data
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Værestedet Kompasset" in text and "Vestergade 1" in text and "Herberget" in text
    assert "Kilde: Lev Uden Vold" in text
    (tmp_path / "h.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / "h.pdf"), str(tmp_path / "h")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("h-*.png")))],
                           capture_output=True, text=True).stdout.split()
    assert "tel:+4586123456" in found and "tel:1888" in found
    assert "tel:+4533411200" in found
    assert not any("ikke" in code for code in found), "a number that is not one gets no code"


def test_every_hotline_cites_a_source(real_app):
    flows = real_app.extensions["kiosk_content"].flows
    entries = [(f.id, e) for f in flows.values() for d in f.documents.values() for e in d.entries]
    assert entries
    for flow_id, entry in entries:
        assert flows[flow_id].sources[entry.source].url.startswith("https://")
