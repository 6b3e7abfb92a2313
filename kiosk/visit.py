"""One visit = one person at the kiosk. The cookie carries only a random id.

Everything the person says is kept in the ephemeral store under that id. A wipe deletes
the entry and issues a new id, so an old id (in a restored page, say) points at nothing.
"""
import hashlib
import hmac
import re
import secrets

from flask import current_app, g, request
from werkzeug.exceptions import BadRequest

COOKIE = "kiosk"
_ID_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


class CsrfError(BadRequest):
    description = "csrf"


def _new_id():
    return secrets.token_urlsafe(32)


def begin_request():
    raw = request.cookies.get(COOKIE, "")
    if _ID_SHAPE.match(raw):
        g.visit_id, g.new_id = raw, False
    else:
        g.visit_id, g.new_id = _new_id(), True
    g.visit_data = None


def data():
    """The visit's answers, loaded once per request."""
    if g.visit_data is None:
        g.visit_data = current_app.extensions["kiosk_store"].get(g.visit_id)
    return g.visit_data


def save():
    current_app.extensions["kiosk_store"].put(g.visit_id, g.visit_data or {})


def wipe(keep=None):
    """Forget everything about this visit, and start a new one. `keep` carries over chosen keys."""
    carried = {k: data().get(k) for k in (keep or ()) if k in data()}
    current_app.extensions["kiosk_store"].delete(g.visit_id)
    g.visit_id, g.new_id = _new_id(), True
    g.visit_data = carried
    if carried:
        save()


def end_request(response):
    if g.get("new_id"):
        response.set_cookie(COOKIE, g.visit_id, httponly=True, samesite="Strict", path="/")
    return response


def csrf_token():
    key = current_app.config["SECRET_KEY"]
    key = key if isinstance(key, bytes) else key.encode()
    return hmac.new(key, g.visit_id.encode(), hashlib.sha256).hexdigest()


def check_csrf():
    sent = request.form.get("csrf_token", "") or request.headers.get("X-CSRF-Token", "")
    # Compare bytes: compare_digest raises TypeError on a str with any non-ASCII character, so a
    # crafted token such as "é" was a 500 on every POST instead of the kind "stale screen" page.
    sent = sent.encode("utf-8", "replace")
    if g.new_id or not hmac.compare_digest(sent, csrf_token().encode()):
        raise CsrfError()
