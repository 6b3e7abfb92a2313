"""The pageshow guard (static/js/guard.js): a page restored from the back/forward cache reloads.

T4 (test_privacy_browser.py) cannot see the guard: with no-store and a new cookie at each wipe,
Chromium never restores the page, so T4 passes without it. Here the restore is a synthetic
`pageshow` with persisted=true, which is what the guard listens for.
"""
import pytest

pytestmark = pytest.mark.browser

RESTORED = "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: %s}))"


def mark(page):
    """A note in this page's JavaScript world; a reload from the server starts a world without it."""
    page.evaluate("window.kioskTestMark = 1")


def test_a_page_restored_from_the_back_forward_cache_reloads(page):
    page.goto("/flow/journey/hvem")
    mark(page)
    with page.expect_navigation(timeout=5_000):
        page.evaluate(RESTORED % "true")
    page.wait_for_selector("h1")
    assert page.evaluate("window.kioskTestMark") is None


def test_an_ordinary_page_show_does_not_reload(page):
    """The control: the guard reloads only restored pages, or every page would loop."""
    page.goto("/flow/journey/hvem")
    mark(page)
    page.evaluate(RESTORED % "false")
    page.wait_for_timeout(500)
    assert page.evaluate("window.kioskTestMark") == 1
