"""Facts that change with the calendar or the centre's settings, filled into content text.

Content may write {naeste_valg}, {folketingsvalg} or {kommunalvalg}; everything else in braces
is left alone. The values are in the person's language.
"""

from flask_babel import format_date, gettext

from . import clock, elections
from .flows.parse import N_

NAMES = {"kommune": N_("Kommunal- og regionalvalg"), "folketing": N_("Folketingsvalg")}


def values(centre, today=None):
    today = today or clock.today()
    coming = elections.upcoming(today, centre.get("folketingsvalg", ""))
    kind, day = coming[0]
    folketing = elections.next_folketing(today, centre.get("folketingsvalg", ""))
    return {
        "naeste_valg": gettext("%(name)s %(day)s", name=gettext(NAMES[kind]), day=format_date(day, "full")),
        "kommunalvalg": format_date(elections.next_municipal(today), "full"),
        "folketingsvalg": format_date(folketing, "full") if folketing
        else gettext("Datoen er ikke sat ind på kiosken. Spørg personalet."),
    }


def fill(text, centre, today=None):
    if "{" not in text:
        return text
    for key, value in values(centre, today).items():
        text = text.replace("{" + key + "}", value)
    return text
