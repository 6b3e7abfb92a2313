"""Walking a flow over plain HTTP: every screen works as links and forms, no JavaScript needed."""
import re

from tests.conftest import walk_journey
from tests.page import parse


def text_of(response):
    return re.sub(r"\s+", " ", response.text)


def test_the_start_screen_shows_only_areas_with_flows(kiosk):
    page = kiosk.get("/").text
    assert 'id="area-proeve"' in page and 'id="area-tom"' not in page


def test_an_area_with_several_flows_lists_them(kiosk):
    page = kiosk.get("/omraade/proeve").text
    assert 'id="flow-journey"' in page and 'id="flow-short"' in page


def test_a_whole_journey_reaches_the_letter_preview(kiosk):
    walk_journey(kiosk, name="Jens Hansen")
    page = text_of(kiosk.get("/flow/journey/brev"))
    assert '<div class="paper-recipient"><div>Kommunen</div></div>' in page
    assert "Klage over et brev af 12. november 2026" in page
    assert "Det drejer sig om: Pengene, Ikke hørt." in page
    assert "Min frist er 10. december 2026." in page
    assert "Jens Hansen" in page


def test_progress_says_which_step_of_how_many(kiosk):
    assert "Trin 1 af 7" in kiosk.get("/flow/journey/hvem").text


def test_back_links_go_to_the_previous_answered_step(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="andet")
    kiosk.answer("journey", "andet-info")
    page = kiosk.get("/flow/journey/hvad").text
    assert 'href="/flow/journey/andet-info" id="back"' in page


def test_a_previous_answer_is_shown_when_going_back(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    page = kiosk.get("/flow/journey/hvem").text
    assert 'class="choice chosen" id="choice-kommunen"' in page


def test_jumping_ahead_goes_back_to_the_first_open_step(kiosk):
    response = kiosk.get("/flow/journey/tjek", status=303)
    assert response.location == "/flow/journey/hvem"


def test_check_answers_lists_answers_with_change_links(kiosk):
    walk_journey(kiosk)
    page = text_of(kiosk.get("/flow/journey/tjek"))
    for words in ("Afsender", "Kommunen", "Problem", "Pengene, Ikke hørt", "Navn", "Jens"):
        assert words in page
    assert 'href="/flow/journey/hvad/ret"' in page


def test_changing_an_answer_returns_to_the_check_screen(kiosk):
    walk_journey(kiosk)
    kiosk.get("/flow/journey/hvad/ret", status=303)
    response = kiosk.answer("journey", "hvad", answer="penge")
    assert response.location == "/flow/journey/tjek"


def test_a_missing_choice_gets_a_kind_message_with_status_200(kiosk):
    kiosk.get("/flow/journey/hvem")
    page = kiosk.answer("journey", "hvem", status=200).text
    assert 'role="alert"' in page and "Vælg et af svarene." in page


def test_a_bad_date_keeps_what_was_chosen(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.answer("journey", "hvad", answer="penge")
    page = kiosk.answer("journey", "hvornaar", status=200, day="31", month="2", year="2026").text
    assert "Den dato findes ikke" in page
    assert 'value="31" checked' in page and 'value="2" checked' in page


def test_too_long_text_is_refused_but_nothing_is_lost(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.answer("journey", "hvad", answer="penge")
    kiosk.answer("journey", "hvornaar", shortcut="today")
    long_text = "Ø<b>" * 30
    page = kiosk.answer("journey", "navn", status=200, answer=long_text).text
    assert "Teksten er for lang" in page and "højst 40 tegn" in page
    assert "Ø&lt;b&gt;" * 30 in page


def test_optional_text_can_be_skipped(kiosk):
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    kiosk.answer("journey", "hvad", answer="penge")
    kiosk.answer("journey", "hvornaar", shortcut="today")
    response = kiosk.answer("journey", "navn", skip="1", answer="ignored")
    assert response.location == "/flow/journey/tjek"
    assert kiosk.stored()["flows"]["journey"]["answers"]["navn"] == ""


def test_markup_in_answers_is_shown_as_text(kiosk):
    walk_journey(kiosk, name="<img src=x onerror=alert(1)>")
    for url in ("/flow/journey/tjek", "/flow/journey/brev"):
        page = kiosk.get(url).text
        assert "<img src=x" not in page and "&lt;img src=x" in page


def test_an_oversized_post_gets_a_friendly_413(kiosk):
    kiosk.get("/flow/journey/hvem")
    page = kiosk.answer("journey", "hvem", status=413, answer="x" * 200_000).text
    assert "for meget tekst" in page


def test_unknown_flows_and_steps_are_a_friendly_404(kiosk):
    assert "Siden findes ikke" in kiosk.get("/flow/nope", status=404).text
    assert "Siden findes ikke" in kiosk.get("/flow/journey/nope", status=404).text
    kiosk.post("/flow/journey/nope", {"answer": "x"}, status=404)


def test_the_last_info_step_offers_the_way_home(kiosk):
    page = kiosk.get("/flow/short/kun").text
    assert 'id="to-start"' in page and 'id="done"' in page


def test_language_choice_changes_the_screens(kiosk):
    kiosk.post("/sprog", {"lang": "en"})
    page = kiosk.get("/").text
    assert '<html lang="en" dir="ltr">' in page and "Start over" in page


def test_an_unknown_language_is_ignored(kiosk):
    kiosk.post("/sprog", {"lang": "xx"})
    assert '<html lang="da"' in kiosk.get("/").text


def test_the_language_screen_names_each_language_in_its_own_script(kiosk):
    page = kiosk.get("/sprog").text
    assert 'lang="da" id="lang-da"' in page and ">Dansk<" in page and ">English<" in page


def test_every_picture_on_every_screen_exists(kiosk):
    walk_journey(kiosk)
    for url in ("/", "/omraade/proeve", "/sprog", "/flow/journey/hvem", "/flow/journey/hvad",
                "/flow/journey/hvornaar", "/flow/journey/navn", "/flow/journey/tjek",
                "/flow/journey/brev", "/personale/"):
        page = kiosk.get(url).text
        assert 'src=""' not in page, url
        for src in re.findall(r'src="(/static/[^"]+)"', page):
            kiosk.get(src)


def test_the_413_page_has_a_way_back_to_the_screen_the_text_was_typed_on(kiosk):
    # "Gå tilbage" needs a button: the kiosk browser has none of its own.
    kiosk.get("/flow/journey/hvem")
    page = parse(kiosk.answer("journey", "hvem", status=413, answer="x" * 70_000).text)
    assert page.find("h1").text() == "Der var for meget tekst"
    assert page.find("a", id="back").attrs["href"] == "/flow/journey/hvem"
    assert parse(kiosk.post("/stadig", {"x": "x" * 70_000}, status=413).text).find("a", id="back") is None
