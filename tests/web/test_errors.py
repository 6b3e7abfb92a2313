"""Errors are kind, never echo input, and log only a type and a request id."""
import logging

import pytest

from kiosk import logs


@pytest.fixture
def captured():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    for logger in (logs.access, logs.errors):
        logger.addHandler(handler)
    yield records
    for logger in (logs.access, logs.errors):
        logger.removeHandler(handler)


def test_a_crash_shows_a_kind_page_and_logs_no_input(app, kiosk, captured, monkeypatch):
    from kiosk.flows import parse as parse_module

    def explode(step, form, today):
        raise ValueError(f"bad input {form.get('answer')}")

    monkeypatch.setitem(parse_module.PARSERS, "choice", explode)
    kiosk.get("/flow/journey/hvem")
    page = kiosk.answer("journey", "hvem", status=500, answer="CANARY-crash").text
    assert "Noget gik galt" in page and "CANARY" not in page and "Traceback" not in page
    joined = "\n".join(captured)
    assert "ValueError" in joined and "CANARY" not in joined


def test_the_access_log_names_routes_not_paths(kiosk, captured):
    kiosk.http.get("/flow/journey/hvem?navn=CANARY-query")
    kiosk.get("/flow/CANARY-path/x", status=404)
    joined = "\n".join(captured)
    assert "/flow/<flow_id>/<step_id>" in joined
    assert "CANARY" not in joined


def test_a_failing_error_page_still_answers(app, kiosk, monkeypatch):
    from kiosk.views import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template broke")

    monkeypatch.setattr(errors, "render_template", broken)
    response = kiosk.http.get("/nowhere")
    assert response.status_code == 404 and "Noget gik galt" in response.text


@pytest.mark.parametrize("body", [b"\xff\xfe\x00garbage", b"answer=%00%ff%fe", b"a" * 1000])
def test_malformed_bodies_never_crash(kiosk, body):
    kiosk.get("/flow/journey/hvem")
    response = kiosk.http.post("/flow/journey/hvem", data=body,
                               content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
