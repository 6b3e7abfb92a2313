"""The cookie is only a random id; answers live in the store and vanish on a wipe."""
import base64

from tests.conftest import walk_journey


def test_the_cookie_is_only_a_random_id(kiosk):
    walk_journey(kiosk, name="CANARY-cookie")
    cookies = {c.key: c.value for c in kiosk.http._cookies.values()}
    assert list(cookies) == ["kiosk"]
    value = cookies["kiosk"]
    assert len(value) == 43 and "CANARY" not in value
    padded = value + "=" * (-len(value) % 4)
    assert b"CANARY" not in base64.urlsafe_b64decode(padded)


def test_flask_session_is_never_used(kiosk):
    walk_journey(kiosk)
    kiosk.post("/sprog", {"lang": "en"})
    assert kiosk.http.get_cookie("unused-session") is None
    assert kiosk.http.get_cookie("session") is None


def test_answers_live_in_the_store_under_the_cookie_id(kiosk):
    walk_journey(kiosk, name="Åse")
    assert kiosk.stored()["flows"]["journey"]["answers"]["navn"] == "Åse"


def test_done_wipes_the_store_and_replaces_the_id(kiosk, app):
    walk_journey(kiosk)
    old = kiosk.visit_id
    response = kiosk.post("/faerdig")
    assert response.location == "/"
    assert kiosk.visit_id != old
    assert app.extensions["kiosk_store"].get(old) == {}
    assert "journey" not in str(kiosk.stored())
    assert "Alt er slettet" in kiosk.get("/").text
    assert "Alt er slettet" not in kiosk.get("/").text


def test_start_over_wipes_answers_but_keeps_the_language(kiosk, app):
    kiosk.post("/sprog", {"lang": "en"})
    walk_journey(kiosk)
    old = kiosk.visit_id
    kiosk.post("/forfra")
    assert kiosk.visit_id != old and app.extensions["kiosk_store"].get(old) == {}
    assert kiosk.stored() == {"lang": "en"}


def test_an_old_id_after_a_wipe_sees_nothing(kiosk, app):
    walk_journey(kiosk, name="Jens")
    old = kiosk.visit_id
    kiosk.post("/faerdig")
    stranger = app.test_client()
    stranger.set_cookie("kiosk", old)
    page = stranger.get("/flow/journey/navn")
    assert page.status_code == 303 and page.location == "/flow/journey/hvem"


def test_query_strings_are_dropped_before_use(kiosk):
    response = kiosk.http.get("/flow/journey/hvem?navn=CANARY")
    assert response.status_code == 303 and response.location == "/flow/journey/hvem"


def test_no_answer_ever_appears_in_a_redirect_url(kiosk):
    kiosk.get("/flow/journey/hvem")
    for step, form in [("hvem", {"answer": "kommunen"}), ("hvad", {"answer": "penge"}),
                       ("hvornaar", {"day": "1", "month": "2", "year": "2026"}),
                       ("navn", {"answer": "CANARY-url"})]:
        response = kiosk.answer("journey", step, **form)
        assert "CANARY" not in response.location and "?" not in response.location


def test_a_forged_or_malformed_cookie_gets_a_fresh_id(app):
    client = app.test_client()
    client.set_cookie("kiosk", "../../etc/passwd")
    client.get("/")
    assert client.get_cookie("kiosk").value != "../../etc/passwd"


def test_still_here_keeps_the_visit_and_swaps_nothing(kiosk):
    kiosk.get("/")
    assert kiosk.post("/stadig", status=204).data == b""
