"""Danish deadline arithmetic (klagefrister and similar): dates in, dates out.

Rules: ../shared/research/dk-procedures.md §2 and dk-contacts-and-open-points.md C5 (Justitsministeriets
vejledning nr. 9533/2018; Ankestyrelsen: Klagefrister; forældelsesloven § 27, stk. 2 for the unsure days).
Nothing here is legal advice; the kiosk prints the last day (moved past a weekend or holiday
where the rule says so) plus an earlier "safe" date, and says when a day is uncertain (paper post,
24/31 Dec, 5 June), because those points are unsettled.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from . import clock

UNITS = ("weeks", "days", "months", "working_days")
CHANNELS = ("digital", "paper")


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # "weeks" | "days" | "months" | "working_days"


@dataclass(frozen=True)
class Deadline:
    received: date
    computed: date
    last_day: date
    moved: bool
    safe_day: date
    risky: bool
    uncertain: bool


WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")

# Only the "public" category counts. The package files grundlovsdag, juleaftensdag,
# nytårsaften and 1 May under "optional"; none of them is a helligdag that moves an
# administrative deadline (dk-contacts C5a), so they are dropped here even if a future
# package version promotes them. Store bededag was abolished from 2024 (dk-procedures §0b
# item 5: sermitsiaq.ag/Ritzau 28 Feb 2023, fho.dk); holidays 0.109 already omits it.
_NOT_HELLIGDAGE = {"Grundlovsdag", "Juleaftensdag", "Nytårsaften", "Nytårsaftensdag",
                   "Arbejdernes kampdag"}


@cache
def _helligdage(year: int) -> dict[date, str]:
    raw = holidays.country_holidays("DK", years=year, language="da", categories=("public",))
    kept = {}
    for day in raw:
        names = [n for n in raw.get_list(day) if n not in _NOT_HELLIGDAGE
                 and not (n == "Store bededag" and year >= 2024)]
        if names:
            kept[day] = "; ".join(names)
    return kept


def holiday_name(day: date) -> str | None:
    return _helligdage(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


# Ankestyrelsen: "Hvis afgørelsen er sendt med almindelig post, går Ankestyrelsen ud fra, at du
# får brevet 6 hverdage senere" (ast.dk, Klagefrister); JM vejledning 9533/2018 says 6 omdelingsdage.
# Counted as working days, as in the research's worked example (dated Mon 2 Mar 2026 -> Tue 10 Mar).
PAPER_HVERDAGE = 6


def presumed_paper_receipt(dated: date) -> date:
    """The day a paper letter dated `dated` counts as received: 6 hverdage later."""
    return add_working_days(dated, PAPER_HVERDAGE)


def add_working_days(day: date, n: int) -> date:
    """Step |n| working days forward (n > 0) or back (n < 0); `day` itself is never
    counted, whether or not it is a working day. n == 0 returns `day` unchanged."""
    step = timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not is_working_day(day):
            day += step
    return day


def danish_weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def danish_date(day: date) -> str:
    return f"{danish_weekday(day)} {_day_month(day)} {day.year}"


def _day_month(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]}"


def _add_months(day: date, n: int) -> date:
    # JM's vejledning only says months are counted as months (§2). Falling back to the last
    # day of a shorter month (31 Jan + 1 month = 28/29 Feb) is the usual reading; it is NOT
    # in dk-procedures, so it errs early rather than late.
    months = day.year * 12 + day.month - 1 + n
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _is_risky_day(day: date) -> bool:
    """A "do not rely on extension" day (dk-procedures §2, dk-contacts C5a), unless it is
    already a weekend or helligdag, because then the move is certain anyway (e.g. 5 June
    2028 is 2. pinsedag, Sat 5 June 2027 moves as any Saturday does)."""
    if not is_working_day(day):
        return False
    ascension = [d for d, n in _helligdage(day.year).items() if "himmelfart" in n.lower()]
    return ((day.month, day.day) in {(6, 5), (12, 24), (12, 31)}
            or day - timedelta(days=1) in ascension)


def _computed(received: date, period: Period) -> date:
    if period.unit == "weeks":
        return received + timedelta(weeks=period.amount)
    if period.unit == "days":
        return received + timedelta(days=period.amount)
    if period.unit == "months":
        return _add_months(received, period.amount)
    return add_working_days(received, period.amount)


def compute(received: date, period: Period, channel: str = "digital") -> Deadline:
    """Count `period` from `received` (the day of receipt itself is not counted).

    For a paper letter (channel "paper") `received` is the date printed on the letter, and the
    count starts from the presumed day of receipt, 6 hverdage later (presumed_paper_receipt).

    safe_day, the date we advise handing in by, is the 2nd working day before `computed`
    (add_working_days(computed, -2)), so it ignores any extension. If that is not after
    `received`, it becomes the first working day after `received`. It is always a working
    day, after `received` and before or on `last_day`.
    """
    if period.unit not in UNITS or period.amount < 1:
        raise ValueError(f"unsupported period: {period!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unsupported channel: {channel!r}")
    if channel == "paper":
        received = presumed_paper_receipt(received)  # for paper, `received` came in as the letter's date
    computed = _computed(received, period)
    last_day = next_working_day(computed)
    moved = last_day != computed
    span = [computed + timedelta(days=i) for i in range((last_day - computed).days + 1)]
    risky = any(_is_risky_day(d) for d in span)
    safe_day = add_working_days(computed, -2)
    if safe_day <= received:
        safe_day = add_working_days(received, 1)

    return Deadline(received, computed, last_day, moved, safe_day, risky, uncertain=channel == "paper")


def given(day: date, today: date | None = None) -> Deadline:
    """A deadline or meeting date the letter names itself: the kiosk takes it as it is.

    It is not moved (the authority chose the date); safe_day is 2 working days before, but
    never before `today`.
    """
    today = today or clock.today()
    safe_day = add_working_days(day, -2)
    if safe_day < today:
        safe_day = max(today, min(day, next_working_day(today)))
    return Deadline(received=today, computed=day, last_day=day, moved=False, safe_day=safe_day,
                    risky=_is_risky_day(day), uncertain=False)
