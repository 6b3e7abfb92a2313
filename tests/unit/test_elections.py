"""The voting flow's dates: never an election in the past presented as coming."""
import datetime

import pytest

from kiosk import elections


def test_municipal_elections_fall_on_the_third_tuesday_of_november_every_four_years():
    assert elections.third_tuesday_of_november(2025) == datetime.date(2025, 11, 18)  # KV25, per the source
    assert elections.next_municipal(datetime.date(2025, 11, 18)) == datetime.date(2025, 11, 18)
    assert elections.next_municipal(datetime.date(2025, 11, 19)) == datetime.date(2029, 11, 20)
    assert elections.next_municipal(datetime.date(2026, 11, 27)) == datetime.date(2029, 11, 20)
    assert elections.next_municipal(datetime.date(2029, 11, 21)) == datetime.date(2033, 11, 15)


@pytest.mark.parametrize("today", [datetime.date(2025, 1, 1) + datetime.timedelta(days=n) for n in range(0, 3700, 37)])
def test_no_upcoming_election_is_in_the_past(today):
    for setting in ("", "2026-10-31", "2027-03-05", "not a date"):
        coming = elections.upcoming(today, setting)
        assert coming and all(day >= today for _, day in coming)
        assert [day for _, day in coming] == sorted(day for _, day in coming)


def test_a_folketing_date_staff_entered_shows_until_the_day_and_then_drops_out():
    assert elections.upcoming(datetime.date(2027, 3, 5), "2027-03-05")[0] == ("folketing", datetime.date(2027, 3, 5))
    assert ("folketing", datetime.date(2027, 3, 5)) not in elections.upcoming(datetime.date(2027, 3, 6), "2027-03-05")


def test_the_european_parliament_election_comes_every_five_years_and_is_named_by_year_until_set():
    assert elections.next_european(datetime.date(2026, 12, 3)) == (2029, None)
    assert elections.next_european(datetime.date(2024, 6, 9)) == (2024, None)
    assert elections.next_european(datetime.date(2029, 6, 30)) == (2029, None)
    assert elections.next_european(datetime.date(2029, 7, 1)) == (2034, None)
    assert elections.next_european(datetime.date(2029, 5, 1), "2029-06-10") == (2029, datetime.date(2029, 6, 10))
    assert elections.next_european(datetime.date(2029, 6, 10), "2029-06-10") == (2029, datetime.date(2029, 6, 10))
    assert elections.next_european(datetime.date(2029, 6, 11), "2029-06-10") == (2034, None)
    assert elections.next_european(datetime.date(2026, 12, 3), "not a date") == (2029, None)


@pytest.mark.parametrize("today", [datetime.date(2025, 1, 1) + datetime.timedelta(days=n) for n in range(0, 3700, 37)])
def test_no_european_election_is_presented_after_it_is_held(today):
    for setting in ("", "2029-06-10", "2034-05-28", "x"):
        year, day = elections.next_european(today, setting)
        assert (day or elections.european_usual_last(year)) >= today
        coming = elections.upcoming(today, "", setting)
        assert all(d >= today for _, d in coming)
        assert [d for _, d in coming] == sorted(d for _, d in coming)
