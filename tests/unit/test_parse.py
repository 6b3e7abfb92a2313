"""One parse function per step kind: kind errors, and nothing the person typed is lost."""
import datetime

from werkzeug.datastructures import MultiDict

from kiosk.flows.model import Choice, Step
from kiosk.flows.parse import clean_text, date_parts, parse

TODAY = datetime.date(2026, 11, 26)
CHOICE = Step(id="c", kind="choice", question="?", choices=(
    Choice("ja", "Ja", "check"), Choice("nej", "Nej", "x")))
MULTI = Step(id="m", kind="multi", question="?", choices=CHOICE.choices)
DATE = Step(id="d", kind="date", question="?")
TEXT = Step(id="t", kind="text", question="?", max_length=10)


def form(**values):
    return MultiDict(values)


def test_a_choice_must_be_one_of_the_choices():
    assert parse(CHOICE, form(answer="ja"), TODAY).value == "ja"
    assert parse(CHOICE, form(answer="<script>"), TODAY).error == "Vælg et af svarene."
    assert parse(CHOICE, form(), TODAY).error


def test_multi_keeps_only_known_values_in_declared_order():
    data = MultiDict([("answer", "nej"), ("answer", "bogus"), ("answer", "ja")])
    assert parse(MULTI, data, TODAY).value == ["ja", "nej"]
    assert parse(MULTI, form(), TODAY).error == "Vælg mindst ét svar."


def test_a_real_date_is_stored_as_iso():
    assert parse(DATE, form(day="29", month="2", year="2028"), TODAY).value == "2028-02-29"


def test_a_date_that_does_not_exist_gets_a_kind_error_and_keeps_the_choice():
    result = parse(DATE, form(day="31", month="2", year="2026"), TODAY)
    assert result.error == "Den dato findes ikke. Vælg en anden dag."
    assert result.shown == {"day": "31", "month": "2", "year": "2026"}


def test_garbage_dates_never_crash():
    for day, month, year in [("x", "1", "2026"), ("1", "13", "2026"), ("1", "1", "99999"),
                             ("\x00", "", ""), ("-1", "-1", "-1"), ("1e9", "1", "2026")]:
        assert parse(DATE, form(day=day, month=month, year=year), TODAY).error


def test_today_and_yesterday_shortcuts():
    assert parse(DATE, form(shortcut="today"), TODAY).value == "2026-11-26"
    assert parse(DATE, form(shortcut="yesterday"), TODAY).value == "2026-11-25"


def test_date_parts_round_trip():
    assert date_parts("2026-01-05") == {"day": "5", "month": "1", "year": "2026"}
    assert date_parts("rubbish") == {"day": "", "month": "", "year": ""}


def test_text_too_long_is_refused_but_kept():
    result = parse(TEXT, form(answer="x" * 11), TODAY)
    assert result.error and result.error_params == {"n": 10}
    assert result.shown == "x" * 11


def test_text_drops_control_and_invisible_format_characters():
    assert clean_text("a\x00b\u202ec\u200bd\ne\tf\x1b") == "abcd\ne\tf"


def test_any_script_survives_text_cleaning():
    words = "Łódź İstanbul Київ مرحبا Ĳsselmeer ĸalâ 😀"
    assert clean_text(words) == words


def test_required_text_asks_kindly():
    assert parse(TEXT, form(answer="   "), TODAY).error == "Skriv et svar her."


def test_passing_steps_store_true():
    step = Step(id="i", kind="info", question="?")
    assert parse(step, form(), TODAY).value is True
