"""A patron browses the portal: home, language switch, a service, a branch, the principles."""

import re

import pytest
from playwright.sync_api import expect

from library_portal.languages import LANGS
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

LANGUAGE_NAMES = {"lt": "Lietuviškai", "en": "English", "bg": "Български", "fi": "Suomi"}


def test_patron_switches_to_bulgarian_and_browses_service_branch_and_principles(page, live_server, demo):
    page.goto(f"{live_server.url}/", wait_until="load")
    expect(page).to_have_url(re.compile(r"/lt/$"))
    assert_accessible(page)

    page.get_by_role("navigation", name=re.compile(".")).get_by_role("link", name=LANGUAGE_NAMES["bg"]).click()
    expect(page).to_have_url(re.compile(r"/bg/$"))
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    assert_accessible(page)

    page.get_by_role("link", name="Услуги", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/bg/services/$"))
    page.locator(".service-list a").first.click()
    expect(page).to_have_url(re.compile(r"/bg/services/[\w-]+/$"))
    assert_accessible(page)

    page.locator(".branch-card a").first.click()
    expect(page).to_have_url(re.compile(r"/bg/branches/[\w-]+/$"))
    expect(page.locator(".status").first).to_be_visible()
    assert_accessible(page)

    # The switcher keeps the patron on the same branch page.
    page.get_by_role("link", name=LANGUAGE_NAMES["fi"]).click()
    expect(page).to_have_url(re.compile(r"/fi/branches/[\w-]+/$"))

    page.goto(f"{live_server.url}/bg/about/principles/")
    expect(page.locator("ol.principles > li")).to_have_count(7)
    assert_accessible(page)


def test_every_page_of_the_journey_passes_axe_in_every_language(page, live_server, demo):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _check_journey_pages(page, live_server.url, lang)


def _check_journey_pages(page, base: str, lang: str) -> None:
    """Every page is public and the visit changes nothing: one page serves all the languages."""
    page.goto(f"{base}/{lang}/")
    assert_accessible(page)
    service_url = page.locator(".cards a").first.get_attribute("href")
    for path in (
        "services/",
        "search/?q=a",
        service_url.split(f"/{lang}/", 1)[1],
        "branches/",
        "about/principles/",
        "about/accessibility/",
        "about/privacy/",
        "no-such-page/",
    ):
        page.goto(f"{base}/{lang}/{path}")
        assert_accessible(page)
    page.goto(f"{base}/{lang}/branches/")
    page.locator(".branch-card a").first.click()
    expect(page).not_to_have_url(re.compile(r"/branches/$"))
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page, live_server, demo):
    page.goto(f"{live_server.url}/en/services/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_pages_fit_a_360_pixel_phone_without_sideways_scrolling(phone_page, live_server, demo):
    for path in ("/lt/", "/lt/services/", "/bg/branches/", "/fi/about/principles/"):
        phone_page.goto(f"{live_server.url}{path}")
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    assert_accessible(phone_page)


def test_pages_load_no_asset_from_another_host_and_break_no_csp_rule(page, live_server, demo):
    foreign, violations = [], []

    def on_request(request):
        if not request.url.startswith(live_server.url):
            foreign.append(request.url)

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    for path in ("/lt/", "/en/services/", "/bg/branches/", "/fi/prices/", "/fi/prices/quote/", "/api/docs/"):
        page.goto(f"{live_server.url}{path}", wait_until="networkidle")
    assert foreign == []
    assert violations == []
