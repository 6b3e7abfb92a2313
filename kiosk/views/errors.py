"""Kind error pages. They never echo what was sent and never show a traceback.

An error page must render whatever broke: Redis down or frozen, a failed translation, a broken
template. So it touches no store and no visit: the template is rendered straight from Jinja
(no context processors, which read the visit), every word is translated here with a fall back to
the Danish source text, and if even that fails a fixed Danish page answers.
"""
from flask import current_app, request, url_for
from flask.globals import request_ctx
from flask_babel import gettext
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from .. import logs
from ..headers import LAST_RESORT_PAGE
from ..i18n import select_locale, text_direction
from ..store import StoreUnavailable
from ..visit import CsrfError, TooManyNewVisits

FALLBACK = LAST_RESORT_PAGE.decode()


def _(text):
    """gettext that cannot fail: the Danish msgid is the Danish text."""
    try:
        return gettext(text)
    except Exception:  # noqa: BLE001 - an error page must not fail on a translation
        return text


def render_template(name, **context):
    return current_app.jinja_env.get_template(name).render(**context)


def _page(status, title, message, back_url=None):
    if request_ctx.url_adapter is None:
        # A Host header no URL can be built for (".." say): only a forged request sends one, and
        # the page's links cannot be made. The fixed page, without a line in the error log.
        return FALLBACK, status
    try:
        lang = select_locale()
        words = {"start": _("Start"), "back": _("Tilbage"), "done": _("Færdig – slet alt"),
                 "kiosk": _("Værestedets kiosk"), "promise": _("Kiosken gemmer intet om dig."),
                 "help": _("Hjælpeknapper")}
        return render_template("pages/error.html", title=title, message=message, back_url=back_url,
                               words=words, lang=lang, text_dir=text_direction(lang)), status
    except Exception as exc:  # the error page itself must never fail in front of a person
        logs.log_error(exc)
        return FALLBACK, status


def _screen_at_this_address():
    """The screen shown at the address that was posted to (a step, the staff settings), or None."""
    try:
        endpoint, args = current_app.url_map.bind_to_environ(request.environ).match(request.path, method="GET")
        return url_for(endpoint, **args)
    except (HTTPException, BuildError):  # no screen there (or a redirect): the page offers Start only
        return None


def register(app):
    @app.errorhandler(CsrfError)
    def stale_page(exc):
        return _page(400, _("Skærmen har været åben for længe"),
                     _("Skærmen var åben for længe. Tryk på Start og prøv igen."))

    @app.errorhandler(404)
    def not_found(exc):
        return _page(404, _("Siden findes ikke"), _("Tryk på Start for at komme videre."))

    @app.errorhandler(413)
    def too_large(exc):
        # The page says "go back", and a kiosk browser has no Back button: give it one, to the
        # screen the text was typed on.
        return _page(413, _("Der var for meget tekst"),
                     _("Teksten var for lang til kiosken. Gå tilbage og skriv en kortere tekst."),
                     back_url=_screen_at_this_address())

    @app.errorhandler(TooManyNewVisits)
    def new_visit_flood(exc):
        # Nothing was stored for this request; a person who waits a minute gets in.
        return _page(429, _("Det gik ikke"), _("Vent lidt.") + " " + _("Tryk på Start og prøv igen."))

    @app.errorhandler(HTTPException)
    def other_http(exc):
        return _page(exc.code or 400, _("Det gik ikke"), _("Tryk på Start og prøv igen."))

    @app.errorhandler(StoreUnavailable)
    def store_down(exc):
        # Redis is down or frozen. The kiosk recovers by itself when it returns (every request
        # asks the store afresh), so the page only says to try again.
        logs.log_error(exc)
        if request.endpoint == "home.done":
            # Honest about the wipe: the answers could not be deleted now; the store's TTL will.
            return _page(503, _("Det gik ikke at slette lige nu"),
                         _("Dine svar bliver slettet af sig selv om lidt. Spørg personalet, hvis du er i tvivl."))
        return _page(503, _("Noget gik galt"),
                     _("Det er ikke din skyld. Tryk på Start og prøv igen, eller spørg personalet."))

    @app.errorhandler(Exception)
    def crashed(exc):
        logs.log_error(exc)
        return _page(500, _("Noget gik galt"),
                     _("Det er ikke din skyld. Tryk på Start og prøv igen, eller spørg personalet."))
