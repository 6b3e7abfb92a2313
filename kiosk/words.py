"""Text in a named language, with no request: documents are composed from data alone.

Flask-Babel's gettext reads the language from the request. A sheet printed in Arabic must be
Arabic because the caller said "ar", not because of who is asking, and it must compose the same
in a test, a benchmark or a worker with no request at all.
"""
import functools

from babel.dates import format_date
from babel.support import NullTranslations, Translations

from .config import ROOT

TRANSLATIONS = ROOT / "translations"
SOURCE_LANGUAGE = "da"  # the msgids are Danish


@functools.cache
def _catalogue(lang):
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS), [lang])  # NullTranslations when none is compiled


class Words:
    """`words("Dansk tekst %(x)s", x=1)` in `lang`, and dates written the way `lang` writes them."""

    def __init__(self, lang):
        self.lang = lang or SOURCE_LANGUAGE
        self._catalogue = _catalogue(self.lang)

    def __call__(self, text, **values):
        if not text:
            return ""
        translated = self._catalogue.gettext(text)
        return translated % values if values else translated

    def date(self, day, width="full"):
        return format_date(day, width, locale=self.lang)


DANISH = Words(SOURCE_LANGUAGE)
