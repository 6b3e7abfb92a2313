"""Kind error pages. They never echo what was sent and never show a traceback."""
from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from .. import logs
from ..visit import CsrfError

FALLBACK = ('<!doctype html><html lang="da"><meta charset="utf-8"><title>Fejl</title>'
            '<h1>Noget gik galt</h1><p><a href="/">Start</a></p></html>')


def _page(status, title, message, back_url=None):
    try:
        return render_template("pages/error.html", title=title, message=message, back_url=back_url), status
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

    @app.errorhandler(HTTPException)
    def other_http(exc):
        return _page(exc.code or 400, _("Det gik ikke"), _("Tryk på Start og prøv igen."))

    @app.errorhandler(Exception)
    def crashed(exc):
        logs.log_error(exc)
        return _page(500, _("Noget gik galt"),
                     _("Det er ikke din skyld. Tryk på Start og prøv igen, eller spørg personalet."))
