"""Which visit a request belongs to (issue 12 §10): only ids the store knows are adopted, a wipe is
never refused, and a restart mid-visit is a kind page."""
from http.cookies import SimpleCookie

import pytest

from kiosk import create_app
from tests.conftest import FIXTURES, KioskClient, walk_journey
from tests.page import Page

PLANTED = "A" * 43  # well formed, but never issued by the server


def set_cookie_id(response):
    cookie = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        cookie.load(header)
    return cookie["kiosk"].value if "kiosk" in cookie else None


def test_a_planted_id_is_never_adopted(app):
    victim = app.test_client()
    victim.set_cookie("kiosk", PLANTED)
    issued = set_cookie_id(victim.get("/flow/journey/hvem"))
    assert issued and issued != PLANTED
    kiosk = KioskClient(app)
    kiosk.http = victim
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    store = app.extensions["kiosk_store"]
    assert store.load(PLANTED) is None  # the planter's id holds nothing
    assert store.get(kiosk.visit_id)["flows"]["journey"]["answers"] == {"hvem": "kommunen"}
    planter = app.test_client()
    planter.set_cookie("kiosk", PLANTED)
    assert planter.get("/flow/journey/hvad").location == "/flow/journey/hvem"


def test_an_id_the_store_knows_is_kept(kiosk):
    kiosk.get("/")
    first = kiosk.visit_id
    response = kiosk.get("/flow/journey/hvem")
    assert set_cookie_id(response) is None and kiosk.visit_id == first


def test_an_expired_id_gets_a_fresh_one(app, kiosk):
    walk_journey(kiosk)
    old = kiosk.visit_id
    app.extensions["kiosk_store"].delete(old)  # as the TTL does
    assert set_cookie_id(kiosk.get("/")) not in (None, old)


@pytest.mark.parametrize("token", [None, "stale", "0" * 64])
def test_done_wipes_the_own_visit_even_with_a_stale_token(app, kiosk, token):
    walk_journey(kiosk, name="CANARY")
    old = kiosk.visit_id
    form = {} if token is None else {"csrf_token": token}
    response = kiosk.http.post("/faerdig", data=form)
    assert response.status_code == 303 and response.location == "/"
    assert app.extensions["kiosk_store"].load(old) is None
    assert kiosk.visit_id != old
    assert "Alt er slettet" in Page(kiosk.get("/").text).visible_text()


def test_a_wipe_without_a_token_deletes_only_the_cookies_own_visit(app):
    """Why the wipe may skip the token: it can end only the visit its own cookie names."""
    other = KioskClient(app)
    walk_journey(other, name="Other")
    stranger = app.test_client()
    stranger.post("/faerdig", data={"visit_id": other.visit_id, "kiosk": other.visit_id})
    stranger.post("/forfra", data={"visit_id": other.visit_id})
    assert other.stored()["flows"]["journey"]["answers"]["navn"] == "Other"


def test_the_visit_cookie_is_samesite_strict_so_another_site_cannot_send_it(kiosk):
    cookie = SimpleCookie()
    cookie.load(kiosk.http.get("/").headers["Set-Cookie"])
    morsel = cookie["kiosk"]
    assert morsel["samesite"] == "Strict" and morsel["httponly"] is True and morsel["path"] == "/"
    assert morsel["expires"] == "" and morsel["max-age"] == ""  # a session cookie: gone with the browser


def test_start_over_with_a_stale_token_wipes_too(app, kiosk):
    walk_journey(kiosk)
    old = kiosk.visit_id
    assert kiosk.http.post("/forfra", data={"csrf_token": "stale"}).status_code == 303
    assert app.extensions["kiosk_store"].load(old) is None


@pytest.mark.redis
def test_done_after_a_restart_or_on_another_worker_wipes_the_visit(redis_url, settings_file):
    """Two apps on one Redis with different keys: a restart after the key was changed (central
    mode refuses to start without a shared key, so this is the worst case that remains)."""
    config = {"REDIS_URL": redis_url[0], "CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file)}
    before, after = create_app({**config, "SECRET_KEY": "old"}), create_app({**config, "SECRET_KEY": "new"})
    kiosk = KioskClient(before)
    walk_journey(kiosk, name="CANARY")
    old, stale_token = kiosk.visit_id, kiosk.token
    assert before.extensions["kiosk_store"].load(old) is not None
    kiosk.app = after
    cookies = kiosk.http.get_cookie("kiosk")
    kiosk.http = after.test_client()
    kiosk.http.set_cookie("kiosk", cookies.value)
    # Any other POST from the old screen is the kind stale page ...
    page = Page(kiosk.post("/flow/journey/navn", {"answer": "x", "csrf_token": stale_token}, status=400).text)
    assert page.main.find("h1").text() == "Skærmen har været åben for længe"
    # ... but "Færdig – slet alt" deletes the answers at once.
    kiosk.post("/faerdig", {"csrf_token": stale_token})
    assert after.extensions["kiosk_store"].load(old) is None
    assert kiosk.visit_id != old


def test_a_restart_of_the_memory_store_mid_visit_is_a_kind_page(settings_file):
    config = {"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file)}
    before, after = create_app(config), create_app(config)
    kiosk = KioskClient(before)
    walk_journey(kiosk)
    cookie, token = kiosk.visit_id, kiosk.token
    client = after.test_client()
    client.set_cookie("kiosk", cookie)
    step = client.get("/flow/journey/navn")
    assert step.status_code == 303 and step.location == "/flow/journey/hvem"  # starts again, no 500
    assert set_cookie_id(step) not in (None, cookie)
    client.set_cookie("kiosk", cookie)
    stale = client.post("/flow/journey/navn", data={"answer": "x", "csrf_token": token})
    assert stale.status_code == 400
    page = Page(stale.get_data(as_text=True))
    assert page.main.find("h1").text() == "Skærmen har været åben for længe"
    assert page.by_id("to-start").attrs["href"] == "/"
