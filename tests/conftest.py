"""Test settings shared by every module."""

from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured by `make bench`, never by tests: no per-example deadline (a busy CI
# machine must not turn a slow example into a failure).
settings.register_profile("qantar", deadline=None)
settings.load_profile("qantar")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test process, for every browser test.

    Defined here once: two session fixtures of the same name in two test modules would start
    two Playwright instances in one thread, which Playwright refuses.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
