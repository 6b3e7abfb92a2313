"""Shared by the deadline tests (test_deadlines.py, test_deadline_periods.py)."""
from datetime import date

from kiosk.deadlines import Period, compute

D = date


def weeks(received, n=4, channel="digital"):
    return compute(received, Period(n, "weeks"), channel)
