"""A patron looks up prices in Finnish, builds a quote and downloads the printable list."""

import re

import pytest
from playwright.sync_api import expect

from library_portal.languages import LANGS
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_patron_builds_a_quote_in_finnish_and_downloads_the_pdf(page, live_server, demo):
    page.goto(f"{live_server.url}/fi/")
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Hinnat").click()
    expect(page).to_have_url(re.compile(r"/fi/prices/$"))
    expect(page.get_by_text("T1-1123").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Laske|laskuri", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/fi/prices/quote/$"))
    assert_accessible(page)

    line1 = page.get_by_role("group", name=re.compile("1"))
    line1.get_by_role("combobox").select_option("copy-colour-a3")
    line1.get_by_role("textbox").first.fill("10")
    line2 = page.get_by_role("group", name=re.compile("2"))
    line2.get_by_role("combobox").select_option("bind-a4")
    textboxes = line2.get_by_role("textbox")
    textboxes.nth(0).fill("1")
    textboxes.nth(1).fill("50")
    page.get_by_role("button", name="Laske").click()

    total = page.locator(".quote-result .total")
    expect(total).to_have_text("10,30\u00a0€")
    assert_accessible(page)

    page.goto(f"{live_server.url}/fi/prices/")
    pdf_link = page.get_by_role("link", name=re.compile("PDF"))
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_adding_a_line_without_javascript_keeps_the_entries(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/prices/quote/")
    page.locator("select[name=lines-0-item]").select_option("fax")
    page.locator("input[name=lines-0-quantity]").fill("3")
    page.get_by_role("button", name="Add a line").click()
    expect(page.locator("select[name=lines-3-item]")).to_be_visible()
    expect(page.locator("input[name=lines-0-quantity]")).to_have_value("3")
    page.locator("input[name=lines-3-quantity]").fill("0")
    page.locator("select[name=lines-3-item]").select_option("fax")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.locator("input[name=lines-0-quantity]")).to_have_value("3")
    # No axe here: it runs as JavaScript, which this context has switched off. The same page with an
    # error is checked in every language below.
    context.close()


def test_price_pages_pass_axe_in_every_language(page, live_server, demo):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _check_price_pages(page, live_server.url, lang)


def _check_price_pages(page, base: str, lang: str) -> None:
    """A quote is not stored (the form posts back to itself), so the languages share one page."""
    for path in ("prices/", "prices/quote/"):
        page.goto(f"{base}/{lang}/{path}")
        assert_accessible(page)
    page.locator("select[name=lines-0-item]").select_option("bind-a4")
    page.locator("input[name=lines-0-quantity]").fill("1")
    page.locator("button[name=calculate]").click()  # no sheets given: an error next to the field
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page)
