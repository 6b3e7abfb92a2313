"""Changing language mid-flow keeps the answers and comes back to the same screen, in the new
language. The way back is a path on this kiosk, never an address someone could smuggle in."""
import pytest

from tests.page import Page


def html_lang(response):
    return Page(response.text).root.find("html").attrs["lang"]


def test_the_language_button_on_a_step_leads_back_to_that_step(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="andet")
    page = Page(kiosk.get("/flow/journey/andet-info").text)
    assert page.by_id("language").attrs["href"] == "/sprog/flow/journey/andet-info"

    menu = Page(kiosk.get("/sprog/flow/journey/andet-info").text)
    form = next(f for f in menu.root.find_all("form") if f.find("button", id="lang-en"))
    assert form.find("input", name="back").attrs["value"] == "/flow/journey/andet-info"
    assert menu.by_id("back").attrs["href"] == "/flow/journey/andet-info"

    response = kiosk.post("/sprog", {"lang": "en", "back": "/flow/journey/andet-info"})
    assert response.headers["Location"] == "/flow/journey/andet-info"
    assert html_lang(kiosk.get("/flow/journey/andet-info")) == "en"
    assert kiosk.stored()["flows"]["journey"]["answers"]["hvem"] == "andet"  # nothing was lost


@pytest.mark.parametrize("back", ["//evil.example/", "/\\evil.example", "https://evil.example/",
                                  "/flow/journey/brev/pdf", "/static/css/kiosk.css", "/personale/",
                                  "/sprog", "/nowhere", "", "/flow/journey/hvem/udskriv"])
def test_a_way_back_that_is_not_a_screen_goes_to_the_start(kiosk, back):
    kiosk.get("/")
    response = kiosk.post("/sprog", {"lang": "en", "back": back})
    assert response.headers["Location"] == "/"


def test_the_menu_reached_with_a_strange_path_offers_the_start_as_the_way_back(kiosk):
    menu = Page(kiosk.get("/sprog/personale/indstillinger").text)
    assert menu.by_id("back").attrs["href"] == "/"
