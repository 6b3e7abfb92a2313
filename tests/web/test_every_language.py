"""Every screen of every real flow, in every language: no message the person sees is left in
Danish, apart from what must stay Danish (the signal words, names, legal terms beside their
explanation, and the letter to the authority, which is marked lang="da").

Two nets: every translation lookup that finds nothing is recorded (a string that was never
extracted, like a button's words declared in a new TOML key), and every text on the page is
searched for Danish sentences (text that never went through a lookup at all)."""
import re

import pytest
from babel.support import NullTranslations, Translations
from flask_babel import get_locale

from kiosk import create_app
from kiosk.config import LANGUAGES
from kiosk.flows import engine
from tests.conftest import KioskClient
from tests.content.conftest import all_paths, seed
from tests.content.test_languages import PLACEHOLDER, keep_danish
from tests.page import Page

APP = create_app({"SETTINGS_FILE": "/nonexistent/settings.json"})
FLOWS = APP.extensions["kiosk_content"].flows
OTHERS = sorted(set(LANGUAGES) - {"da"})
# Words that give a Danish sentence away and are not words of the other seven languages.
DANISH = {"og", "ikke", "det", "skal", "hvis", "eller", "hvad", "hvor", "når", "jeg", "dig", "dit", "din",
          "dine", "til", "på", "af", "med", "du", "fra", "har", "vil", "der", "som", "at", "kommunen", "brevet"}
WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"https?://\S+")  # a source's address is Danish, and is never read aloud
# Danish a person must say or find word for word is quoted ("Sig: »Jeg vil fritages …«"), or
# stands before its explanation in brackets ("vi vil høre dig (we want to hear from you)").
QUOTED = re.compile(r"«[^»]*»|»[^«]*«|„[^”“]*[”“]|\"[^\"]*\"|“[^”]*”")
GLOSSED = re.compile(r"^[^()]*\(([^()]*)\)\W*$")


def covering_paths(flow):
    """A few complete walks that between them show every step of the flow."""
    chosen, seen = [], set()
    for answers in sorted(all_paths(flow), key=len, reverse=True):
        steps = set(engine.walk(flow, answers))
        if steps - seen:
            chosen.append(answers)
            seen |= steps
    return chosen


SCREENS = [(flow_id, answers) for flow_id in sorted(FLOWS) for answers in covering_paths(FLOWS[flow_id])]


@pytest.fixture
def missed(monkeypatch):
    """Every message looked up and not found in the catalogue of the page's language."""
    found = set()
    for cls in (Translations, NullTranslations):
        original = cls.ugettext

        def recording(self, message, _original=original):
            result = _original(self, message)
            if result == message and str(get_locale()) != "da":  # Danish pages look up their own text
                found.add(message)
            return result

        monkeypatch.setattr(cls, "ugettext", recording)
    return found


def danish_sentences(html):
    """Text on the page, outside anything marked lang="da", that reads as Danish."""
    page = Page(html)
    hits = []

    def walk(node):
        if node.attrs.get("lang") == "da" or node.tag in ("script", "style"):
            return
        own = URL.sub("", " ".join(child for child in node.children if isinstance(child, str)))
        glossed = GLOSSED.match(own.strip())
        checked = glossed.group(1) if glossed else QUOTED.sub("", own)
        words = {w.lower() for w in WORD.findall(checked)}
        if len(words & DANISH) >= 2:
            hits.append(" ".join(own.split()))
        for child in node.children:
            if not isinstance(child, str):
                walk(child)

    walk(page.root)
    return hits


def lookups_that_must_be_translated(found, lang):
    allowed = keep_danish(lang)
    return sorted(m for m in found if m not in allowed and WORD.search(PLACEHOLDER.sub("", m)))


@pytest.mark.parametrize("lang", OTHERS)
def test_every_screen_of_every_flow_is_in_the_language_chosen(lang, missed, tmp_path):
    app = create_app({"SETTINGS_FILE": str(tmp_path / "settings.json"), "TESTING": True})
    app.extensions["kiosk_centre"]["languages"] = sorted(LANGUAGES)
    person = KioskClient(app)
    problems = {}
    shown = 0
    for flow_id, answers in SCREENS:
        seed(person, flow_id, answers, lang=lang)
        for step_id in engine.walk(FLOWS[flow_id], answers):
            response = person.http.get(f"/flow/{flow_id}/{step_id}")
            if response.status_code != 200:  # a step passed over on this walk (answers carried in)
                continue
            html = response.text
            shown += 1
            if danish := danish_sentences(html):
                problems[f"{flow_id}/{step_id}"] = danish
    for url in ("/", "/omraade/post", "/sprog", "/personale/", "/nowhere"):
        html = person.http.get(url).text
        if danish := danish_sentences(html):
            problems[url] = danish
    untranslated = lookups_that_must_be_translated(missed, lang)
    print(f"{lang}: {shown} flow screens, {len(problems)} with Danish text, {len(untranslated)} lookups missed")
    assert untranslated == [], untranslated
    assert problems == {}, problems


def test_the_nets_catch_a_danish_sentence_and_an_untranslated_message(missed):
    """Negative control: a Danish sentence outside lang="da" is found, one inside is not, and a
    message the catalogue lacks is recorded."""
    assert danish_sentences('<p>Du skal klage til kommunen.</p>') == ["Du skal klage til kommunen."]
    assert danish_sentences('<div lang="da"><p>Du skal klage til kommunen.</p></div>') == []
    assert danish_sentences("<p>vi vil høre dig (they want to hear from you)</p>") == []
    assert danish_sentences("<p>vi vil høre dig (du skal svare dem)</p>") != []
    with APP.test_request_context("/"):
        from flask_babel import force_locale, gettext

        with force_locale("en"):
            gettext("Denne sætning findes ikke i noget katalog")
    assert "Denne sætning findes ikke i noget katalog" in lookups_that_must_be_translated(missed, "en")
