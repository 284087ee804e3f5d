"""A patron logs in with the demo account, sees their profile and logs out; the account pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from library_portal.languages import LANGS
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_patron_logs_in_sees_the_profile_and_logs_out(page, live_server, demo, settings):
    page.goto(f"{live_server.url}/fi/")
    page.get_by_role("link", name="Kirjaudu sisään").click()
    expect(page).to_have_url(re.compile(r"/fi/account/login/"))
    page.get_by_label("Sähköpostiosoite").fill("patron@example.org")
    page.get_by_label("Salasana").fill("wrong password")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Sähköpostiosoite")).to_have_value("patron@example.org")
    assert_accessible(page)
    page.get_by_label("Salasana").fill(settings.DEMO_PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fi/account/profile/$"))
    expect(page.get_by_text("SIL-000101")).to_be_visible()
    assert_accessible(page)
    page.locator("form.logout button").click()
    expect(page).to_have_url(re.compile(r"/fi/$"))
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()


def test_account_pages_pass_axe_in_every_language(page, live_server, demo):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _check_account_pages(page, live_server.url, lang)


def _check_account_pages(page, base: str, lang: str) -> None:
    """The visitor stays anonymous throughout (the form posted is refused), so the languages can share the page."""
    for path in ("account/register/", "account/login/", "account/password-reset/"):
        page.goto(f"{base}/{lang}/{path}")
        assert_accessible(page)
    page.goto(f"{base}/{lang}/account/register/")
    page.locator("form.stacked-form button[type=submit]").click()  # everything missing: errors by the fields
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page)
