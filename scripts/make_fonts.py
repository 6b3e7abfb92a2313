"""Make the kiosk's web fonts: WOFF2 subsets of the TrueType fonts from PyPI, then check them.

Each font in kiosk.views.fonts.FONTS is cut to its unicode ranges, variable fonts are fixed
at their weight (the CSS asks for no other), hinting is dropped (Chromium renders the kiosk's
large text without it), and the result is saved as WOFF2 in static/vendor/fonts/. Then every
character the kiosk can show (the catalogues, the content, the templates, and the alphabets
of the languages it speaks) must be drawn by one of the subsets, or set-up stops.

    python scripts/make_fonts.py           build and check
    python scripts/make_fonts.py --check   check the files already built
"""
import sys
import unicodedata
from pathlib import Path

from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.views.fonts import FONT_DIR, FONTS, original_path  # noqa: E402

LATIN_FACES = ("atkinson-regular.woff2", "atkinson-bold.woff2")
WIDE_FACE, ARABIC_FACE = "noto-sans.woff2", "noto-sans-arabic.woff2"
# The letters of the Latin-script languages the kiosk speaks or will speak soon, whether or
# not a catalogue uses them yet.
ALPHABETS = {
    "da": "abcdefghijklmnopqrstuvwxyzæøåé",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "pl": "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",
    "ro": "aăâbcdefghiîjklmnopqrsștțuvwxyzşţ",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyzâîû",
}
SHOWN_FILES = ("kiosk/content/**/*.toml", "kiosk/content/**/*.txt", "kiosk/data/*.toml",
               "templates/**/*.html", "static/js/*.js", "static/vendor/keyboard-layouts.js")


def in_ranges(codepoint, ranges):
    return any(low <= codepoint <= high for low, high in ranges)


def build(name):
    face = FONTS[name]
    font = TTFont(original_path(name))
    if "fvar" in font:
        axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
        axes["wght"] = face.weight
        font = instancer.instantiateVariableFont(font, axes)
    unicodes = [cp for cp in font.getBestCmap() if in_ranges(cp, face.ranges)]
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.layout_features = ["*"]  # Arabic joining and every Latin ligature and mark stay
    options.name_IDs = ["*"]  # the licence and copyright names stay with the font
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, FONT_DIR / name, options)
    return len(unicodes)


def shown_text():
    """Every string the kiosk can put on a screen, in any of its catalogues."""
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                for text in (message.id, message.string):
                    yield from (text if isinstance(text, tuple | list) else [text])
    for pattern in SHOWN_FILES:
        for path in sorted(ROOT.glob(pattern)):
            yield path.read_text(encoding="utf-8")


def needed_characters(texts):
    chars = {c for text in texts if text for c in text}
    for letters in ALPHABETS.values():
        chars |= set(letters) | set(letters.upper())
    chars |= {"İ"}  # the capital of Turkish i; str.upper() gives "I"
    return {c for c in chars if unicodedata.category(c)[0] not in "CZ" or c == " "}


def coverage(font_dir=FONT_DIR):
    return {name: frozenset(TTFont(font_dir / name).getBestCmap()) for name in FONTS}


def left_to_the_system_font(c, subsets):
    """A symbol or punctuation mark no web font has (→, ⌫): the browser draws it with a system
    font, which changes its look but not its meaning. A letter or digit never may be."""
    return unicodedata.category(c)[0] in "SP" and not any(ord(c) in cmap for cmap in subsets.values())


def problems(chars, subsets, atkinson_original):
    """What no subset draws, or what the subset lost although Atkinson has it."""
    found = []
    for c in sorted(chars):
        cp, script = ord(c), unicodedata.name(c, "?").split(" ")[0]
        if script == "ARABIC":
            if cp not in subsets[ARABIC_FACE]:
                found.append(f"{c!r} (U+{cp:04X}) is not in {ARABIC_FACE}")
        elif cp in atkinson_original:
            lost = [name for name in LATIN_FACES if cp not in subsets[name]]
            if lost:
                found.append(f"{c!r} (U+{cp:04X}) is in Atkinson Hyperlegible but not in {', '.join(lost)}")
        elif cp not in subsets[WIDE_FACE] and not left_to_the_system_font(c, subsets):
            found.append(f"{c!r} (U+{cp:04X}, {unicodedata.name(c, '?')}) is in no web font")
    return found


def check(font_dir=FONT_DIR):
    atkinson = frozenset(TTFont(original_path(LATIN_FACES[0])).getBestCmap())
    return problems(needed_characters(shown_text()), coverage(font_dir), atkinson)


def main(argv):
    if "--check" not in argv:
        for name in FONTS:
            count = build(name)
            print(f"static/vendor/fonts/{name}: {count} characters, {(FONT_DIR / name).stat().st_size // 1024} KB")
    found = check()
    subsets = coverage()
    symbols = sorted(c for c in needed_characters(shown_text()) if left_to_the_system_font(c, subsets))
    if symbols:
        print(f"Drawn by the system font (no web font has them): {' '.join(symbols)}")
    if found:
        print("The web fonts cannot draw every character the kiosk shows:", *found, sep="\n  ")
        return 1
    print("The web fonts draw every character in the catalogues, the content and the alphabets.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
