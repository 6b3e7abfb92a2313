"""The journey the kiosk exists for stays short: from the start screen to a printed complaint about a
kommune decision in at most 12 taps and 250 words on screen (bench/journeys.py prints all journeys)."""
import pytest

from bench.journeys import JOURNEYS, SECONDS_TARGET, TAPS_TARGET, WORDS_TARGET, kommune_decision, make_app, run
from kiosk import clock
from tests.conftest import TODAY
from tests.page import Page


@pytest.fixture
def app(today):
    with clock.fixed(TODAY):
        yield make_app()


def test_the_kommune_decision_journey_is_short(app):
    walk = run(kommune_decision, app=app)
    assert walk.printed == ["/flow/klage-afgoerelse/brev/udskriv"]
    assert walk.taps <= TAPS_TARGET, walk.screens
    assert walk.words <= WORDS_TARGET, walk.screens
    assert walk.seconds <= SECONDS_TARGET
    assert walk.typed_chars == 0  # name, CPR and signature go on the paper by hand


def test_the_long_way_is_longer(app):
    """The counter can tell: answering every optional question costs taps and words."""
    short, long = run(kommune_decision, app=app), run(kommune_decision, long_way=True, app=app)
    assert long.taps > short.taps and long.words > short.words and long.typed_chars > 0


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_every_common_journey_ends_in_print(app, name):
    walk = run(JOURNEYS[name], app=app)
    if "ved ikke" in name:
        assert walk.printed == []  # "Vis brevet til personalet": nothing the kiosk could print is right
    else:
        assert walk.printed, walk.screens


def test_the_word_count_skips_what_is_not_seen():
    page = Page('<main id="main"><h1>To ord</h1><p hidden>skjult tekst</p><span class="visually-hidden">kun '
                'skærmlæser</span><details><summary>Læs mere</summary><p>lukket tekst her</p></details>'
                '<details open><summary>Kilder</summary><p>åben</p></details><p>12. 2026</p></main>')
    assert page.visible_words() == ["To", "ord", "Læs", "mere", "Kilder", "åben"]
