"""Danish deadline arithmetic (klagefrister and similar): dates in, dates out, with a
plain-Danish explanation and the sources of each rule.

Rules: /work/shared/research/dk-procedures.md §2 and dk-contacts-and-open-points.md C5.
Nothing here is legal advice; the kiosk prints the un-extended date plus an earlier
"safe" date because several points (paper post in 2026, 24/31 Dec, 5 June) are unsettled.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from . import clock

CHECKED = "2026-11-26"
UNITS = ("weeks", "days", "months", "working_days")
CHANNELS = ("digital", "paper")


@dataclass(frozen=True)
class RuleSource:
    title: str
    url: str
    checked: str


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
    explanation: tuple[str, ...]
    sources: tuple[RuleSource, ...]


JM_VEJLEDNING = RuleSource(
    "Justitsministeriets vejledning nr. 9533 af 26/6/2018 (resumé)",
    "https://www.hjulmandkaptain.dk/viden/nyheder/hvad-er-fristen-i-en-klagesag/", CHECKED)
AST_KLAGEFRISTER = RuleSource(
    "Ankestyrelsen: Klagefrister (hvornår et brev er modtaget)",
    "https://ast.dk/for-borgere-med-en-klagesag/klagefrister/klagefrister", CHECKED)
AKTINDSIGT = RuleSource(
    "Aktindsigtshåndbogen: svar senest 7 arbejdsdage efter modtagelsen",
    "https://aktindsigtshaandbogen.dk", CHECKED)
FORAELDELSESLOVEN_27 = RuleSource(
    "Forældelsesloven § 27, stk. 2 (nævner grundlovsdag, 24. og 31. december; gælder kun den lov)",
    "https://danskelove.dk/forældelsesloven/27", CHECKED)
BORGER_AUB = RuleSource(
    "borger.dk: fristen flyttes også fredagen efter Kristi himmelfart (UDK/AUB's egen praksis)",
    "https://www.borger.dk/skole-og-uddannelse/Erhvervsuddannelser/AUB-oversigt/"
    "hvis-du-er-utilfreds-eller-vil-klage", CHECKED)

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")
UNIT_WORDS = {"weeks": ("uge", "uger"), "days": ("dag", "dage"),
              "months": ("måned", "måneder"), "working_days": ("arbejdsdag", "arbejdsdage")}

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
# får brevet 6 hverdage senere" (AST_KLAGEFRISTER); JM vejledning 9533/2018 says 6 omdelingsdage.
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
    dated = received
    if channel == "paper":
        received = presumed_paper_receipt(dated)  # for paper, `received` came in as the letter's date
    computed = _computed(received, period)
    last_day = next_working_day(computed)
    moved = last_day != computed
    span = [computed + timedelta(days=i) for i in range((last_day - computed).days + 1)]
    risky = any(_is_risky_day(d) for d in span)
    safe_day = add_working_days(computed, -2)
    if safe_day <= received:
        safe_day = add_working_days(received, 1)

    if channel == "paper":
        lines = [f"Brevet på papir er dateret {danish_date(dated)}.",
                 f"Et brev med posten regnes for modtaget 6 hverdage senere: {danish_date(received)}."]
    else:
        lines = [f"Brevet kom i din digitale postkasse {danish_date(received)}."]
    lines.append("Den dag tæller ikke med.")
    singular, plural = UNIT_WORDS[period.unit]
    lines.append(f"{period.amount} {singular if period.amount == 1 else plural} senere "
                 f"er {danish_date(computed)}.")
    if period.unit == "working_days":
        lines.append("Lørdage, søndage og helligdage tæller ikke som arbejdsdage.")
    if moved:
        name = holiday_name(computed)
        reason = f"en helligdag ({name})" if name else f"en {danish_weekday(computed)}"
        lines.append(f"{_day_month(computed)} er {reason}, så fristen flyttes til "
                     f"{danish_date(last_day)}.")
        for day in span[1:-1]:
            if holiday_name(day):
                lines.append(f"Også {_day_month(day)} er en helligdag ({holiday_name(day)}).")
    lines.append("Fristen slutter kl. 23.59.")
    if risky:
        lines.append("Det er usikkert, om fristen flyttes på grundlovsdag, 24. og 31. december "
                     "og fredagen efter Kristi himmelfart. Aflever før.")

    sources = [JM_VEJLEDNING, AST_KLAGEFRISTER]
    if period.unit == "working_days":
        sources.append(AKTINDSIGT)
    if risky:
        sources += [FORAELDELSESLOVEN_27, BORGER_AUB]
    return Deadline(received, computed, last_day, moved, safe_day, risky,
                    channel == "paper", tuple(lines), tuple(sources))


def given(day: date, today: date | None = None) -> Deadline:
    """A deadline or meeting date the letter names itself: the kiosk takes it as it is.

    It is not moved (the authority chose the date); safe_day is 2 working days before, but
    never before `today`. Where no rule of ours applies, the only source is the letter.
    """
    today = today or clock.today()
    safe_day = add_working_days(day, -2)
    if safe_day < today:
        safe_day = max(today, min(day, next_working_day(today)))
    lines = (f"Brevet selv siger {danish_date(day)}.",
             "Kig i brevet en gang til, og spørg personalet, hvis du er i tvivl.")
    return Deadline(received=today, computed=day, last_day=day, moved=False, safe_day=safe_day,
                    risky=_is_risky_day(day), uncertain=False, explanation=lines, sources=())
