"""Which language to speak. The choice lives in the visit's store, never in a cookie or URL."""
from flask import g, has_request_context

from . import which_centre
from .config import LANGUAGES


def enabled_languages():
    wanted = which_centre.current()["languages"]
    codes = [c for c in wanted if c in LANGUAGES] or ["da"]
    if "da" not in codes:
        codes.insert(0, "da")
    return codes


def select_locale():
    """The visit's language, from what this request already loaded: never a store call, so an
    error page (Redis down, say) can always choose its language. Danish when nothing is known."""
    if not has_request_context():
        return "da"
    lang = (g.get("visit_data") or {}).get("lang")
    return lang if lang in enabled_languages() else "da"


def text_direction(code):
    return LANGUAGES.get(code, {}).get("dir", "ltr")
