"""Turn a submitted form into an answer, one function per step kind.

Each returns Parsed(value, error, shown): `error` is a plain-language message id, and
`shown` is what the person entered, so a mistake never costs them what they typed.
"""
import calendar
import datetime
import unicodedata
from dataclasses import dataclass

from .. import clock

PASSED = True


def N_(message):
    """Mark a message for translation; the view translates it in the person's language."""
    return message


@dataclass
class Parsed:
    value: object = None
    error: str | None = None
    shown: object = None
    error_params: dict | None = None


def clean_text(text):
    """Drop control and format characters (NUL, bidi overrides, zero-width) but keep line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if all(line.isprintable() for line in text.replace("\t", " ").split("\n")):
        return text  # the common case: nothing to drop, and far cheaper than a per-character check
    return "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))


def parse_choice(step, form, today):
    value = form.get("answer", "")
    if step.choice(value) is None:
        return Parsed(error=N_("Vælg et af svarene."))
    return Parsed(value=value, shown=value)


def parse_multi(step, form, today):
    allowed = [c.value for c in step.choices]
    values = [v for v in allowed if v in form.getlist("answer")]
    if not values and not step.optional:
        return Parsed(error=N_("Vælg mindst ét svar."))
    return Parsed(value=values, shown=values)


# One-tap answers for a date in the last week: most letters a person brings came days ago.
RECENT = {"today": 0, "yesterday": 1, **{f"ago-{n}": n for n in range(2, 7)}}


def parse_date(step, form, today):
    shown = {k: form.get(k, "")[:4] for k in ("day", "month", "year")}
    back = RECENT.get(form.get("shortcut", ""))
    if back is not None:
        day = today - datetime.timedelta(days=back)
        return Parsed(value=day.isoformat(), shown=_split(day))
    try:
        day, month, year = (int(shown[k]) for k in ("day", "month", "year"))
    except ValueError:
        return Parsed(error=N_("Vælg dag, måned og år."), shown=shown)
    if not 1 <= month <= 12 or year < 1900 or year > 2200:
        return Parsed(error=N_("Vælg dag, måned og år."), shown=shown)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return Parsed(error=N_("Den dato findes ikke. Vælg en anden dag."), shown=shown)
    return Parsed(value=datetime.date(year, month, day).isoformat(), shown=shown)


def parse_time(step, form, today):
    from .model import HOURS, MINUTES

    shown = {k: form.get(k, "")[:2] for k in ("hour", "minute")}
    try:
        hour, minute = int(shown["hour"]), int(shown["minute"])
    except ValueError:
        return Parsed(error=N_("Vælg time og minut."), shown=shown)
    if hour not in HOURS or minute not in MINUTES:
        return Parsed(error=N_("Vælg time og minut."), shown=shown)
    return Parsed(value=f"{hour:02d}:{minute:02d}", shown=shown)


def time_parts(value):
    """The stored "HH:MM" as the hour and minute the time screen shows as chosen."""
    try:
        hour, minute = (str(int(part)) for part in value.split(":"))
        return {"hour": hour, "minute": minute}
    except (AttributeError, ValueError):
        return {"hour": "", "minute": ""}


def _split(day):
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def date_parts(value):
    """The stored ISO date as the day/month/year the date screen shows as chosen."""
    try:
        return _split(datetime.date.fromisoformat(value))
    except (TypeError, ValueError):
        return {"day": "", "month": "", "year": ""}


def parse_text(step, form, today):
    text = clean_text(form.get("answer", "")).strip()
    if len(text) > step.max_length:
        return Parsed(error=N_("Teksten er for lang. Gør den kortere, så den er højst %(n)s tegn."),
                      error_params={"n": step.max_length}, shown=text)
    if not text and not step.optional:
        return Parsed(error=N_("Skriv et svar her."), shown=text)
    return Parsed(value=text, shown=text)


def parse_passed(step, form, today):
    return Parsed(value=PASSED)


PARSERS = {
    "choice": parse_choice,
    "multi": parse_multi,
    "date": parse_date,
    "time": parse_time,
    "text": parse_text,
    "info": parse_passed,
    "check": parse_passed,
    "document": parse_passed,
}


def fits(step, value):
    """Whether a value taken from another flow is an answer this step could have been given."""
    if step.kind == "choice":
        return isinstance(value, str) and step.choice(value) is not None
    if step.kind == "multi":
        return isinstance(value, list) and all(step.choice(v) is not None for v in value)
    if step.kind == "date":
        return date_parts(value)["day"] != ""
    if step.kind == "time":
        return isinstance(value, str) and time_parts(value)["hour"] != ""
    if step.kind == "text":
        return isinstance(value, str) and len(value) <= step.max_length
    return False


def parse(step, form, today=None):
    return PARSERS[step.kind](step, form, today or clock.today())
