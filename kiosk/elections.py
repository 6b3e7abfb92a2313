"""Which elections are coming, so the voting flow never presents a past election as the next one.

Kommunal- og regionalvalg is held every 4 years on the third Tuesday of November (KV25 was
18 November 2025; source: admin.ism.dk, see dk-procedures.md §10). A Folketing election is
called at short notice, so its date can only come from the centre's settings.
"""
import datetime

MUNICIPAL_FIRST_YEAR = 2025


def third_tuesday_of_november(year):
    first = datetime.date(year, 11, 1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(weeks=2)


def next_municipal(today):
    year = MUNICIPAL_FIRST_YEAR
    while third_tuesday_of_november(year) < today:
        year += 4
    return third_tuesday_of_november(year)


def next_folketing(today, setting):
    """The Folketing election day staff entered, if it is today or later; else None."""
    try:
        day = datetime.date.fromisoformat(str(setting or ""))
    except ValueError:
        return None
    return day if day >= today else None


def upcoming(today, folketing_setting=""):
    """[(kind, date)] for the elections still to come, soonest first. kind: "folketing" | "kommune"."""
    found = [("kommune", next_municipal(today))]
    folketing = next_folketing(today, folketing_setting)
    if folketing:
        found.append(("folketing", folketing))
    return sorted(found, key=lambda item: item[1])
