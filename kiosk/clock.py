"""Today, from one place.

Every date the kiosk computes (deadlines, "I dag", the date on a letter, the next election)
starts from `today()`. Nothing else reads the system clock for a date, so tests can fix the
day with `fixed()` and pass on any day of any year (CI also runs them under a shifted clock).
"""
import contextlib
import datetime
import time

_fixed: datetime.date | None = None


def today() -> datetime.date:
    return _fixed or datetime.date.today()


def now_utc() -> datetime.datetime:
    """The moment, for timestamps that must be real (a calendar entry's DTSTAMP), never fixed."""
    return datetime.datetime.fromtimestamp(time.time(), datetime.timezone.utc)


@contextlib.contextmanager
def fixed(day: datetime.date):
    """Run with `today()` pinned to `day` (tests, benchmarks); the old value comes back after."""
    global _fixed
    before, _fixed = _fixed, day
    try:
        yield day
    finally:
        _fixed = before
