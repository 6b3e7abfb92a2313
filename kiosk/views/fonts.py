"""Serve the fonts straight from their PyPI packages, so nothing is fetched from outside the PC."""
import fontpkg
from flask import Blueprint, abort, send_file

bp = Blueprint("fonts", __name__, url_prefix="/fonts")

FONTS = {
    "atkinson-regular.ttf": ("Atkinson Hyperlegible", 400, "normal"),
    "atkinson-bold.ttf": ("Atkinson Hyperlegible", 700, "normal"),
    "noto-sans.ttf": ("Noto Sans", 400, "normal"),
    "noto-sans-arabic.ttf": ("Noto Sans Arabic", 400, "normal"),
}


def font_path(name):
    family, weight, style = FONTS[name]
    return fontpkg.path(family, weight, style)


@bp.get("/<name>")
def font(name):
    """One font file, cacheable: fonts hold no personal data."""
    if name not in FONTS:
        abort(404)
    return send_file(font_path(name), mimetype="font/ttf", max_age=86400)
