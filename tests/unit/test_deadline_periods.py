"""Deadline arithmetic for periods in months, days and working days, the small helpers, and the
properties every deadline keeps. Every expected date below was worked out by hand on a calendar.

The sources cited in the comments (§2, JM, C5a, ...) are listed in the docstring of test_deadlines.py,
which covers the holiday calendar.
"""
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.deadlines import (
    Deadline,
    Period,
    add_working_days,
    compute,
    danish_date,
    danish_weekday,
    is_working_day,
    next_working_day,
    presumed_paper_receipt,
)
from tests.unit.deadline_helpers import D, weeks

# --- months --------------------------------------------------------------------------

def test_31_january_plus_one_month_is_the_last_day_of_february_then_moved_off_saturday():
    # JM: months counted as months; end-of-month fallback is the usual reading (see module).
    # 28 Feb 2026 is a Saturday -> Mon 2 Mar 2026.
    d = compute(D(2026, 1, 31), Period(1, "months"))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 2, 28), D(2026, 3, 2), True)
    assert danish_date(d.computed) == "lørdag 28. februar 2026"


def test_31_january_2028_plus_one_month_is_leap_day_29_february():
    # JM: months as months; 2028 is a leap year.
    d = compute(D(2028, 1, 31), Period(1, "months"))
    assert (d.computed, d.last_day, d.moved) == (D(2028, 2, 29), D(2028, 2, 29), False)


def test_29_february_2028_plus_one_and_twelve_months():
    # JM: months as months. 12 months later there is no 29 Feb -> 28 Feb 2029 (a Wednesday).
    assert compute(D(2028, 2, 29), Period(1, "months")).last_day == D(2028, 3, 29)
    d = compute(D(2028, 2, 29), Period(12, "months"))
    assert (d.computed, d.last_day) == (D(2029, 2, 28), D(2029, 2, 28))
    assert danish_weekday(d.computed) == "onsdag"


def test_30_november_plus_one_and_three_months():
    # JM: months as months. 30 Nov 2026 + 1 = Wed 30 Dec 2026;
    # 30 Nov 2027 + 3 = no 30 Feb -> Tue 29 Feb 2028.
    assert compute(D(2026, 11, 30), Period(1, "months")).last_day == D(2026, 12, 30)
    d = compute(D(2027, 11, 30), Period(3, "months"))
    assert (d.computed, d.last_day, d.moved) == (D(2028, 2, 29), D(2028, 2, 29), False)


# --- days ----------------------------------------------------------------------------

def test_fourteen_days_is_received_plus_fourteen_calendar_days():
    # JM (§2): day of receipt not counted. Mon 2 Mar 2026 + 14 = Mon 16 Mar 2026.
    d = compute(D(2026, 3, 2), Period(14, "days"))
    assert (d.computed, d.last_day, d.safe_day) == (D(2026, 3, 16), D(2026, 3, 16), D(2026, 3, 12))
    assert danish_weekday(d.computed) == "mandag"


def test_ten_days_ending_on_langfredag_2026_moves_to_tuesday_7_april():
    # JM; §2 table. Tue 24 Mar 2026 + 10 = Fri 3 Apr (langfredag).
    d = compute(D(2026, 3, 24), Period(10, "days"))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 3), D(2026, 4, 7), True)


def test_a_one_day_period_keeps_the_safe_day_after_the_day_of_receipt():
    # Kiosk rule (compute docstring): safe_day never on or before the day of receipt.
    # Thu 24 Dec 2026 + 1 day = Fri 25 Dec (juledag) -> Mon 28 Dec. Two working days before
    # 25 Dec would be Wed 23 Dec, before receipt, so safe_day = first working day after.
    d = compute(D(2026, 12, 24), Period(1, "days"))
    assert (d.computed, d.last_day, d.safe_day, d.risky) == (
        D(2026, 12, 25), D(2026, 12, 28), D(2026, 12, 28), False)


# --- working days (aktindsigt 7 arbejdsdage) -----------------------------------------

def test_aktindsigt_seven_working_days_skips_a_weekend():
    # §3 / aktindsigtshåndbogen: 7 arbejdsdage after receipt; JM: receipt day not counted.
    # Wed 4 Mar 2026: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13.
    d = compute(D(2026, 3, 4), Period(7, "working_days"))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 3, 13), D(2026, 3, 13), False)


def test_aktindsigt_seven_working_days_skips_easter_2026():
    # §3; §2 table. Thu 26 Mar 2026: Fri 27, Mon 30, Tue 31, Wed 1 Apr, [Easter 2-6 Apr],
    # Tue 7, Wed 8, Thu 9 Apr.
    d = compute(D(2026, 3, 26), Period(7, "working_days"))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 9), D(2026, 4, 9), False)
    assert danish_weekday(d.computed) == "torsdag"


def test_aktindsigt_received_on_a_saturday_starts_counting_on_monday():
    # §3; JM. Sat 7 Mar 2026: Mon 9 .. Fri 13 (5), Mon 16 (6), Tue 17 (7).
    assert compute(D(2026, 3, 7), Period(7, "working_days")).last_day == D(2026, 3, 17)


def test_aktindsigt_over_christmas_2026_counts_24_and_31_december_as_working_days():
    # §3; C5a (24/31 Dec are not helligdage). Tue 22 Dec 2026: Wed 23, Thu 24, Mon 28,
    # Tue 29, Wed 30, Thu 31, [Fri 1 Jan nytårsdag], Mon 4 Jan 2027.
    assert compute(D(2026, 12, 22), Period(7, "working_days")).last_day == D(2027, 1, 4)


# --- small helpers -------------------------------------------------------------------

def test_working_day_helpers_step_over_weekends_and_holidays():
    # JM: hverdag = not Sat/Sun/helligdag. §2 table for Easter 2026.
    assert next_working_day(D(2026, 4, 2)) == D(2026, 4, 7)
    assert next_working_day(D(2026, 3, 31)) == D(2026, 3, 31)
    assert add_working_days(D(2026, 4, 1), 1) == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 7), -1) == D(2026, 4, 1)
    assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 9), -2) == D(2026, 3, 5)
    assert add_working_days(D(2026, 3, 9), 0) == D(2026, 3, 9)


def test_danish_dates_and_weekdays_are_spelled_out():
    assert danish_date(D(2026, 3, 31)) == "tirsdag 31. marts 2026"
    assert danish_date(D(2027, 5, 1)) == "lørdag 1. maj 2027"
    assert [danish_weekday(D(2026, 3, 2) + timedelta(days=i)) for i in range(7)] == [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def test_nonsense_periods_and_channels_are_refused():
    with pytest.raises(ValueError):
        compute(D(2026, 3, 3), Period(0, "weeks"))
    with pytest.raises(ValueError):
        compute(D(2026, 3, 3), Period(4, "fortnights"))
    with pytest.raises(ValueError):
        compute(D(2026, 3, 3), Period(4, "weeks"), channel="fax")


def test_results_are_frozen_dataclasses():
    d = weeks(D(2026, 3, 3))
    assert isinstance(d, Deadline)
    with pytest.raises(AttributeError):
        d.last_day = D(2030, 1, 1)


# --- properties ----------------------------------------------------------------------

periods = st.one_of(
    st.builds(Period, st.integers(1, 12), st.just("weeks")),
    st.builds(Period, st.integers(1, 60), st.just("days")),
    st.builds(Period, st.integers(1, 12), st.just("months")),
    st.builds(Period, st.integers(1, 20), st.just("working_days")),
)


@settings(max_examples=400, deadline=None)
@given(received=st.dates(D(2024, 1, 1), D(2030, 12, 31)), period=periods,
       channel=st.sampled_from(["digital", "paper"]))
def test_every_deadline_keeps_its_invariants(received, period, channel):
    # JM (§2): moved only off non-working days; the longest Danish run of non-working
    # days (Easter: Thu-Mon) is 5 days, so a move is always under a week.
    d = compute(received, period, channel)
    if channel == "paper":  # `received` is the letter's date; the count starts 6 hverdage later
        assert d.received == presumed_paper_receipt(received) > received
    received = d.received
    assert d.computed > received
    assert d.last_day >= d.computed
    assert is_working_day(d.last_day)
    assert (d.last_day - d.computed) < timedelta(days=7)
    assert d.moved == (d.last_day != d.computed)
    assert received < d.safe_day <= d.last_day
    assert is_working_day(d.safe_day)
    assert d.uncertain == (channel == "paper")
    if period.unit == "weeks":
        assert d.computed.weekday() == received.weekday()
    if period.unit == "working_days":
        assert not d.moved
