"""App-wide privacy hooks, registered by create_app beside the visit and header hooks.

- No query string is ever used: nothing a person says may travel in a URL.
- Every POST carries the CSRF token bound to this visit, except a wipe (see `require_csrf`).
- Werkzeug's own redirects (a missing or doubled slash) point at a path on this server, never at
  an address taken from the Host header.
"""
from urllib.parse import urlsplit

from flask import redirect, request
from werkzeug.routing import RequestRedirect

from . import visit
from .headers import CACHEABLE_PREFIXES

# "Færdig – slet alt" and "Start forfra" delete the visit named by the request's own cookie.
WIPE_ENDPOINTS = frozenset({"home.done", "home.start_over"})


def relative_redirects():
    """Werkzeug answers /flow//x and /personale with a 308 to an absolute URL built from the Host
    header. Redirect to the path alone, so no header can send the kiosk to another site."""
    exc = request.routing_exception
    if isinstance(exc, RequestRedirect):
        # Never "//host" or "/\\host" either: a browser reads those as another site.
        return redirect("/" + urlsplit(exc.new_url).path.lstrip("/\\"), exc.code)
    return None


def refuse_query_strings():
    """Nothing a person says may travel in a URL; drop any query string before it is used."""
    if request.query_string and request.method == "GET" and not request.path.startswith(CACHEABLE_PREFIXES):
        return redirect(request.path, 303)
    return None


def require_csrf():
    """Every POST must carry the token bound to this visit.

    A wipe is the exception: deleting one's own visit is never refused. After a restart (a new
    key) or on another worker, the open screen's token no longer matches, and refusing would leave
    the answers in the store until the TTL. It is safe without the token because a wipe deletes
    only the visit named by the request's own cookie and reads nothing back: another site's form
    carries no kiosk cookie (SameSite=Strict), and even with it could only end that browser's own
    visit early, as the idle timeout does. It cannot name any other visit.
    """
    if request.method == "POST" and request.endpoint not in WIPE_ENDPOINTS:
        visit.check_csrf()


def register(app):
    app.before_request(relative_redirects)
    app.before_request(refuse_query_strings)
    app.before_request(require_csrf)
