"""Facts that change with the calendar or the centre's settings, filled into content text.

Content may write {naeste_valg}, {folketingsvalg}, {kommunalvalg} or {europavalg}; everything else in
braces is left alone. The values are in the person's language.
"""

from . import clock, elections
from .flows.parse import N_
from .words import DANISH

NAMES = {"kommune": N_("Kommunal- og regionalvalg"), "folketing": N_("Folketingsvalg"),
         "europa": N_("Europa-Parlamentsvalg")}


def values(centre, words=DANISH, today=None):
    """The facts in `words`' language (a document names its language; a screen passes the person's)."""
    today = today or clock.today()
    folketing_setting, european_setting = centre.get("folketingsvalg", ""), centre.get("europavalg", "")
    coming = elections.upcoming(today, folketing_setting, european_setting)
    kind, day = coming[0]
    naeste_valg = words("%(name)s %(day)s", name=words(NAMES[kind]), day=words.date(day))
    year, european = elections.next_european(today, european_setting)
    if european is None and elections.european_usual_last(year) < day:
        # The European election comes first, but the kiosk knows only its year.
        naeste_valg = words("Europa-Parlamentsvalg i %(year)s", year=str(year))
    folketing = elections.next_folketing(today, folketing_setting)
    return {
        "naeste_valg": naeste_valg,
        "kommunalvalg": words.date(elections.next_municipal(today)),
        "folketingsvalg": words.date(folketing) if folketing
        else words("Datoen er ikke sat ind på kiosken. Spørg personalet."),
        "europavalg": words.date(european) if european
        else words("%(year)s. Datoen er ikke sat ind på kiosken. Spørg personalet.", year=str(year)),
    }


def fill(text, centre, words=DANISH, today=None):
    if "{" not in text:
        return text
    for key, value in values(centre, words, today).items():
        text = text.replace("{" + key + "}", value)
    return text
