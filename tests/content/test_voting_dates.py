"""Stem: the next election shown is never one that has passed, on any day (a fixed "today")."""
import datetime

import pytest

from kiosk import clock
from tests.conftest import KioskClient

CASES = [
    # (today, Folketing date staff entered, must show, must not show)
    (datetime.date(2026, 11, 27), "", ["20. november 2029", "ikke sat ind"], ["18. november 2025"]),
    (datetime.date(2029, 11, 20), "", ["20. november 2029"], ["2033"]),
    (datetime.date(2029, 11, 21), "", ["15. november 2033"], ["20. november 2029"]),
    (datetime.date(2026, 11, 27), "2027-03-05", ["Folketingsvalg", "5. marts 2027"], ["ikke sat ind"]),
    (datetime.date(2027, 3, 6), "2027-03-05", ["20. november 2029", "ikke sat ind"], ["5. marts 2027"]),
    (datetime.date(2026, 11, 27), "2026-10-31", ["ikke sat ind"], ["31. oktober 2026"]),
]


@pytest.mark.parametrize("day, folketing, shown, hidden", CASES)
def test_the_voting_flow_shows_only_elections_still_to_come(real_app, day, folketing, shown, hidden):
    real_app.extensions["kiosk_centre"]["folketingsvalg"] = folketing
    person = KioskClient(real_app)
    with clock.fixed(day):
        page = person.get(f"/flow/stem/{real_app.extensions['kiosk_content'].flows['stem'].first}").text
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page, text
    assert "{naeste_valg}" not in page and "{folketingsvalg}" not in page
