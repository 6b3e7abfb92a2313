"""Every security and privacy header, set in one place.

Sources: OWASP ASVS 5.0 V3.4.3-3.4.6 and V14.3.2; the self-only CSP from
../shared/research/reliability-anchors.md B3-20. htmx runs with allowEval off, so
script-src needs neither 'unsafe-inline' nor 'unsafe-eval'.
"""
from flask import request

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    # Read-aloud plays server-made speech from a blob: URL, never from disk.
    "media-src 'self' blob:",
    "form-action 'self'",
    # Only our own PDF, in the no-printer page's viewer.
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

CACHEABLE_PREFIXES = ("/static/", "/fonts/")


def set_headers(response):
    framed_by_us = response.headers.pop("X-Kiosk-Frame", None) == "self"
    response.headers["Content-Security-Policy"] = (
        CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'") if framed_by_us else CSP)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "SAMEORIGIN" if framed_by_us else "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not request.path.startswith(CACHEABLE_PREFIXES):
        # Anything rendered for a person may hold their answers: never keep a copy.
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
        response.vary.add("HX-Request")
        response.vary.add("Cookie")
    return response
