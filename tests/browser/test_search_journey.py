"""A patron searches the whole site from the header's search box, misspelling in Finnish, and finds the copying
service; the results page, with results and without, passes axe in every language."""

import re

import pytest
from playwright.sync_api import expect

from library_portal.languages import LANGS
from search.models import SearchEntry
from search.services import search_index_rebuild
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

# A word of each language's demo text, and its search box's label.
FOUND = {"lt": "kopijavimas", "en": "copying", "bg": "копиране", "fi": "kopiointi"}


@pytest.fixture
def indexed_demo(demo):
    """The demo as load_demo leaves it: indexed for the search."""
    search_index_rebuild()
    return demo


def test_a_finnish_patron_misspells_copying_in_the_header_search_and_finds_the_copying_service(
    page, live_server, indexed_demo
):
    service = SearchEntry.objects.get(kind="service", language="fi", title__startswith="Kopiointi")
    page.goto(f"{live_server.url}/fi/")
    search = page.get_by_role("search", name="Sivuston haku")
    search.get_by_label("Hae sivustolta").fill("kopionti")
    search.get_by_role("button", name="Hae").click()
    expect(page).to_have_url(re.compile(r"/fi/search/\?q=kopionti$"))
    expect(page.get_by_role("status")).to_contain_text("”kopiointi”")
    services = page.get_by_role("region", name=re.compile("^Palvelut"))
    link = services.get_by_role("link", name=service.title)
    expect(link.locator("mark")).to_have_text("Kopiointi")
    assert_accessible(page)

    link.click()
    expect(page).to_have_url(re.compile(re.escape(service.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(service.title)


def test_the_header_search_works_without_javascript(browser, live_server, indexed_demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/services/")
    page.get_by_role("search", name="Site search").get_by_label("Search the site").fill("interlibrary")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=interlibrary$"))
    expect(page.get_by_label("What are you looking for?")).to_have_value("interlibrary")
    expect(page.locator(".search-results li")).not_to_have_count(0)
    context.close()


def test_the_search_page_with_results_and_without_passes_axe(page, live_server, indexed_demo):
    """One test for the four languages, so that the demo loads and is indexed once."""
    for lang in LANGS:
        search_in(page, live_server.url, lang)


def search_in(page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/search/?q={FOUND[lang]}")
    expect(page.locator(".search-results li").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/{lang}/search/?q=zzzqqqxxx")
    expect(page.locator(".search-empty address")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/{lang}/search/?q={FOUND[lang]}+qxzqxz")
    expect(page.locator(".search-empty li").first).to_be_visible()  # the nearest matches
    assert_accessible(page)
    page.goto(f"{base}/{lang}/search/")
    assert_accessible(page)
