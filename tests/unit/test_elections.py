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
