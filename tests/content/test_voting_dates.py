"""Stem: the next election shown is never one that has passed, on any day (a fixed "today")."""
import datetime

import pytest

from kiosk import clock
from tests.conftest import KioskClient
from tests.content.conftest import seed

FV_UNSET = "Folketingsvalg: Datoen er ikke sat ind"
CASES = [
    # (today, Folketing date staff entered, must show, must not show)
    (datetime.date(2026, 11, 27), "", ["20. november 2029", FV_UNSET], ["18. november 2025"]),
    (datetime.date(2029, 11, 20), "", ["20. november 2029"], ["2033"]),
    (datetime.date(2029, 11, 21), "", ["15. november 2033"], ["20. november 2029"]),
    (datetime.date(2026, 11, 27), "2027-03-05", ["Folketingsvalg", "5. marts 2027"], [FV_UNSET]),
    (datetime.date(2027, 3, 6), "2027-03-05", ["20. november 2029", FV_UNSET], ["5. marts 2027"]),
    (datetime.date(2026, 11, 27), "2026-10-31", [FV_UNSET], ["31. oktober 2026"]),
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


EP_CASES = [
    # (today, European election date staff entered, must show, must not show)
    # No date entered: the kiosk names the year, and the European election comes before KV 20 Nov 2029.
    (datetime.date(2026, 12, 3), "", ["Næste valg: Europa-Parlamentsvalg i 2029.",
                                      "Europa-Parlamentsvalg: 2029. Datoen er ikke sat ind på kiosken.",
                                      "Kommunal- og regionalvalg: tirsdag den 20. november 2029."],
     ["Næste valg: Kommunal- og regionalvalg"]),
    (datetime.date(2029, 6, 30), "", ["Næste valg: Europa-Parlamentsvalg i 2029."], []),
    # After June of the election year an undated European election counts as held: the next is 2034.
    (datetime.date(2029, 7, 1), "", ["Næste valg: Kommunal- og regionalvalg tirsdag den 20. november 2029.",
                                     "Europa-Parlamentsvalg: 2034."], ["Europa-Parlamentsvalg i 2029"]),
    # A date entered by staff is shown until the day, then the next year is named.
    (datetime.date(2029, 5, 1), "2029-06-10", ["Næste valg: Europa-Parlamentsvalg søndag den 10. juni 2029.",
                                               "Europa-Parlamentsvalg: søndag den 10. juni 2029"], ["Europa-Parlamentsvalg i 2029"]),
    (datetime.date(2029, 6, 11), "2029-06-10", ["Europa-Parlamentsvalg: 2034."], ["10. juni 2029"]),
]


@pytest.mark.parametrize("day, european, shown, hidden", EP_CASES)
def test_the_european_parliament_election_is_listed_and_never_shown_once_held(real_app, day, european, shown,
                                                                               hidden):
    real_app.extensions["kiosk_centre"].update(folketingsvalg="", europavalg=european)
    person = KioskClient(real_app)
    seed(person, "stem", {"naeste-valg": True, "alder": "ja", "statsborger": "dansk", "bopael": "ja",
                          "kan-stemme": True, "brevstemme": True, "hjaelp": True})
    with clock.fixed(day):
        page = person.get("/flow/stem/naeste-valg").text
        sheet = person.get("/flow/stem/ark").text
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page, text
    assert "{europavalg}" not in page and "{kommunalvalg}" not in page
    assert shown[0] in sheet or "Næste valg" not in shown[0]
