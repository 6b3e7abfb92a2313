"""The web fonts: WOFF2 subsets that draw every character the kiosk shows, named right in the stylesheet."""
import re

from fontTools.ttLib import TTFont

from kiosk.config import ROOT
from kiosk.views.fonts import FONT_DIR, FONTS, original_path
from scripts import make_fonts

CSS = (ROOT / "static" / "css" / "kiosk.css").read_text()


def test_the_web_fonts_draw_every_character_the_kiosk_shows():
    assert make_fonts.check() == []


def test_the_latin_alphabets_are_drawn_by_atkinson_itself():
    regular = make_fonts.coverage()["atkinson-regular.woff2"]
    for letters in ("æøåÆØÅ", "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "ăâîșțşţĂÂÎȘȚŞŢ", "çğıöşüÇĞÖŞÜ"):
        assert all(ord(c) in regular for c in letters), letters


def test_the_check_sees_a_letter_that_no_font_draws():
    # The control: the same check over subsets that lost ø (Atkinson has it) and İ (only Noto has it).
    subsets = make_fonts.coverage()
    atkinson = frozenset(TTFont(original_path("atkinson-regular.woff2")).getBestCmap())
    lost = {name: cmap - {ord("ø"), ord("İ")} for name, cmap in subsets.items()}
    found = make_fonts.problems({"ø", "İ", "a"}, lost, atkinson)
    assert len(found) == 2 and "'ø'" in found[0] and "'İ'" in found[1]
    assert make_fonts.problems({"ø", "İ", "a"}, subsets, atkinson) == []
    # A key symbol no font has (the on-screen keyboard's ⌫) is left to the system font: it keeps its meaning.
    assert make_fonts.problems({"⌫"}, subsets, atkinson) == []


def test_the_check_reads_the_catalogues_and_the_content():
    chars = make_fonts.needed_characters(make_fonts.shown_text())
    assert {"æ", "ø", "å", "§", "–", "ї"} <= chars  # Danish content, a Ukrainian language name
    assert {"ą", "ș", "ğ", "İ"} <= chars  # the alphabets, whether a catalogue uses them yet or not


def test_each_font_is_a_woff2_subset_much_smaller_than_its_original():
    for name in FONTS:
        built = (FONT_DIR / name).read_bytes()
        assert built[:4] == b"wOF2"
        assert len(built) < original_path(name).stat().st_size / 2, name


def unicode_range(ranges):
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def test_the_stylesheet_names_each_subset_with_its_ranges():
    faces = re.findall(r"@font-face\s*{([^}]*)}", CSS)
    declared = {}
    for face in faces:
        url = re.search(r'url\("/fonts/([^"]+)"\) format\("woff2"\)', face).group(1)
        declared[url] = " ".join(re.search(r"unicode-range:([^;]+);", face).group(1).split())
    assert declared == {name: unicode_range(face.ranges) for name, face in FONTS.items()}


def test_the_fonts_are_served_and_cacheable_and_nothing_else_is(app):
    client = app.test_client()
    response = client.get("/fonts/atkinson-bold.woff2")
    assert response.status_code == 200 and response.mimetype == "font/woff2"
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    for name in ("atkinson-regular.ttf", "../settings.json", "noto-sans.woff2.br"):
        assert client.get(f"/fonts/{name}").status_code == 404
