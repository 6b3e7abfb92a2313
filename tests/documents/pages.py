"""Where each word landed on the paper (pdftotext -bbox), and the checks that it laid out.

"Laid out" means: the PDF builds, every word is on the paper, and no word is drawn over
another. A crash (reportlab's LayoutError), text run off an edge, and a fixed-height box
that overflows onto the next line are the three ways hostile text broke letters before.
"""
import re
import subprocess
import tempfile

import pytest

WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
HOSTILE_KINDS = ("lines-rtl", "lines", "paragraphs", "word", "word-rtl", "word-cyrillic", "mixed-markup",
                 "combining", "rtl-and-latin-lines")


def hostile(kind, n):
    """A text of at most n characters that the text steps accept and that is hard to lay out."""
    text = {
        "lines-rtl": "ب\n" * n,                       # the fuzz finding: 300 short Arabic lines
        "lines": "x\n" * n,
        "paragraphs": "x\n\n" * n,                     # each "\n\n" starts a new letter paragraph
        "word": "W" * n,                               # the widest Latin letter, with no space to break at
        "word-rtl": "م" * n,
        "word-cyrillic": "Ж" * n,                      # drawn in the second font, inside a Latin paragraph
        "mixed-markup": '<img src="/etc/hostname"/> Київ مرحبا <b>x</b> ' * n,
        "combining": "a" + "\u0301" * n,
        "rtl-and-latin-lines": "ب W\n" * n,
    }[kind]
    return text[:n].strip() or "x"


def words(pdf):
    """[(page, page width, page height, xMin, yMin, xMax, yMax, word)] for every word pdftotext finds."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:  # pytest's tmp dir is not at hand in helpers
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdftotext", "-bbox", handle.name, "-"], capture_output=True, check=True)
    found = []
    for number, (width, height, body) in enumerate(PAGE.findall(out.stdout.decode("utf-8"))):
        for match in WORD.finditer(body):
            box = tuple(float(v) for v in match.groups()[:4])
            found.append((number, float(width), float(height), *box, match.group(5)))
    return found


def assert_lays_out(pdf, what=""):
    assert pdf.startswith(b"%PDF"), what
    placed = words(pdf)
    assert placed, f"no text at all: {what}"
    for page, width, height, x0, y0, x1, y1, word in placed:
        if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5:
            pytest.fail(f"{word[:20]!r} is off the paper on page {page + 1} ({x0:.0f},{y0:.0f}): {what}")
    overlap = first_overlap(placed)
    assert overlap is None, f"words drawn over each other: {overlap}: {what}"


def first_overlap(placed):
    """Two words whose boxes cross, or None. pdftotext's boxes use the font's full height (Arabic
    fonts are tall), so only the middle 40% of each box counts: lines that merely touch are fine."""
    bands = []
    for page, _w, _h, x0, y0, x1, y1, word in placed:
        middle, half = (y0 + y1) / 2, (y1 - y0) * 0.2
        bands.append((page, middle - half, middle + half, x0, x1, word))
    bands.sort()
    for i, (page, _top, bottom, x0, x1, word) in enumerate(bands):
        for other in bands[i + 1:]:
            if other[0] != page or other[1] >= bottom:
                break
            if min(x1, other[4]) - max(x0, other[3]) > 1.0:
                return word[:20], other[5][:20], page + 1
    return None
