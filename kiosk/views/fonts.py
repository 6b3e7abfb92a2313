"""Serve the web fonts: WOFF2 subsets of the PyPI font packages, made at set-up.

`scripts/make_fonts.py` builds each file below from its TrueType original into
static/vendor/fonts/ and checks that together they draw every character the kiosk shows.
The @font-face rules in static/css/kiosk.css name the same files and unicode ranges, so the
browser fetches the fallback fonts only for a page that needs them.
"""
from dataclasses import dataclass

import fontpkg
from flask import Blueprint, abort, send_file

from ..config import ROOT

bp = Blueprint("fonts", __name__, url_prefix="/fonts")

FONT_DIR = ROOT / "static" / "vendor" / "fonts"

# Latin for Danish, English, Polish, Romanian, Turkish and their neighbours (Basic Latin, Latin-1,
# Extended-A and -B, accents, punctuation, currency, letterlike symbols, arrows, maths).
LATIN = ((0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x36F), (0x2000, 0x206F), (0x20A0, 0x20CF),
         (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25CA, 0x25CA))
# Noto Sans draws what Atkinson lacks (İ, ĸ, №, →), and Greek, Cyrillic and Vietnamese.
WIDE = LATIN + ((0x370, 0x3FF), (0x400, 0x52F), (0x1E00, 0x1EFF))
# Noto Sans Arabic draws the Latin of an Arabic page too, as its own style.
ARABIC = LATIN + ((0x600, 0x6FF), (0x750, 0x77F), (0x870, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


@dataclass(frozen=True)
class Face:
    family: str  # the fontpkg family of the TrueType original
    weight: int
    ranges: tuple


FONTS = {
    "atkinson-regular.woff2": Face("Atkinson Hyperlegible", 400, LATIN),
    "atkinson-bold.woff2": Face("Atkinson Hyperlegible", 700, LATIN),
    "noto-sans.woff2": Face("Noto Sans", 400, WIDE),
    "noto-sans-arabic.woff2": Face("Noto Sans Arabic", 400, ARABIC),
}


def original_path(name):
    face = FONTS[name]
    return fontpkg.path(face.family, face.weight, "normal")


@bp.get("/<name>")
def font(name):
    """One font file, cacheable: fonts hold no personal data."""
    path = FONT_DIR / name
    if name not in FONTS or not path.is_file():
        abort(404)
    return send_file(path, mimetype="font/woff2", max_age=86400)
