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


def configure():
    for logger in (access, errors):
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False


def begin_request():
    g.request_id = secrets.token_hex(4)
    g.started = time.perf_counter()


def log_access(response):
    rule = request.url_rule.rule if request.url_rule else "-"
    ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    access.info("%s %s %s %d %.1fms", g.get("request_id", "-"), request.method, rule,
                response.status_code, ms)
    return response


def log_error(exc):
    errors.error("%s %s on %s", g.get("request_id", "-"), type(exc).__name__,
                 request.url_rule.rule if request.url_rule else "-")
