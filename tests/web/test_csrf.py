"""Every POST needs the token that belongs to this visit."""
import pytest

POSTS = ["/forfra", "/faerdig", "/stadig", "/sprog", "/flow/journey/hvem", "/personale/",
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
    kiosk.post("/faerdig", {"csrf_token": stolen}, status=400)


def test_a_post_with_no_cookie_at_all_is_refused(app):
    assert app.test_client().post("/faerdig", data={"csrf_token": "x"}).status_code == 400
