"""Deadline arithmetic around the Danish holiday calendar: the worked examples, Easter, Saturday and
Sunday receipt, Kristi himmelfart and pinse, Christmas, New Year and the other risky days, store bededag
and the holiday table. Every expected date below was worked out by hand on a calendar.

Months, days, working days, the small helpers and the properties are in test_deadline_periods.py.

Sources for the rules (see kiosk/deadlines.py):
  §2    = ../shared/research/dk-procedures.md §2 "Deadline computation"
  JM    = Justitsministeriets vejledning nr. 9533 af 26/6/2018 (resumé, hjulmandkaptain.dk)
  AST   = ast.dk klagefrister (Digital Post counts as received the same day)
  C5a   = dk-contacts-and-open-points.md C5a (5 June, 24 and 31 Dec, Friday after
          Kristi himmelfart: do not rely on an extension)
  §0b.5 = dk-procedures.md §0b item 5 (store bededag abolished from 2024)
"""
import pytest

from kiosk.deadlines import danish_date, danish_weekday, holiday_name, is_working_day
from tests.unit.deadline_helpers import D, weeks

# --- worked examples ---------------------------------------------------------------

def test_the_worked_example_in_section_2_ends_tuesday_31_march_2026():
    # §2 worked example; AST: Digital Post is received the day it is in the mailbox;
    # JM: day of receipt not counted, 4 uger = same weekday 4 weeks later, 23:59.
    d = weeks(D(2026, 3, 3))
    assert (d.received, d.computed, d.last_day, d.moved) == (
        D(2026, 3, 3), D(2026, 3, 31), D(2026, 3, 31), False)
    assert d.safe_day == D(2026, 3, 27)  # Mon 30 Mar, Fri 27 Mar: two working days back
    assert (d.risky, d.uncertain) == (False, False)
    assert danish_date(d.computed) == "tirsdag 31. marts 2026"


def test_the_paper_example_in_section_2_counts_from_6_hverdage_after_the_letters_date():
    # §2 worked example: a paper letter dated Mon 2 Mar 2026 is presumed received Tue 10 Mar 2026
    # (Ankestyrelsen: 6 hverdage), so 4 weeks end Tue 7 Apr 2026.
    d = weeks(D(2026, 3, 2), channel="paper")
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 7), D(2026, 4, 7), False)
    assert d.uncertain is True
    assert d.received == D(2026, 3, 10)
    # safe day skips 2. påskedag, Easter weekend, langfredag and skærtorsdag:
    # Wed 1 Apr is 1 back, Tue 31 Mar is 2 back.
    assert d.safe_day == D(2026, 3, 31)


def test_digital_post_is_never_marked_uncertain_and_has_no_paper_sentence():
    # AST: Digital Post is received the same day; §2.
    d = weeks(D(2026, 3, 3))
    assert d.uncertain is False


# --- Easter 2026 and 2027 ------------------------------------------------------------

def test_a_deadline_on_skaertorsdag_2026_moves_past_all_of_easter_to_tuesday_7_april():
    # JM: deadline on a helligdag moves to the next hverdag. §2 table: skærtorsdag 2 Apr,
    # langfredag 3 Apr, påskedag 5 Apr, 2. påskedag 6 Apr 2026.
    d = weeks(D(2026, 3, 5))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 2), D(2026, 4, 7), True)
    assert holiday_name(d.computed) == "Skærtorsdag" and holiday_name(D(2026, 4, 6)) == "Anden påskedag"
    assert d.safe_day == D(2026, 3, 31)  # Wed 1 Apr, Tue 31 Mar
    assert d.risky is False


def test_a_deadline_on_langfredag_2026_moves_to_tuesday_7_april():
    # JM; §2 table: langfredag 3 Apr 2026.
    d = weeks(D(2026, 3, 6))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 3), D(2026, 4, 7), True)


def test_a_deadline_on_anden_paaskedag_2026_moves_to_tuesday_7_april():
    # JM; §2 table: 2. påskedag 6 Apr 2026.
    d = weeks(D(2026, 3, 9))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 6), D(2026, 4, 7), True)


def test_a_deadline_on_skaertorsdag_2027_moves_to_tuesday_30_march_2027():
    # JM; §2 table 2027: skærtorsdag 25 Mar, langfredag 26 Mar, påskedag 28 Mar,
    # 2. påskedag 29 Mar.
    d = weeks(D(2027, 2, 25))
    assert (d.computed, d.last_day, d.moved) == (D(2027, 3, 25), D(2027, 3, 30), True)


def test_a_deadline_on_anden_paaskedag_2027_moves_to_tuesday_30_march_2027():
    # JM; §2 table 2027: 2. påskedag 29 Mar.
    d = weeks(D(2027, 3, 1))
    assert (d.computed, d.last_day, d.moved) == (D(2027, 3, 29), D(2027, 3, 30), True)


# --- Saturday and Sunday receipt -----------------------------------------------------

def test_a_letter_received_on_a_saturday_counts_from_that_saturday():
    # JM (§2): the deadline runs from the day the message is available, even a Saturday.
    # Sat 7 Mar + 4 weeks = Sat 4 Apr 2026 -> Sun påskedag, Mon 2. påskedag -> Tue 7 Apr.
    d = weeks(D(2026, 3, 7))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 4, 4), D(2026, 4, 7), True)
    assert danish_weekday(d.computed) == "lørdag" and holiday_name(d.computed) is None
    assert d.safe_day == D(2026, 3, 31)  # Fri 3 and Thu 2 Apr are helligdage


def test_a_letter_received_on_a_sunday_ends_on_a_sunday_and_moves_to_monday():
    # JM (§2): counting starts on the day of availability; Sunday -> next hverdag.
    d = weeks(D(2026, 2, 1))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 3, 1), D(2026, 3, 2), True)
    assert danish_weekday(d.computed) == "søndag" and danish_date(d.last_day) == "mandag 2. marts 2026"


def test_a_deadline_on_paaskedag_names_the_holiday_not_the_sunday():
    # JM; §2 table: påskedag 5 Apr 2026.
    d = weeks(D(2026, 3, 8))
    assert (d.computed, d.last_day) == (D(2026, 4, 5), D(2026, 4, 7))
    assert holiday_name(d.computed) == "Påskedag"


# --- Kristi himmelfart and pinse -----------------------------------------------------

def test_kristi_himmelfart_2026_moves_only_to_the_risky_friday_after():
    # JM: helligdag -> next hverdag. C5a: the Friday after Kristi himmelfart is only moved
    # by UDK/AUB practice, so we stop there and flag it. Kr. himmelfart 14 May 2026.
    d = weeks(D(2026, 4, 16))
    assert (d.computed, d.last_day, d.moved) == (D(2026, 5, 14), D(2026, 5, 15), True)
    assert d.risky is True


def test_a_deadline_on_the_friday_after_kristi_himmelfart_2026_is_risky_and_not_moved():
    # C5a; §2 "risky" days: Friday after Kristi himmelfart = 15 May 2026.
    d = weeks(D(2026, 4, 17))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 5, 15), D(2026, 5, 15), False, True)


def test_kristi_himmelfart_2027_stops_on_friday_7_may_and_is_risky():
    # JM; C5a; §2: Kr. himmelfart 6 May 2027, risky Friday 7 May 2027.
    d = weeks(D(2027, 4, 8))
    assert (d.computed, d.last_day, d.risky) == (D(2027, 5, 6), D(2027, 5, 7), True)


def test_anden_pinsedag_2026_moves_to_tuesday_26_may():
    # JM; §2 table: pinsedag 24 May, 2. pinsedag 25 May 2026.
    d = weeks(D(2026, 4, 27))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 5, 25), D(2026, 5, 26), True, False)
    assert holiday_name(d.computed) == "Anden pinsedag"


def test_anden_pinsedag_2027_moves_to_tuesday_18_may():
    # JM; §2 table: 2. pinsedag 17 May 2027.
    d = weeks(D(2027, 4, 19))
    assert (d.computed, d.last_day, d.moved) == (D(2027, 5, 17), D(2027, 5, 18), True)


# --- Christmas, New Year and the other risky days ------------------------------------

def test_juledag_2026_on_a_friday_moves_past_anden_juledag_and_sunday_to_monday_28_december():
    # JM; §2 table: juledag 25 Dec, 2. juledag 26 Dec.
    d = weeks(D(2026, 11, 27))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 12, 25), D(2026, 12, 28), True, False)


def test_juleaftensdag_2026_is_flagged_risky_but_not_moved():
    # C5a: 24 Dec is not a helligdag for administrative deadlines; do not rely on it.
    d = weeks(D(2026, 11, 26))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 12, 24), D(2026, 12, 24), False, True)


def test_nytaarsaftensdag_2026_is_flagged_risky_but_not_moved():
    # C5a: 31 Dec.
    d = weeks(D(2026, 12, 3))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 12, 31), D(2026, 12, 31), False, True)


def test_nytaarsdag_2027_on_a_friday_moves_to_monday_4_january():
    # JM; §2 table: nytårsdag 1 Jan 2027.
    d = weeks(D(2026, 12, 4))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2027, 1, 1), D(2027, 1, 4), True, False)


def test_grundlovsdag_2026_on_a_friday_is_flagged_risky_but_not_moved():
    # C5a: 5 June is not a helligdag for administrative deadlines.
    d = weeks(D(2026, 5, 8))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2026, 6, 5), D(2026, 6, 5), False, True)


def test_grundlovsdag_2027_on_a_saturday_moves_like_any_saturday_and_is_not_risky():
    # JM: Saturday -> next hverdag, so the move is certain (see _is_risky_day in kiosk/deadlines.py).
    d = weeks(D(2027, 5, 8))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2027, 6, 5), D(2027, 6, 7), True, False)


def test_grundlovsdag_2028_is_also_anden_pinsedag_so_it_moves_for_certain():
    # JM: 2. pinsedag 2028 = Mon 5 June 2028 is a helligdag -> Tue 6 June 2028.
    d = weeks(D(2028, 5, 8))
    assert (d.computed, d.last_day, d.moved, d.risky) == (D(2028, 6, 5), D(2028, 6, 6), True, False)


# --- store bededag and the holiday calendar ------------------------------------------

@pytest.mark.parametrize("received, store_bededag", [
    (D(2024, 3, 29), D(2024, 4, 26)),
    (D(2025, 4, 18), D(2025, 5, 16)),
    (D(2026, 4, 3), D(2026, 5, 1)),
    (D(2027, 3, 26), D(2027, 4, 23)),
])
def test_store_bededag_is_an_ordinary_working_day_from_2024(received, store_bededag):
    # §0b.5: store bededag abolished from 1 Jan 2024 (4th Friday after Easter).
    d = weeks(received)
    assert (d.computed, d.last_day, d.moved) == (store_bededag, store_bededag, False)
    assert is_working_day(store_bededag) and holiday_name(store_bededag) is None


def test_store_bededag_2023_was_still_a_helligdag():
    # §0b.5: the abolition took effect 1 Jan 2024.
    assert holiday_name(D(2023, 5, 5)) == "Store bededag"
    assert not is_working_day(D(2023, 5, 5))


def test_the_2026_holiday_table_in_section_2_matches_the_package():
    # §2 public-holiday table for 2026.
    for day, name in [(D(2026, 1, 1), "Nytårsdag"), (D(2026, 4, 2), "Skærtorsdag"),
                      (D(2026, 4, 3), "Langfredag"), (D(2026, 4, 5), "Påskedag"),
                      (D(2026, 4, 6), "Anden påskedag"), (D(2026, 5, 14), "Kristi himmelfartsdag"),
                      (D(2026, 5, 24), "Pinsedag"), (D(2026, 5, 25), "Anden pinsedag"),
                      (D(2026, 12, 25), "Juledag"), (D(2026, 12, 26), "Anden juledag")]:
        assert holiday_name(day) == name


@pytest.mark.parametrize("year", range(2024, 2031))
def test_grundlovsdag_juleaften_nytaarsaften_and_1_may_are_not_helligdage(year):
    # C5a: only forældelsesloven § 27 names 5 June / 24 Dec / 31 Dec; 1 May is not a helligdag.
    for day in (D(year, 6, 5), D(year, 12, 24), D(year, 12, 31), D(year, 5, 1)):
        if day == D(2028, 6, 5):  # 2. pinsedag in 2028
            assert holiday_name(day) == "Anden pinsedag"
            continue
        assert holiday_name(day) is None
        assert is_working_day(day) == (day.weekday() < 5)
