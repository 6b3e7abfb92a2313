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


def fit_line(text, room, size, smallest=6):
    """(text ready to draw, font, size) for one line no wider than `room` points.

    For lines drawn straight on the canvas, which cannot wrap: the page footer names the centre,
    which staff type (up to 200 characters). Smaller type first, then cut with "…", so it never
    runs off the paper or into the page number.
    """
    text = " ".join(safe(text).split())

    def drawn(cut):
        line, font = single_font(text if cut >= len(text) else text[:cut].rstrip() + "…")
        return (visual_order(line) if font == ARABIC else line), font

    line, font = drawn(len(text))
    for points in range(int(size), int(smallest) - 1, -1):
        if pdfmetrics.stringWidth(line, font, points) <= room:
            return line, font, points
    fits, too_long = 0, len(text)  # "…" alone always fits; find the longest cut that does
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        line, font = drawn(middle)
        if pdfmetrics.stringWidth(line, font, smallest) <= room:
            fits = middle
        else:
            too_long = middle
    return (*drawn(fits), smallest)


class RTLParagraph(Flowable):
    """Right-to-left text: reshape, wrap, then reorder each line (reportlab alone gets the order wrong).

    It wraps and splits like a Paragraph: a word wider than the line is cut, and text taller than
    the page goes on over the next one. Without that, typed text such as 300 short lines or one
    long word ran off the paper or stopped the whole PDF with a LayoutError.
    """

    def __init__(self, text, size=14, leading=None, shaped=False):
        super().__init__()
        self.text = text if shaped else _RESHAPER.reshape(safe(text))
        self.size, self.leading = size, leading or size * 1.45

    def wrap(self, available_width, available_height):
        register_fonts()
        self.width = available_width
        self.lines = []
        for paragraph in self.text.split("\n"):
            for line in simpleSplit(paragraph, ARABIC, self.size, available_width) or [""]:
                self.lines += _cut(line, self.size, available_width)
        self.height = len(self.lines) * self.leading  # a table splitting a row reads this
        return available_width, self.height

    def split(self, available_width, available_height):
        # A table splitting a row passes the column's width here but wraps its cells without the
        # padding, so the parts would come out wider than drawn, and overflow. Never split wider
        # than the last wrap: narrower lines only ever fit.
        self.wrap(min(available_width, getattr(self, "width", available_width) or available_width),
                  available_height)
        # Two parts or none: a table splitting a row expects two, even if all would just fit.
        # None when not even one line fits here (or there is only one): it moves to the next frame.
        fit = min(int(available_height // self.leading), len(self.lines) - 1)
        if fit < 1:
            return []
        return [RTLParagraph("\n".join(part), self.size, self.leading, shaped=True)
                for part in (self.lines[:fit], self.lines[fit:])]

    def draw(self):
        canvas = self.canv
        canvas.setFont(ARABIC, self.size)
        y = len(self.lines) * self.leading - self.size
        for line in self.lines:
            canvas.drawRightString(self.width, y, get_display(line))
            y -= self.leading


def _cut(line, size, width):
    """A line no wider than `width`: simpleSplit keeps a word longer than the line whole."""
    if pdfmetrics.stringWidth(line, ARABIC, size) <= width:
        return [line]
    pieces, current, used = [], "", 0.0
    for ch in line:
        advance = pdfmetrics.stringWidth(ch, ARABIC, size)
        if current and used + advance > width:
            pieces.append(current)
            current, used = "", 0.0
        current, used = current + ch, used + advance
    return [*pieces, current]
