"""Route (going on by an earlier answer), urgent steps, links to other flows, given deadlines, tel from an answer."""
import datetime
import re

from kiosk import clock
from kiosk.flows import engine
from tests.conftest import TODAY


def start(kiosk, art, day=("2", "3", "2026")):
    kiosk.get("/flow/branch/art")
    kiosk.answer("branch", "art", answer=art)
    return kiosk.answer("branch", "dato", day=day[0], month=day[1], year=day[2])


def test_route_goes_on_by_the_earlier_answer(kiosk):
    assert start(kiosk, "a").location == "/flow/branch/res-a"
    kiosk.get("/flow/branch/art/ret", status=303)
    assert kiosk.answer("branch", "art", answer="c").location == "/flow/branch/dato"
    assert kiosk.answer("branch", "dato", shortcut="today").location == "/flow/branch/res-c"


def test_an_urgent_result_says_ask_staff_now_and_counts_14_days(kiosk):
    start(kiosk, "a")
    with clock.fixed(datetime.date(2026, 3, 5)):
        page = kiosk.get("/flow/branch/res-a").text
    assert 'id="urgent"' in page and "Det haster. Spørg personalet nu." in page
    assert 'id="deadline">mandag den 16. marts 2026<' in page


def test_a_passed_deadline_never_stands_in_the_big_slot(kiosk):
    start(kiosk, "a")
    page = kiosk.get("/flow/branch/res-a").text
    assert 'id="deadline"' not in page
    assert "Fristen er gået. Den var mandag den 16. marts 2026." in page


def test_only_flows_that_exist_are_offered(kiosk):
    start(kiosk, "a")
    page = kiosk.get("/flow/branch/res-a").text
    assert 'id="next-journey"' in page and "findes-ikke" not in page


def test_a_date_the_letter_names_is_the_deadline_as_given(kiosk):
    start(kiosk, "b")
    kiosk.answer("branch", "frist", day="5", month="6", year=str(TODAY.year + 1))
    kiosk.answer("branch", "tlf", answer="33 66 33 66")
    page = kiosk.get("/flow/branch/res-b").text
    assert re.search(r'id="deadline">\w+ den 5\. juni \d{4}<', page)
    assert "Ring til afsenderen" in page and page.count("<svg") == 1


def test_without_a_date_the_sheet_says_it_cannot_know(kiosk):
    start(kiosk, "b")
    kiosk.answer("branch", "frist", shortcut="today")
    kiosk.answer("branch", "tlf", answer="ikke et nummer")
    page = kiosk.get("/flow/branch/res-b").text
    assert 'id="deadline"' in page and "<svg" not in page  # a bad number gives no code, no crash


def test_an_answer_on_an_abandoned_branch_is_not_used(app, kiosk):
    start(kiosk, "b")
    kiosk.answer("branch", "frist", shortcut="today")
    kiosk.get("/flow/branch/art/ret", status=303)
    kiosk.answer("branch", "art", answer="a")
    flow = app.extensions["kiosk_content"].flows["branch"]
    answers = kiosk.stored()["flows"]["branch"]["answers"]
    assert "frist" in answers and "frist" not in engine.on_path(flow, answers)
