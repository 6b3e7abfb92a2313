"""What every template may use: the CSRF token, pictures, language and the centre's settings."""
import datetime

from babel.dates import get_month_names
from flask import current_app, g, url_for
from flask_babel import format_date, get_locale, get_translations, gettext
from markupsafe import Markup

from . import speech, visit, which_centre
from .config import LANGUAGES
from .documents import danish_date
from .facts import fill
from .flows.model import HOURS, MINUTES
from .i18n import enabled_languages, text_direction
from .words import Words


def picture_url(name):
    path = current_app.extensions["kiosk_content"].picture_path(name)
    return url_for("static", filename=path) if path else ""


def _context():
    centre = which_centre.current()
    lang = str(get_locale())
    data = visit.data()
    staff = visit.is_staff()
    return {
        "lang": lang,
        "text_dir": text_direction(lang),
        "languages": [(code, LANGUAGES[code]["name"]) for code in enabled_languages()],
        "centre": centre,
        "idle_seconds": int(centre["idle_timeout_seconds"]),
        "warn_seconds": current_app.config["IDLE_WARNING_SECONDS"],
        "server_voice": speech.has_voice(lang),
        "staff": staff,
        "side_by_side": bool(staff and data.get("side_by_side")),
    }


def qr_svg(payload, label):
    """An inline SVG QR code for the screen; the label is escaped inside qr.svg."""
    from . import qr

    try:
        return Markup(qr.svg(payload, label=label))
    except ValueError:
        return Markup("")


def offered_flows(flow_ids):
    """The flows among `flow_ids` that exist in this kiosk's content, in the given order."""
    content, centre = current_app.extensions["kiosk_content"], which_centre.current()
    return [flow for flow in (content.offered(f, centre) for f in flow_ids) if flow]


def translate(text):
    """Content text (a Danish msgid from a flow file) in the person's language, facts filled in."""
    return fill(_gettext(text), which_centre.current(), Words(str(get_locale()))) if text else ""


def month_names():
    names = get_month_names("wide", locale=get_locale())
    return [names[m][:1].upper() + names[m][1:] for m in range(1, 13)]


def checked_day(iso_day):
    """The day a source was checked, written the way the person's language writes dates."""
    return format_date(datetime.date.fromisoformat(iso_day), "long")


def time_choices():
    """(value, label) pairs for the hour and the minute pickers."""
    return [(h, f"{h:02d}") for h in HOURS], [(m, f"{m:02d}") for m in MINUTES]


def pick_options(values, labels=None, plus=0):
    """(value, label) pairs for a grid of radio buttons; the label is the value unless given.

    `plus` shifts every value, e.g. a date step's year offsets onto this year.
    """
    values = [v + plus for v in values]
    return list(zip(values, labels if labels is not None else values))


def answer_label(step, value):
    """An answer as words, for the check-answers screen."""
    if step.kind == "choice":
        choice = step.choice(value)
        return translate(choice.label) if choice else ""
    if step.kind == "multi":
        return ", ".join(translate(c.label) for c in step.choices if c.value in (value or []))
    if step.kind == "date":
        return format_date(datetime.date.fromisoformat(value), "long")
    if step.kind == "time":
        return gettext("kl. %(time)s", time=value.replace(":", "."))
    return value or gettext("(tomt)")


def _translations():
    """This request's catalogue, looked up once: Flask-Babel finds it again on every call (about a
    fifth of a step screen's time, with some 20 words on it), and a request speaks one language."""
    found = g.get("translations")
    if found is None:
        found = g.translations = get_translations()
    return found


def _gettext(text):
    return _translations().ugettext(text)


def _ngettext(singular, plural, n):
    return _translations().ungettext(singular, plural, n)


def register(app):
    # After Babel(app): the same callables it installs, with the catalogue looked up once.
    app.jinja_env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    app.context_processor(_context)
    app.add_template_filter(translate, "t")
    app.add_template_global(month_names)
    app.add_template_global(time_choices)
    app.add_template_global(checked_day)
    app.add_template_global(pick_options)
    # Globals, not context: macros imported without context need them too.
    app.add_template_global(visit.csrf_token, "csrf_token")
    app.add_template_global(picture_url)
    app.add_template_global(danish_date)
    app.add_template_global(qr_svg)
    app.add_template_global(offered_flows)
    app.add_template_global(answer_label)
