"""Safe text for reportlab: fonts per script, escaping, Arabic shaping and order.

reportlab's Paragraph parses its text as markup: unescaped user text can crash it or
read a local file into the PDF (../shared/research/reliability-anchors.md B3-19). Every
string from a person goes through `markup()` or `RTLParagraph`, which escape it, drop
control characters, and pick a font that has the glyphs (a missing glyph fails silently).
"""
import functools
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
import fontpkg
from bidi.algorithm import get_display
from reportlab import rl_config
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from .flows.parse import clean_text

# Never fetch an image or resource from anywhere while building a PDF.
rl_config.trustedHosts = []

LATIN, LATIN_BOLD, WIDE, ARABIC = "Atkinson", "Atkinson-Bold", "NotoSans", "NotoSansArabic"
FONT_FILES = {
    LATIN: ("Atkinson Hyperlegible", 400),
    LATIN_BOLD: ("Atkinson Hyperlegible", 700),
    WIDE: ("Noto Sans", 400),
    ARABIC: ("Noto Sans Arabic", 400),
}
_BLANKS = frozenset(map(ord, "\n\t "))
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


@functools.cache
def register_fonts():
    """Register the TTF fonts once per process; returns each font's set of code points."""
    coverage = {}
    for name, (family, weight) in FONT_FILES.items():
        font = TTFont(name, str(fontpkg.path(family, weight, "normal")))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(LATIN, normal=LATIN, bold=LATIN_BOLD, italic=LATIN, boldItalic=LATIN_BOLD)
    return coverage


def is_arabic(ch):
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


@functools.lru_cache(maxsize=8192)
def font_for(ch, bold=False):
    """The first font that has this character, or None (then the character is dropped)."""
    coverage = register_fonts()
    order = (ARABIC, WIDE) if is_arabic(ch) else ((LATIN_BOLD if bold else LATIN), WIDE, ARABIC)
    return next((f for f in order if ord(ch) in coverage[f]), None)


# The screens never let a field grow this long (text steps have their own limits and posts are
# capped); this only bounds the work if something larger ever reaches a document.
MAX_CHARS = 10_000


def safe(text):
    """Person-supplied text, cleaned: no control or format characters, no unprintable symbols."""
    text = unicodedata.normalize("NFC", clean_text(str(text or "")[:MAX_CHARS]))
    if _in_latin(text):
        return text
    return "".join(ch for ch in text if ch in "\n\t " or font_for(ch) is not None)


def _in_latin(text, bold=False):
    """True when the Latin font has every character: then no per-character work is needed."""
    return set(map(ord, text)) <= register_fonts()[LATIN_BOLD if bold else LATIN] | _BLANKS


def has_arabic(text):
    return any(is_arabic(ch) for ch in text)


def mostly_arabic(text):
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(map(is_arabic, letters)) * 2 > len(letters)


def markup(text, bold=False):
    """Escaped Paragraph markup, with each run in a font that has its glyphs."""
    text = safe(text)
    if _in_latin(text, bold):
        return escape(text).replace("\n", "<br/>")
    runs, current, font = [], "", None
    for ch in text:
        wanted = font if ch in " \t\n" else font_for(ch, bold)
        if wanted != font and current:
            runs.append((font, current))
            current = ""
        font, current = wanted, current + ch
    if current:
        runs.append((font, current))
    parts = []
    for run_font, run in runs:
        if run_font == ARABIC:
            run = get_display(_RESHAPER.reshape(run))
        body = escape(run).replace("\n", "<br/>")
        parts.append(body if run_font in (LATIN, LATIN_BOLD, None) else f'<font name="{run_font}">{body}</font>')
    return "".join(parts)


def single_font(text):
    """(text ready to draw, font) for a short line drawn without a Paragraph, e.g. a QR caption."""
    text = safe(text)
    coverage = register_fonts()
    if has_arabic(text):
        return _RESHAPER.reshape(text), ARABIC
    if all(ord(ch) in coverage[LATIN] for ch in text):
        return text, LATIN
    return text, WIDE


def visual_order(line):
    return get_display(line)


class RTLParagraph(Flowable):
    """Right-to-left text: reshape, wrap, then reorder each line (reportlab alone gets the order wrong)."""

    def __init__(self, text, size=14, leading=None):
        super().__init__()
        self.text = _RESHAPER.reshape(safe(text))
        self.size, self.leading = size, leading or size * 1.45

    def wrap(self, available_width, available_height):
        register_fonts()
        self.width = available_width
        self.lines = []
        for paragraph in self.text.split("\n"):
            self.lines += simpleSplit(paragraph, ARABIC, self.size, available_width) or [""]
        return available_width, len(self.lines) * self.leading

    def draw(self):
        canvas = self.canv
        canvas.setFont(ARABIC, self.size)
        y = len(self.lines) * self.leading - self.size
        for line in self.lines:
            canvas.drawRightString(self.width, y, get_display(line))
            y -= self.leading
