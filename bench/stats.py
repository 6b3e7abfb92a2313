"""Figures shared by the bench scripts."""
import math


def percentile(values, p):
    """Nearest-rank percentile; None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[rank - 1]


def fmt(value, digits=2):
    return "nan" if value is None else f"{value:.{digits}f}"
