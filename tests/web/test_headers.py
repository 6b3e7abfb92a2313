"""Every response carries the privacy headers; nothing personal is cached or leaked."""
from urllib.parse import urlsplit

import pytest

from tests.conftest import walk_journey
from tests.page import Page
from tests.web.fields import assert_no_autofill, typed_fields

PAGES = ["/", "/omraade/proeve", "/sprog", "/sprog/flow/journey/hvem", "/flow/journey/hvem", "/personale/",
         "/personale/indstillinger", "/nowhere", "/flow/journey/fra/short"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("htmx", [False, True])
def test_every_page_has_the_privacy_headers(kiosk, url, htmx):
    response = kiosk.http.get(url, headers={"HX-Request": "true"} if htmx else {})
    headers = response.headers
    assert "no-store" in headers["Cache-Control"]
    csp = headers["Content-Security-Policy"]
    for part in ("default-src 'none'", "script-src 'self'", "object-src 'none'",
                 "frame-ancestors 'none'", "base-uri 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "HX-Request" in headers["Vary"]
    assert "attachment" not in headers.get("Content-Disposition", "")


def test_every_route_in_the_url_map_is_covered(app):
    rules = {r.rule for r in app.url_map.iter_rules()}
    known = {"/", "/omraade/<area_id>", "/sprog", "/sprog/<path:back>", "/forfra", "/faerdig", "/stadig",
             "/flow/<flow_id>", "/flow/<flow_id>/<step_id>", "/flow/<flow_id>/fra/<source_id>", "/flow/<flow_id>/<step_id>/ret",
             "/flow/<flow_id>/<step_id>/pdf", "/flow/<flow_id>/<step_id>/udskriv",
             "/flow/<flow_id>/<step_id>/udskrift",
             "/personale/", "/personale/indstillinger", "/personale/side-om-side",
             "/personale/log-ud", "/tale", "/fonts/<name>", "/static/<path:filename>"}
    assert rules == known, "a new route needs a header test"


def test_posts_and_redirects_are_not_stored_either(kiosk):
    response = kiosk.answer("journey", "hvem", answer="kommunen")
    assert "no-store" in response.headers["Cache-Control"]


def test_fonts_and_static_files_may_be_cached(kiosk):
    assert "no-store" not in kiosk.get("/fonts/atkinson-regular.woff2").headers.get("Cache-Control", "")
    assert kiosk.get("/static/css/kiosk.css").status_code == 200


def test_htmx_runs_without_eval_history_or_injected_styles(kiosk):
    page = kiosk.get("/").text
    for setting in ('"historyCacheSize":0', '"allowEval":false', '"includeIndicatorStyles":false',
                    '"refreshOnHistoryMiss":true'):
        assert setting in page
    assert 'hx-history="false"' in page
    assert "hx-push-url" not in page


def test_no_inline_script_or_style_anywhere(kiosk):
    walk_journey(kiosk)
    for url in ["/", "/sprog", "/flow/journey/hvem", "/flow/journey/tjek", "/flow/journey/brev"]:
        page = kiosk.get(url).text
        assert "<script>" not in page and " style=" not in page and "<style" not in page
        assert "javascript:" not in page


def test_inputs_never_autofill(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.answer("journey", "hvad", answer="penge")
    kiosk.answer("journey", "hvornaar", shortcut="today")
    assert_no_autofill(Page(kiosk.get("/flow/journey/navn").text))
    # Pages with no typing field have nothing a browser could fill in.
    for url in ["/", "/sprog", "/flow/journey/hvem", "/flow/journey/hvornaar"]:
        assert typed_fields(Page(kiosk.get(url).text)) == [], url


@pytest.mark.parametrize("path, target", [("/flow//hvem", "/flow/hvem"), ("/personale", "/personale/"),
                                          ("/omraade//proeve", "/omraade/proeve")])
def test_werkzeugs_slash_redirects_never_take_the_host_header(app, path, target):
    """Werkzeug's 308 built an absolute address from the Host header; it is a path now."""
    response = app.test_client().get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    location = response.headers["Location"]
    assert urlsplit(location).netloc == "" and location.startswith("/") and not location.startswith("//")
    assert location == target


def test_debug_is_off(app):
    assert app.debug is False
