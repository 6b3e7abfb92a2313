"""Logging that cannot carry a person's words.

The access log names the route *pattern* (`/flow/<flow_id>/<step_id>`), never the path
or query string, and errors are logged as their type plus a request id: an exception
message can quote user input (reportlab's do), so messages and tracebacks are dropped.
"""
import logging
import secrets
import sys
import time

from flask import g, request

access = logging.getLogger("kiosk.access")
errors = logging.getLogger("kiosk.error")


class NoDetails(logging.Filter):
    """For loggers we do not write ourselves (waitress): a record with an exception keeps only the
    exception's type. Its message names the path (which can be typed text) and its traceback
    quotes code and values; the kiosk's rule is type and request id only."""

    def filter(self, record):
        if record.exc_info or record.exc_text:
            kind = type(record.exc_info[1]).__name__ if record.exc_info else "error"
            record.msg, record.args = "%s while serving a request (details withheld)", (kind,)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


SERVER_LOGGERS = ("waitress", "gunicorn.error")


def configure():
    for logger in (access, errors):
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False
    for name in SERVER_LOGGERS:
        server_log = logging.getLogger(name)
        if not any(isinstance(f, NoDetails) for f in server_log.filters):
            server_log.addFilter(NoDetails())


def begin_request():
    g.request_id = secrets.token_hex(4)
    g.started = time.perf_counter()


def log_access(response):
    rule = request.url_rule.rule if request.url_rule else "-"
    ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    access.info("%s %s %s %d %.1fms", g.get("request_id", "-"), request.method, rule,
                response.status_code, ms)
    return response


def log_settings_problem(exc):
    """A centre's settings file the kiosk will not use. The message is the kiosk's own (the file's
    path and which setting is wrong, kiosk/config.py), never a value from a person."""
    errors.error("%s settings not used: %s", g.get("request_id", "-"), exc)


def log_unhandled(exc):
    """An error outside any request (the last-resort page): the type only."""
    errors.error("- %s outside the app's error pages", type(exc).__name__)


def log_error(exc):
    errors.error("%s %s on %s", g.get("request_id", "-"), type(exc).__name__,
                 request.url_rule.rule if request.url_rule else "-")
