"""Facts that change with the calendar or the centre's settings, filled into content text.

Content may write {naeste_valg}, {folketingsvalg}, {kommunalvalg} or {europavalg}; everything else in
braces is left alone. The values are in the person's language.
"""

from flask_babel import format_date, gettext

from . import clock, elections
from .flows.parse import N_

NAMES = {"kommune": N_("Kommunal- og regionalvalg"), "folketing": N_("Folketingsvalg"),
         "europa": N_("Europa-Parlamentsvalg")}


def values(centre, today=None):
    today = today or clock.today()
    folketing_setting, european_setting = centre.get("folketingsvalg", ""), centre.get("europavalg", "")
    coming = elections.upcoming(today, folketing_setting, european_setting)
    kind, day = coming[0]
    naeste_valg = gettext("%(name)s %(day)s", name=gettext(NAMES[kind]), day=format_date(day, "full"))
    year, european = elections.next_european(today, european_setting)
    if european is None and elections.european_usual_last(year) < day:
        # The European election comes first, but the kiosk knows only its year.
        naeste_valg = gettext("Europa-Parlamentsvalg i %(year)s", year=str(year))
    folketing = elections.next_folketing(today, folketing_setting)
    return {
        "naeste_valg": naeste_valg,
        "kommunalvalg": format_date(elections.next_municipal(today), "full"),
        "folketingsvalg": format_date(folketing, "full") if folketing
        else gettext("Datoen er ikke sat ind på kiosken. Spørg personalet."),
        "europavalg": format_date(european, "full") if european
        else gettext("%(year)s. Datoen er ikke sat ind på kiosken. Spørg personalet.", year=str(year)),
    }


def fill(text, centre, today=None):
    if "{" not in text:
        return text
    for key, value in values(centre, today).items():
        text = text.replace("{" + key + "}", value)
    return text
