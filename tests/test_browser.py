"""The reports in a real browser: Debian's headless Chromium at phone and desktop widths.

Each page is opened from disk with every network request blocked and recorded;
screenshots are kept in ``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import CHROMIUM  # the one `browser` fixture lives in conftest.py
from fixtures_builds import (  # noqa: F401  (session fixtures)
    LANGS,
    TEST_STORY,
    built_reports,
    hostile_reports,
    needs_kernel,
    seed_story,
)

from analysis import config, report
from analysis.publish import read_published

ARTIFACTS = config.ROOT / "test-artifacts"
WIDTHS = {"phone": (375, 740), "desktop": (1280, 900)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    needs_kernel,
    # `make test` installs Debian's chromium; in CI a missing browser is a failure, not a skip.
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]


def open_page(browser, path: Path, size: tuple[int, int]):
    """Open a report; returns the page and lists of console errors, blocked requests, dialogs."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            return r.continue_()
        requests.append(url)
        return r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests, dialogs


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_report_in_chromium(built_reports, browser, lang, width):  # noqa: F811
    story = seed_story()
    path = built_reports / "reports" / story / f"{story}.{lang}.html"
    page, errors, requests, dialogs = open_page(browser, path, WIDTHS[width])
    try:
        assert errors == []
        assert requests == [], "the report fetched something from the network"
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])"
        )
        assert len(images) >= 3
        assert all(done and w > 0 and alt for done, w, alt in images), images
        # The key numbers are on screen, as the tables give them.
        # (the tables the pages were built from; test_report checks them against the text)
        tables = read_published(built_reports / "data" / "processed" / story)["tables"]
        sentences = report.key_numbers(tables["figures"], tables["annotations"], lang=lang)
        first = page.locator("ul.key-numbers li").first
        assert first.is_visible()
        assert " ".join(first.inner_text().split()) == sentences["text"][0]
        assert page.locator("h1").inner_text() == report.label("report.title", lang)
        # Nothing wider than the screen: tables scroll inside their own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the {width} screen"
        img_width = page.evaluate("Math.max(...Array.from(document.images).map(i => i.width))")
        assert img_width <= WIDTHS[width][0]
        # Every number links to a row of the figures table.
        hrefs = page.eval_on_selector_all("a.fig", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs
        for href in set(hrefs):
            assert page.locator(f"tr{href}").count() == 1, href
        # On a phone the table of every figure is a stack of cards, each cell under its
        # heading; on a desktop it is a table.
        cells = page.evaluate(
            """Array.from(document.querySelectorAll('table.figures td')).map(td => [
                getComputedStyle(td).display,
                td.getBoundingClientRect().right,
                getComputedStyle(td, '::before').content])"""
        )
        assert cells
        if width == "phone":
            assert {d for d, _, _ in cells} <= {"block", "none"}
            assert max(r for _, r, _ in cells) <= WIDTHS[width][0]
            assert all(c.startswith('"') and c.endswith(': "') for _, _, c in cells)
        else:
            assert {d for d, _, _ in cells} == {"table-cell"}
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"report.{lang}.{width}.png"), full_page=True)
        assert dialogs == []
    finally:
        page.context.close()


def test_hostile_article_never_runs_script(hostile_reports, browser):  # noqa: F811
    path = hostile_reports / "reports" / f"{TEST_STORY}.ru.html"
    page, errors, requests, dialogs = open_page(browser, path, WIDTHS["phone"])
    try:
        assert dialogs == []
        assert requests == []
        assert errors == []
        assert page.evaluate("document.scripts.length") == 0
        text = page.locator("main").inner_text()
        assert "Test <Press>" in text  # shown as text, not parsed as a tag
        assert re.search(r"\d", page.locator("ul.key-numbers").inner_text())
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.test-article.ru.phone.png"), full_page=True)
    finally:
        page.context.close()
