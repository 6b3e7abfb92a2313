"""Journey length: taps, screens, words and reading time for the kiosk's most common journeys.

What it measures
    Each journey is walked with Flask's test client against the real content, as a person taps:
    a tap is one click on a link or button (a choice, "Videre", a date shortcut, "Udskriv");
    a typed field is one tap, and its characters are counted apart. Every screen the person
    sees is parsed (tests/page.py) and its visible words in <main> are counted once: closed
    disclosures ("Læs mere", "Kilder", "Se hele brevet") count only their button. The walk ends
    when the letter and its action sheet (or the sheet alone, where the kiosk writes no letter)
    have been sent to print.
    Estimate: words / 100 per minute + 3 s a tap (the issue's model; 100 wpm is fast for our users).

Target
    the kommune decision journey: taps <= 12, words <= 250, estimate <= 180 s. The script only
    reports; tests/content/test_journey_length.py fails the build when the kommune journey is over.

Baseline (same run)
    the same journey the long way, as before this change: every optional question answered
    (reasons, own words, name, contact) instead of skipped.

Usage: .venv/bin/python bench/journeys.py
"""
import datetime
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import clock, create_app, printing  # noqa: E402
from tests.page import Page  # noqa: E402

TAPS_TARGET, WORDS_TARGET, SECONDS_TARGET = 12, 250, 180
CENTRE = {"kommune": "0751", "kommune_address": "Rådhuspladsen 2, 8000 Aarhus C", "kommune_phone": "89 40 20 00",
          "borgerservice_address": "Rådhuspladsen 2, Aarhus", "centre_name": "Værestedet", "centre_place": "Aarhus"}


@dataclass
class Walk:
    taps: int = 0
    typed_chars: int = 0
    screens: list = field(default_factory=list)  # (path, words)
    printed: list = field(default_factory=list)

    @property
    def words(self):
        return sum(w for _, w in self.screens)

    @property
    def seconds(self):
        return self.words / 100 * 60 + 3 * self.taps


class Person:
    """Taps through the kiosk with the test client; every page is parsed, every screen counted once."""

    def __init__(self, app):
        self.http = app.test_client()
        self.walk = Walk()
        self.page = None
        self.path = None
        self._see("/")

    def _see(self, url, response=None):
        response = response or self.http.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.status_code)
        self.path = response.request.path
        self.page = Page(response.get_data(as_text=True))
        if self.path not in [p for p, _ in self.walk.screens]:
            self.walk.screens.append((self.path, len(self.page.visible_words())))

    def tap(self, element_id):
        """Click a link or a submit button by its id."""
        element = self.page.by_id(element_id)
        assert element is not None, (self.path, element_id)
        self.walk.taps += 1
        if element.tag == "a":
            return self._see(element.attrs["href"])
        form = self.page.by_id(element.attrs["form"]) if element.attrs.get("form") else element
        while form is not None and form.tag != "form":
            form = form.parent
        data = {i.attrs["name"]: i.attrs.get("value", "") for i in form.find_all("input", type="hidden")}
        if element.attrs.get("name"):
            data[element.attrs["name"]] = element.attrs.get("value", "")
        return self._submit(form.attrs["action"], data)

    def choose(self, value):
        return self.tap(f"choice-{value}")

    def tick_and_go(self, *values):
        """A multi step: tick each value (a tap each), then "Videre"."""
        return self._form_step({"answer": list(values)}, taps=len(values) + 1)

    def type_and_go(self, text):
        """A text step: typing counts one tap plus its characters, then "Videre"."""
        self.walk.typed_chars += len(text)
        return self._form_step({"answer": text}, taps=2)

    def pick_date(self, day):
        """A date step by the pickers: the day (a tap), month and year only if not today's, then Videre."""
        today = clock.today()
        taps = 2 + (day.month != today.month) + (day.year != today.year)
        return self._form_step({"day": str(day.day), "month": str(day.month), "year": str(day.year), "next": "1"},
                               taps=taps)

    def skip(self):
        return self._form_step({"skip": "1"}, taps=1)

    def _form_step(self, data, taps):
        form = next(f for f in self.page.root.find_all("form") if "/flow/" in f.attrs.get("action", "")
                    and not f.attrs["action"].endswith("/udskriv"))
        self.walk.taps += taps
        return self._submit(form.attrs["action"], {"csrf_token": self.page.csrf_token(), **data})

    def _submit(self, action, data):
        if action.endswith("/udskriv"):
            # A centre has a printer: the print desk answers as if CUPS had printed it, without one,
            # so the screen after "Udskriv" is the real one ("printed"), not the no-printer page.
            app = self.http.application
            app.extensions["kiosk_print_desk"] = printing.PrintDesk(
                app.extensions["kiosk_store"], 20, printer=lambda *args, **kw: printing.PrintResult(printing.DONE))
            response = self.http.post(action, data=data, follow_redirects=True)
            self.walk.printed.append(action)
            return self._see(action, response)
        response = self.http.post(action, data=data, follow_redirects=True)
        return self._see(action, response)


def kommune_decision(person, long_way=False):
    person.tap("flow-forstaa-brev")
    person.choose("kommunen")
    person.choose("afgoerelse")
    person.choose("digital")
    person.tap("ago-6")
    person.tap("lead")
    person.choose("kontanthjaelp")
    if long_way:
        person.tick_and_go("hvorfor", "navn")
        person.tick_and_go("misforstaaet")
        person.type_and_go("Jeg var syg i den uge, hvor mødet var.")
        person.type_and_go("Jens Hansen")
        person.type_and_go("22 33 44 55")
    else:
        person.tick_and_go()
    person.tap("print")


def decision_sheet(sender):
    """A decision from a sender the kiosk writes no complaint for: the walk ends with its sheet printed."""
    def walk(person, long_way=False):
        person.tap("flow-forstaa-brev")
        person.choose(sender)
        person.choose("afgoerelse")
        person.choose("digital")
        person.tap("ago-6")
        if person.page.by_id("print") is not None:
            person.tap("print")
    return walk


def udk_decision(person, long_way=False):
    person.tap("flow-forstaa-brev")
    person.choose("udbetaling-danmark")
    person.choose("afgoerelse")
    person.choose("papir")
    person.tap("ago-6")
    person.tap("lead")
    person.choose("boligstoette")
    person.tick_and_go()
    person.tap("print")


def partshoering_more_time(person, long_way=False):
    person.tap("flow-forstaa-brev")
    person.choose("kommunen")
    person.choose("partshoering")
    person.choose("digital")
    person.tap("yesterday")
    person.skip()
    person.choose("ja")
    person.pick_date(clock.today() + datetime.timedelta(days=7))
    person.tap("next-mere-tid")
    shortest_to_print(person)


def shortest_to_print(person, tick_one=False):
    """Go on the cheapest way (skip, first choice, "I dag", "Videre") until a letter can be printed."""
    for _ in range(30):
        if person.page.by_id("print") is not None and person.page.by_id("whole-letter") is not None:
            return person.tap("print")
        boxes = person.page.root.find_all("input", type="checkbox")
        buttons = [b for b in person.page.root.find_all("button") if b.attrs.get("id", "").startswith("choice-")]
        if person.page.by_id("skip") is not None:
            person.skip()
        elif boxes:
            optional = "Du må også springe over." in person.page.visible_text()
            person.tick_and_go(*([boxes[0].attrs["value"]] if tick_one or not optional else []))
        elif person.page.by_id("today") is not None:
            person.tap("today")
        elif buttons:
            person.tap(buttons[0].attrs["id"])
        else:
            person._form_step({"next": "1"}, taps=1)
    raise AssertionError(f"no letter to print after 30 screens: {person.path}")


def my_file(person, long_way=False):
    person.tap("area-klage")
    person.tap("flow-aktindsigt")
    shortest_to_print(person, tick_one=True)


JOURNEYS = {
    "kommune × afgørelse → klage": kommune_decision,
    "Udbetaling Danmark (papir, boligstøtte) × afgørelse → klage": udk_decision,
    "Skattestyrelsen × afgørelse → ark": decision_sheet("skattestyrelsen"),
    "hospital × afgørelse → ark": decision_sheet("hospital"),
    "politi/domstol × afgørelse → ark": decision_sheet("politi-ret"),
    "ved ikke × afgørelse → personalet": decision_sheet("ved-ikke"),
    "partshøring → mere tid": partshoering_more_time,
    "min sag → aktindsigt": my_file,
}


def make_app():
    """The real content with a filled-in centre that has a printer queue (see Person._submit)."""
    import tempfile

    app = create_app({"SETTINGS_FILE": str(Path(tempfile.mkdtemp()) / "settings.json"), "TESTING": True})
    app.extensions["kiosk_centre"].update(CENTRE, printer_queue="Kiosk")
    return app


def run(journey, long_way=False, app=None):
    person = Person(app or make_app())
    journey(person, long_way=long_way)
    return person.walk


def main():
    logging.disable(logging.INFO)  # the access log would drown the table
    with clock.fixed(datetime.date(2026, 12, 3)):
        app = make_app()
        print(f"target: taps <= {TAPS_TARGET}, words <= {WORDS_TARGET}, estimate <= {SECONDS_TARGET} s "
              "(words/100 per minute + 3 s a tap)")
        print(f"{'journey':62} {'taps':>4} {'typed':>5} {'screens':>7} {'words':>5} {'est. s':>6}")
        rows = [(name, run(journey, app=app)) for name, journey in JOURNEYS.items()]
        rows.append(("baseline: kommune × afgørelse, every optional question answered",
                     run(kommune_decision, long_way=True, app=app)))
        for name, walk in rows:
            print(f"{name:62} {walk.taps:>4} {walk.typed_chars:>5} {len(walk.screens):>7} {walk.words:>5} "
                  f"{walk.seconds:>6.0f}")


if __name__ == "__main__":
    main()
