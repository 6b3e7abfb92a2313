"""Every language the kiosk offers is complete: every message translated, every placeholder kept,
Danish left standing only where it must (the signal words, names), a glossary, and an honest
note in each catalogue's header on whether a native speaker has reviewed it."""
import re

import pytest
from babel.messages.pofile import read_po

from kiosk.config import LANGUAGES
from tests.conftest import ROOT_DIR

TRANSLATIONS = ROOT_DIR / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|%%")
LETTER = re.compile(r"[^\W\d_]")
REVIEW = re.compile(r"^# Reviewed by a native speaker: (yes|no|source language)\b", re.M)
OTHERS = sorted(set(LANGUAGES) - {"da"})


def catalogue(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh)


def listed(path):
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def keep_danish(lang):
    """Signal words and names (every language), and words a language spells as Danish does."""
    return listed(TRANSLATIONS / "keep_danish.txt") | listed(TRANSLATIONS / lang / "same_as_danish.txt")


def test_the_kiosk_offers_the_languages_of_its_users():
    assert set(LANGUAGES) == {"da", "en", "ar", "pl", "ro", "uk", "tr", "kl"}
    assert LANGUAGES["ar"]["dir"] == "rtl" and all(LANGUAGES[c]["dir"] == "ltr" for c in LANGUAGES if c != "ar")


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_is_translated(lang):
    missing = [m.id for m in catalogue(lang) if m.id and not m.string]
    assert missing == [], f"{lang}: {len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("lang", OTHERS)
def test_every_placeholder_is_kept(lang):
    wrong = [(m.id, m.string) for m in catalogue(lang) if m.id and m.string
             and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert wrong == []


@pytest.mark.parametrize("lang", OTHERS)
def test_danish_stays_only_where_it_must(lang):
    allowed = keep_danish(lang)
    same = [m.id for m in catalogue(lang) if m.id and m.string == m.id
            and m.id not in allowed and LETTER.search(PLACEHOLDER.sub("", m.id))]
    assert same == []


@pytest.mark.parametrize("lang", OTHERS)
def test_the_signal_words_stay_exactly_as_printed_in_the_letter(lang):
    messages = catalogue(lang)
    for word in ("afgørelse", "partshøring", "påkrav", "indkaldelse"):
        assert messages[word].string == word


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_catalogue_says_whether_a_native_speaker_has_reviewed_it(lang):
    assert REVIEW.search(catalogue(lang).header_comment), lang


@pytest.mark.parametrize("lang", sorted(set(OTHERS) - {"en"}))
def test_each_language_has_a_glossary_of_the_legal_terms(lang):
    glossary = (TRANSLATIONS / lang / "glossary.md").read_text(encoding="utf-8")
    for term in ("afgørelse", "klage", "aktindsigt", "bisidder", "partshøring", "frist"):
        assert term in glossary, (lang, term)


def test_the_readme_language_table_matches_the_catalogues():
    readme = (ROOT_DIR / "README.md").read_text(encoding="utf-8")
    for lang in sorted(LANGUAGES):
        messages = [m for m in catalogue(lang) if m.id]
        coverage = round(100 * sum(1 for m in messages if m.string) / len(messages))
        reviewed = REVIEW.search(catalogue(lang).header_comment).group(1)
        row = re.search(rf"^\| {LANGUAGES[lang]['name']} \(`{lang}`\) \| (\d+) % \| ([a-z ]+) \|", readme, re.M)
        assert row, f"no README row for {lang}"
        assert (int(row.group(1)), row.group(2).strip()) == (coverage, reviewed), lang


def test_the_checks_catch_a_missing_translation_and_a_lost_placeholder():
    """Negative control: the same checks on a broken catalogue find both faults."""
    messages = catalogue("en")
    broken = messages["Side %(number)s af %(total)s"]
    broken.string = "Page"
    assert sorted(PLACEHOLDER.findall(broken.id)) != sorted(PLACEHOLDER.findall(broken.string))
    broken.string = ""
    assert [m.id for m in messages if m.id and not m.string] == [broken.id]
