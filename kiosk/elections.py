"""Which elections are coming, so the voting flow never presents a past election as the next one.

Kommunal- og regionalvalg is held every 4 years on the third Tuesday of November (KV25 was
18 November 2025; source: admin.ism.dk, see dk-procedures.md §10). A Folketing election is
called at short notice, so its date can only come from the centre's settings.

European Parliament elections are held every 5 years (the last one 6-9 June 2024, the next in 2029:
elections.europa.eu), "sædvanligvis sidst i maj eller først i juni" (aeroekommune.dk). The exact date is
fixed by the EU and the Danish government, so it comes from the centre's settings too; until staff enter
it, the kiosk knows only the year, and after 30 June of that year it counts the election as held.
"""
import datetime

MUNICIPAL_FIRST_YEAR = 2025
EUROPEAN_FIRST_YEAR = 2024
EUROPEAN_EVERY = 5
EUROPEAN_USUAL_LAST = (6, 30)  # month, day: "sidst i maj eller først i juni" is over by then


def third_tuesday_of_november(year):
    first = datetime.date(year, 11, 1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(weeks=2)


def next_municipal(today):
    year = MUNICIPAL_FIRST_YEAR
    while third_tuesday_of_november(year) < today:
        year += 4
    return third_tuesday_of_november(year)


def _setting_date(setting):
    try:
        return datetime.date.fromisoformat(str(setting or ""))
    except ValueError:
        return None


def next_folketing(today, setting):
    """The Folketing election day staff entered, if it is today or later; else None."""
    day = _setting_date(setting)
    return day if day and day >= today else None


def european_usual_last(year):
    return datetime.date(year, *EUROPEAN_USUAL_LAST)


def next_european(today, setting=""):
    """(year, day) of the next European Parliament election.

    day is the date staff entered, while it is still to come; None when the kiosk knows only the year.
    A year with a date from staff is over the day after that date; a year without one after 30 June.
    """
    entered = _setting_date(setting)
    year = EUROPEAN_FIRST_YEAR
    while True:
        if entered and entered.year == year:
            if entered >= today:
                return year, entered
        elif european_usual_last(year) >= today:
            return year, None
        year += EUROPEAN_EVERY


def upcoming(today, folketing_setting="", european_setting=""):
    """[(kind, date)] for the elections with a known date still to come, soonest first.

    kind: "folketing" | "kommune" | "europa". A European election whose date is not set is left out
    here; see next_european.
    """
    found = [("kommune", next_municipal(today))]
    folketing = next_folketing(today, folketing_setting)
    if folketing:
        found.append(("folketing", folketing))
    _, european = next_european(today, european_setting)
    if european:
        found.append(("europa", european))
    return sorted(found, key=lambda item: item[1])
