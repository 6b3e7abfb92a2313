"""One visit = one person at the kiosk. The cookie carries only a random id.

Everything the person says is kept in the ephemeral store under that id. A wipe deletes
the entry and issues a new id, so an old id (in a restored page, say) points at nothing.

Only ids the store knows are adopted: an id the server never issued, or one the store has
forgotten (expired, wiped, or lost in a restart of the memory store), gets a fresh id. So a
planted cookie cannot make another person's answers land where the planter can read them.
"""
import hashlib
import hmac
import re
import secrets

from flask import current_app, g, request
from werkzeug.exceptions import BadRequest, TooManyRequests

from . import which_centre

COOKIE = "kiosk"
_ID_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
NO_VISIT_PREFIXES = ("/static/", "/fonts/")


class CsrfError(BadRequest):
    description = "csrf"


class TooManyNewVisits(TooManyRequests):
    description = "new visits"


def _new_id():
    return secrets.token_urlsafe(32)


def _store():
    return current_app.extensions["kiosk_store"]


def begin_request():
    # No answers first: if the store cannot be reached below, the error page still has a visit
    # to stand on, and no store call is left to fail in front of the person.
    g.visit_id, g.new_id, g.visit_data, g.visit_saved = None, True, {}, False
    if request.path.startswith(NO_VISIT_PREFIXES):
        return  # pictures, styles and fonts: nothing personal, no cookie
    raw = cookie_id()
    known = _store().load(raw, _ttl()) if raw else None
    if known is not None:
        g.visit_id, g.new_id, g.visit_data = raw, False, known
        return
    limit_new_visits()
    # A new visit is put in the store before its id is handed out, so the next request adopts it.
    g.visit_id = _new_id()
    save()


def limit_new_visits():
    """A flood of new visits from one source (a script, not a person) must not push out the answers
    of people mid-visit. A kiosk starts a new visit a few times a minute at most; past the limit
    the source gets the kind "wait a little" page and nothing is stored. Counted in the store, so
    every worker shares the count; keyed by a keyed hash (a plain one of an IPv4 address is undone
    by trying all 2^32), so the store never holds an address."""
    limit = current_app.config["NEW_VISITS_PER_MINUTE"]
    if not limit:
        return
    source = hmac.new(_key(), (request.remote_addr or "-").encode(), hashlib.sha256).hexdigest()[:32]
    if _store().count("new-visits:" + source, 60) > limit:
        raise TooManyNewVisits()


def _ttl():
    return which_centre.store_ttl(which_centre.current())


def cookie_id():
    """The id the browser sent, if it is well formed."""
    raw = request.cookies.get(COOKIE, "")
    return raw if _ID_SHAPE.match(raw) else None


def data():
    """The visit's answers, loaded at the start of the request (never a store call here)."""
    return g.visit_data


def log_in_staff():
    """Staff at this centre: the login names the centre, so the visit's cookie sent to another
    centre's host name (central mode) is no staff login there."""
    data()["staff"] = which_centre.current_path()


def is_staff():
    staff_at = data().get("staff")
    return bool(staff_at) and staff_at == which_centre.current_path()


def save():
    _store().put(g.visit_id, g.visit_data or {}, _ttl())
    g.visit_saved = g.visit_id


def wipe(keep=None):
    """Forget everything about this visit, and start a new one. `keep` carries over chosen keys."""
    carried = {k: data().get(k) for k in (keep or ()) if k in data()}
    # The visit the browser's own cookie names (adopted in begin_request when the store knows
    # it), whatever the request's CSRF token said (kiosk.hooks): one's own visit, and no other.
    _store().delete(g.visit_id)
    g.visit_id, g.new_id = _new_id(), True
    g.visit_data = carried
    save()


def end_request(response):
    # Only an id the store holds is handed out (saved above, or by wipe); after a store failure
    # the browser keeps its old cookie and the next request asks the store again.
    if g.get("new_id") and g.get("visit_id") and g.get("visit_saved") == g.visit_id:
        # Secure over HTTPS (central mode behind the TLS proxy): the id never travels in clear text.
        response.set_cookie(COOKIE, g.visit_id, httponly=True, samesite="Strict", path="/",
                            secure=request.is_secure)
    return response


def _key():
    key = current_app.config["SECRET_KEY"]
    return key if isinstance(key, bytes) else key.encode()


def csrf_token():
    return hmac.new(_key(), g.visit_id.encode(), hashlib.sha256).hexdigest()


def csrf_ok():
    sent = request.form.get("csrf_token", "") or request.headers.get("X-CSRF-Token", "")
    # Compare bytes: compare_digest raises TypeError on a str with any non-ASCII character, so a
    # crafted token such as "é" was a 500 on every POST instead of the kind "stale screen" page.
    sent = sent.encode("utf-8", "replace")
    return not g.new_id and hmac.compare_digest(sent, csrf_token().encode())


def check_csrf():
    if not csrf_ok():
        raise CsrfError()
