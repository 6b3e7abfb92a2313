"""Letter flows: entered from "Forstå et brev" with known answers, late complaints, and the
borgerrådgiver letter offered only where the kommune has one."""
import datetime

from tests.conftest import TODAY, KioskClient
from tests.content.conftest import seed


def days_ago(n):
    return (TODAY - datetime.timedelta(days=n)).isoformat()


def klage_state(person):
    return person.app.extensions["kiosk_store"].get(person.visit_id)["flows"]["klage-afgoerelse"]["answers"]


def complaint_up_to_the_date(app, channel):
    """A person who answers the complaint's first questions themselves, up to the date."""
    person = KioskClient(app)
    person.get("/flow/klage-afgoerelse/myndighed")
    person.answer("klage-afgoerelse", "myndighed", answer="kommunen")
    person.answer("klage-afgoerelse", "emne", answer="kontanthjaelp")
    person.location = person.answer("klage-afgoerelse", "kanal", answer=channel).headers["Location"]
    return person


def test_the_result_screen_leads_into_the_complaint_with_what_is_known_filled_in(real_app):
    person = KioskClient(real_app)
    seed(person, "forstaa-brev", {"afsender": "udbetaling-danmark", "art": "afgoerelse", "kanal": "digital",
                                  "telefon": "", "modtaget": days_ago(3)})
    page = person.get("/flow/forstaa-brev/res-afgoerelse").text
    assert 'href="/flow/klage-afgoerelse/fra/forstaa-brev"' in page
    response = person.http.get("/flow/klage-afgoerelse/fra/forstaa-brev")
    assert response.status_code == 303
    answers = klage_state(person)
    assert answers == {"myndighed": "udbetaling-danmark", "kanal": "digital", "modtaget": days_ago(3)}
    # The person lands on the first question not yet answered, and can still change the others.
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/emne")
    assert person.get("/flow/klage-afgoerelse/myndighed").status_code == 200
    # What is known is skipped, not asked again: after the subject comes the one optional screen.
    response = person.answer("klage-afgoerelse", "emne", answer="kontanthjaelp")
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/tilfoej")


def test_a_question_the_person_answered_is_not_skipped_on_the_way(real_app):
    """Only carried answers are skipped: a person who answered the channel themselves sees the date next."""
    person = complaint_up_to_the_date(real_app, "digital")
    assert person.location.endswith("/flow/klage-afgoerelse/modtaget")


def test_an_answer_that_does_not_fit_is_not_carried(real_app):
    person = KioskClient(real_app)
    seed(person, "forstaa-brev", {"afsender": "skattestyrelsen", "art": "afgoerelse", "kanal": "digital",
                                  "telefon": "", "modtaget": days_ago(3)})
    person.http.get("/flow/klage-afgoerelse/fra/forstaa-brev")
    assert klage_state(person) == {"kanal": "digital", "modtaget": days_ago(3)}


def test_a_carry_never_overwrites_what_the_person_already_answered(real_app):
    person = KioskClient(real_app)
    seed(person, "forstaa-brev", {"afsender": "kommunen", "art": "afgoerelse", "kanal": "digital",
                                  "telefon": "", "modtaget": days_ago(3)})
    store = real_app.extensions["kiosk_store"]
    data = store.get(person.visit_id)
    data["flows"]["klage-afgoerelse"] = {"answers": {"myndighed": "udbetaling-danmark"}, "return_to": None}
    store.put(person.visit_id, data)
    person.http.get("/flow/klage-afgoerelse/fra/forstaa-brev")
    assert klage_state(person)["myndighed"] == "udbetaling-danmark"


def test_a_late_complaint_explains_itself_and_asks_why(real_app):
    person = complaint_up_to_the_date(real_app, "digital")
    old = TODAY - datetime.timedelta(days=60)
    response = person.answer("klage-afgoerelse", "modtaget", day=str(old.day), month=str(old.month), year=str(old.year))
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/for-sent")
    assert "ikke sikkert" in person.get("/flow/klage-afgoerelse/for-sent").text


def test_a_complaint_in_time_goes_straight_on(real_app):
    person = complaint_up_to_the_date(real_app, "digital")
    response = person.answer("klage-afgoerelse", "modtaget", shortcut="today")
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/tilfoej")


def test_a_paper_letter_in_time_by_the_6_hverdage_rule_is_not_late(real_app):
    """Dated 31 Oct 2026 on paper: presumed received 9 Nov, so 4 weeks end 7 Dec, after today (3 Dec)."""
    person = complaint_up_to_the_date(real_app, "papir")
    response = person.answer("klage-afgoerelse", "modtaget", day="31", month="10", year="2026")
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/tilfoej")
    person.answer("klage-afgoerelse", "kanal", answer="digital", status=303)
    response = person.answer("klage-afgoerelse", "modtaget", day="31", month="10", year="2026")
    assert response.headers["Location"].endswith("/flow/klage-afgoerelse/for-sent")


def test_the_borgerraadgiver_letter_is_offered_only_where_the_kommune_has_one(real_app):
    person = KioskClient(real_app)
    assert person.http.get("/flow/borgerraadgiver").status_code == 404
    assert "flow-borgerraadgiver" not in person.get("/omraade/klage").text
    real_app.extensions["kiosk_centre"]["borgerraadgiver"] = True
    assert person.http.get("/flow/borgerraadgiver").status_code == 303
    assert "flow-borgerraadgiver" in person.get("/omraade/klage").text


def test_the_meeting_flow_offers_the_bisidder_letter_addressed_to_the_same_body(real_app):
    person = KioskClient(real_app)
    seed(person, "forbered-moede", {"hvem": "kommunen", "dato": "2027-01-12", "tid": "10:00", "sted": "kommunen"})
    page = person.get("/flow/forbered-moede/bisidder").text
    assert 'href="/flow/bisidder/fra/forbered-moede"' in page
    response = person.http.get("/flow/bisidder/fra/forbered-moede")
    assert response.headers["Location"].endswith("/flow/bisidder/rolle")
    # Back in the meeting flow, nothing was lost.
    assert person.http.get("/flow/forbered-moede").headers["Location"].endswith("/flow/forbered-moede/bisidder")


def test_a_decision_without_reasons_can_go_on_to_ask_for_them(real_app):
    person = KioskClient(real_app)
    seed(person, "forstaa-brev", {"afsender": "kommunen", "art": "afgoerelse", "kanal": "digital",
                                  "telefon": "", "modtaget": days_ago(3)})
    assert 'href="/flow/begrundelse/fra/forstaa-brev"' in person.get("/flow/forstaa-brev/res-afgoerelse").text
