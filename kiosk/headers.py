"""Every security and privacy header, set in one place.

Sources: OWASP ASVS 5.0 V3.4.3-3.4.6 and V14.3.2; the self-only CSP from
../shared/research/reliability-anchors.md B3-20. htmx runs with allowEval off, so
script-src needs neither 'unsafe-inline' nor 'unsafe-eval'.
"""
import sys

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


# For answers Flask never sees: waitress's own errors (431 for huge headers, 400 for a broken
# request) and the last-resort page below. The same headers as every Flask page.
FIXED_HEADERS = [
    ("Content-Security-Policy", CSP),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cache-Control", "no-store, max-age=0"),
]

# Static Danish words, no store, no template, no translation: nothing left that can fail.
LAST_RESORT_PAGE = (
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Noget gik galt</title>'
    '<link rel="stylesheet" href="/static/css/kiosk.css"></head><body><main id="main">'
    '<h1>Noget gik galt</h1><p class="lead">Det er ikke din skyld. Tryk på Start og prøv igen, '
    'eller spørg personalet.</p><a class="big-button" href="/" id="to-start"><span>Start</span></a>'
    '</main></body></html>').encode()


def last_resort(wsgi_app, log_error):
    """Wrap the app so no exception ever reaches the WSGI server. Flask's own error handlers come
    first; this answers only when they fail too. Without it waitress answers a plain English
    "Internal Server Error" with none of the headers, and logs the full traceback."""
    def app(environ, start_response):
        started = []

        def remember(*args):
            started.append(True)
            return start_response(*args)

        try:
            return wsgi_app(environ, remember)
        except Exception as exc:  # noqa: BLE001 - the last line: a kind page, whatever broke
            log_error(exc)
            # exc_info only when the app had begun its answer: then the server must decide.
            start_response("500 INTERNAL SERVER ERROR",
                           [("Content-Type", "text/html; charset=utf-8"), *FIXED_HEADERS,
                            ("Content-Length", str(len(LAST_RESORT_PAGE)))],
                           sys.exc_info() if started else None)
            return [LAST_RESORT_PAGE]
    return app


def protect_waitress():
    """Give waitress's own error answers (431, 400, its 500) the security headers."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class HeaderedErrorTask(ErrorTask):
        def execute(self):
            # Before the body: waitress sends the header block on the first write.
            self.response_headers.extend(FIXED_HEADERS)
            super().execute()

    HTTPChannel.error_task_class = HeaderedErrorTask
