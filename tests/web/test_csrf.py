"""Every POST needs the token that belongs to this visit."""
import pytest

from tests.page import parse

# Every POST but the two wipes, which are never refused (tests/web/test_wipe_always_wipes.py).
POSTS = ["/stadig", "/sprog", "/flow/journey/hvem", "/personale/",
         "/personale/indstillinger", "/personale/side-om-side", "/personale/log-ud", "/tale"]


@pytest.mark.parametrize("url", POSTS)
def test_a_post_without_a_token_is_refused_kindly(kiosk, url):
    kiosk.get("/")
    response = kiosk.post(url, {"answer": "kommunen"}, status=400, token=False)
    assert "Skærmen har været åben for længe" in response.text
    assert "Traceback" not in response.text


def test_a_token_from_another_visit_is_refused(app, kiosk):
    other = app.test_client()
    page = other.get("/").text
    stolen = page.split('name="csrf_token" value="')[1].split('"')[0]
    kiosk.get("/")
    kiosk.post("/sprog", {"csrf_token": stolen, "lang": "en"}, status=400)


def test_a_post_with_no_cookie_at_all_is_refused(app):
    assert app.test_client().post("/sprog", data={"csrf_token": "x", "lang": "en"}).status_code == 400


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize("how", ["form", "header"])
@pytest.mark.parametrize("token", ["é", "ééé" * 22, "\u202e" + "a" * 63, "😀"])
def test_a_non_ascii_token_is_the_kind_stale_page_not_a_crash(kiosk, url, how, token):
    # hmac.compare_digest raises TypeError on non-ASCII str; that was a 500 on every POST route.
    kiosk.get("/")
    form = {"answer": "kommunen", "csrf_token": token} if how == "form" else {"answer": "kommunen"}
    headers = {"X-CSRF-Token": token.encode().decode("latin-1")} if how == "header" else {}
    response = kiosk.http.post(url, data=form, headers=headers)
    assert response.status_code == 400
    page = parse(response.get_data(as_text=True))
    assert page.find("h1").text() == "Skærmen har været åben for længe"
    assert page.find("a", id="to-start") is not None
