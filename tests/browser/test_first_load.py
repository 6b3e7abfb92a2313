"""The start page's first load, counted from a real `python -m kiosk`'s responses in Chromium: at most 100 KB.

A size check, not a timing check: the bytes do not depend on how busy the machine is.
bench/first_load.py prints the same figures by type, against the uncompressed originals.
"""
import pytest

from bench.first_load import TARGET_KB, first_load, kiosk_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def loaded(browser):
    with kiosk_server() as url:
        return first_load(browser, url)


def test_the_first_load_of_the_start_page_is_at_most_100_kb(loaded):
    total = sum(item.transferred for item in loaded)
    listing = "\n".join(f"{item.transferred:>7} {item.encoding or 'identity':<8} {item.url}" for item in loaded)
    assert total <= TARGET_KB * 1024, f"{total} bytes:\n{listing}"


def test_the_fonts_are_the_woff2_subsets_and_text_travels_compressed(loaded):
    fonts = [item for item in loaded if item.kind == "font"]
    assert fonts and all(item.url.endswith(".woff2") for item in fonts)
    assert {item.url for item in fonts} == {"/fonts/atkinson-regular.woff2", "/fonts/atkinson-bold.woff2"}
    htmx = next(item for item in loaded if item.url.endswith("/htmx.min.js"))
    assert htmx.encoding in ("br", "gzip") and htmx.transferred < htmx.original / 2
