"""The tracker page in Debian's headless Chromium at phone and desktop widths.

Built from the example corpus (``data/examples/tracker``, written by the project); every
network request is blocked and recorded; screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os

import pytest
from conftest import CHROMIUM
from test_browser import ARTIFACTS, WIDTHS, open_page

from analysis import config
from analysis.tracker import track

LANGS = ("ky", "ru", "en")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("tracker")
    return track(config.TRACKER_EXAMPLE, out, langs=LANGS, workers=1, cache=False, progress=False)


# Every language on a phone, where layouts break; the desktop width once.
@pytest.mark.parametrize(
    ("lang", "width"), [("ky", "phone"), ("ru", "phone"), ("en", "phone"), ("en", "desktop")]
)
def test_tracker_page_in_chromium(browser, pages, lang, width):
    page, errors, requests, dialogs = open_page(
        browser, pages / f"tracker.{lang}.html", WIDTHS[width]
    )
    try:
        assert errors == [] and requests == [] and dialogs == []
        assert page.evaluate("document.scripts.length") == 0
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])"
        )
        assert len(images) >= 3  # killed, injured, hospitalized (and more with Russian figures)
        assert all(done and w > 0 and alt for done, w, alt in images), images
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the {width} screen"
        img_width = page.evaluate("Math.max(...Array.from(document.images).map(i => i.width))")
        assert img_width <= WIDTHS[width][0]
        # The latest figure of each source, linked to the articles that quote it.
        first = page.locator("table.latest").first
        assert first.is_visible()
        assert first.locator("a.article").count() >= 2
        assert page.locator("table.flags tbody tr").count() >= 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"tracker.{lang}.{width}.png"), full_page=True)
    finally:
        page.context.close()
