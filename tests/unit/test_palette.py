"""Every text colour on every background in the stylesheet has a contrast of at least 7:1 (WCAG AAA)."""
import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "kiosk.css").read_text()
PAIRS = [("ink", "paper"), ("ink", "calm"), ("paper", "blue"), ("paper", "red"), ("ink", "blue-light"),
         ("ink", "red-light"), ("ink", "green-light"), ("blue", "paper"), ("blue", "blue-light")]


def colour(name):
    return re.search(rf"--{name}: (#[0-9a-f]{{6}});", CSS).group(1)


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_palette_pair_reaches_7_to_1():
    low = {f"{f} on {b}": round(contrast(colour(f), colour(b)), 2) for f, b in PAIRS
           if contrast(colour(f), colour(b)) < 7}
    assert low == {}


def test_the_contrast_formula_is_right():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
