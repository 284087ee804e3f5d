"""Playwright on Debian's Chromium, and the axe-core check every visited page must pass.

The browser is never downloaded: it is /usr/bin/chromium (`.ci/run` installs it), launched
headless with --no-sandbox as the CI user is root.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import sync_playwright

from library_portal.demo import demo_load, demo_load_prices

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The browser's locale for each of the portal's languages (Accept-Language and navigator.language).
LOCALES = {"lt": "lt-LT", "en": "en-GB", "bg": "bg-BG", "fi": "fi-FI"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run 'apt-get install chromium' (bash .ci/run does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lt-LT")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo library of the seeds, as a newcomer sees it after `make run`."""
    counts = demo_load(with_accounts=True, year=timezone.localdate().year)
    return counts | demo_load_prices()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path


_axe = Axe()
# resultTypes: axe still runs every rule on every element, but details only the violations (passes and the rest are
# listed with one element each) and sends the browser no more than that: the same check for about 40% less time per
# page, measured on the 21 back-office pages of test_admin_pages.py (the axe run is most of a journey's time).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}


def assert_accessible(page) -> None:
    """axe-core on the page as it is now: no violation of the WCAG 2.0/2.1 A and AA rules.

    The caller waits for the page it means (a URL or an element after a click): axe run during a navigation finds no
    document. Waiting here for "load" covers a page whose document is there but still loading."""
    page.wait_for_load_state("load")
    results = _axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        ARTIFACTS.mkdir(exist_ok=True)
        name = page.url.split("://", 1)[-1].replace("/", "_").replace(":", "_")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # The document's language is named too: a test that loops over the languages checks admin pages whose URL
    # does not carry it.
    assert results.violations_count == 0, (
        f"{page.url} (lang={page.locator('html').get_attribute('lang')})\n{results.generate_report()}"
    )
