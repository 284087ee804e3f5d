"""The site search as a patron uses it: one box, every kind of content, grouped, highlighted, forgiving."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library_portal.languages import LANGS
from search.services import search_index_rebuild
from tests.factories import ServiceFactory


def _html(client, path: str, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def _text(client, path: str, **params) -> str:
    """The page without the highlights' marks."""
    return re.sub(r"</?mark>", "", _html(client, path, **params))


def _group(html: str, heading: str) -> str:
    """The HTML of the results group under `heading` ("" when there is none)."""
    match = re.search(rf'<section class="search-group"[^>]*>\s*<h2[^>]*>{re.escape(heading)} .*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.parametrize(
    "query,heading,link",
    [
        ("copying", "Services", "/en/services/kopijavimas/"),
        ("health", "E-services", "/en/e-services/e-sveikata/"),
        ("medicine", "Online resources", "/en/e-services/e-sveikata/#resources-heading"),
        ("literacy", "Events and trainings", "/en/events/"),
        ("conforms", "Pages", "/en/about/accessibility/"),
        ("respect", "Pages", "/en/about/principles/#principle-3"),
        ("Rusnė", "Branches", "/en/branches/rusne/"),
        ("colour copy", "Prices", "/en/prices/#section-copying"),
    ],
)
def test_search_finds_every_kind_of_content_grouped_with_a_link(client, catalogue, query, heading, link):
    group = _group(_html(client, "/en/search/", q=query), heading)
    assert f'href="{link}' in group


def test_groups_come_in_the_pages_order_with_their_counts(client, catalogue):
    html = _html(client, "/en/search/", q="copy")
    assert html.index(">Services <") < html.index(">Prices <")
    assert '<span class="muted">(1)</span>' in _group(html, "Services")


def test_matched_words_are_marked_in_title_and_snippet(client, catalogue):
    group = _group(_html(client, "/en/search/", q="colour"), "Services")
    assert "<mark>colour</mark>" in group
    assert "Copying and printing" in group


def test_text_of_a_result_is_escaped_and_cannot_pose_as_a_mark(client, catalogue):
    ServiceFactory(
        slug="pavojinga",
        title="Skenavimas <script>alert(1)</script>",
        title_en="Scanning <b>bold</b> \ue000fake\ue001",
        summary_en="<img src=x onerror=alert(1)> scanning",
    )
    search_index_rebuild()
    html = _html(client, "/en/search/", q="scanning")
    assert "<b>bold</b>" not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<mark>fake</mark>" not in html
    assert "<mark>Scanning</mark>" in html


def test_a_row_without_a_translation_is_found_through_its_lithuanian_text_and_says_so(client, catalogue):
    html = _html(client, "/bg/search/", q="knygrišyba")
    group = _group(html, "Услуги")
    assert '<li lang="lt">' in group
    assert "Knygrišyba" in group
    assert "На литовски" in group
    # In its own language the same row carries no such note.
    assert "<li lang=" not in _html(client, "/lt/search/", q="knygrišyba")


def test_a_misspelt_lithuanian_word_is_corrected_and_the_page_says_so(client, catalogue):
    html = _html(client, "/lt/search/", q="kopijavmas")
    assert 'href="/lt/services/kopijavimas/"' in html
    assert "„kopijavimas“" in html


def test_a_misspelt_finnish_word_finds_the_copying_service(client, catalogue):
    html = _html(client, "/fi/search/", q="kopionti")
    assert 'href="/fi/services/kopijavimas/"' in html
    assert "<mark>Kopiointi</mark> ja tulostus" in html


def test_a_lithuanian_word_typed_without_its_diacritics_is_found(client, catalogue):
    assert 'href="/lt/branches/rusne/"' in _html(client, "/lt/search/", q="rusnes")


def test_unpublished_rows_are_not_found(client, catalogue):
    assert "Hidden service" not in _html(client, "/en/search/", q="hidden service")


def test_a_group_can_be_shown_alone_and_an_unknown_group_is_ignored(client, catalogue):
    for number in range(7):
        ServiceFactory(slug=f"kopija-{number}", title=f"Kopija {number}", title_en=f"Copy service {number}")
    search_index_rebuild()
    html = _html(client, "/en/search/", q="copy")
    assert "Services: show all 8" in html
    assert len(re.findall(r"<h3><a ", _group(html, "Services"))) == 5
    alone = _html(client, "/en/search/", q="copy", group="services")
    assert len(re.findall(r"<h3><a ", _group(alone, "Services"))) == 8
    assert _group(alone, "Prices") == ""
    assert _group(_html(client, "/en/search/", q="copy", group="nonsense"), "Prices")


def test_nothing_found_offers_the_nearest_matches_and_the_librarys_contacts(client, catalogue):
    html = _html(client, "/en/search/", q="copying elephants")
    assert "Nothing was found for “copying elephants”" in html
    nearest = html[html.index("The nearest matches") :]
    assert 'href="/en/services/kopijavimas/"' in nearest
    assert 'href="tel:844178216"' in html[html.index("Ask the library") :]
    assert "info@example.org" in html[html.index("Ask the library") :]


def test_nothing_at_all_still_gives_the_contacts(client, catalogue):
    html = _html(client, "/lt/search/", q="zzzqqqxxx")
    assert "Klauskite bibliotekos" in html
    assert "The nearest matches" not in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "kopijavimas " * 500,
        '"',
        '"kopijavimas',
        'kopijavimas" OR',
        "-",
        "- -kopijavimas",
        "&|!:*()",
        "kopij:* & !(a|b)",
        "'; DROP TABLE search_searchentry; --",
        "%_\\",
        "<b>bold</b>",
        "ąčęėįšųūž",
        "   ",
        "🙂📚",
        "or and not",
    ],
)
def test_odd_queries_give_results_or_none_never_an_error(client, catalogue, query):
    html = _html(client, "/lt/search/", q=query)
    assert "<b>bold</b>" not in html


@pytest.mark.parametrize(
    "raw", ["kopijavimas%00", "%00kopijavimas", "kopi%01javimas", "kopijavimas%C2%85", "%E2%80%A8"]
)
def test_control_characters_in_the_query_are_taken_out_not_refused(client, catalogue, raw):
    response = client.get(f"/lt/search/?q={raw}")
    assert response.status_code == 200
    if "kopijavimas" in raw:
        assert 'href="/lt/services/kopijavimas/"' in response.content.decode()


def test_an_over_long_query_is_cut_and_still_searched(client, catalogue):
    html = _html(client, "/en/search/", q="copying " + "x" * 5000)
    assert 'value="copying xxx' in html
    assert 'value="copying ' + "x" * 300 not in html


def test_the_search_box_keeps_what_was_typed(client, catalogue):
    assert 'value="copying &amp; printing"' in _html(client, "/en/search/", q="copying & printing")


def test_an_empty_search_shows_the_box_and_no_results(client, catalogue):
    html = _html(client, "/en/search/")
    assert 'id="search-q"' in html
    assert "result" not in html[html.index("</form>", html.index('id="search-q"')) : html.index("</main>")]


def test_the_header_search_box_on_every_page_leads_to_the_search(client, catalogue):
    for lang in LANGS:
        for path in ("", "services/", "branches/rusne/"):
            html = _html(client, f"/{lang}/{path}")
            assert f'<form class="site-search" role="search" method="get" action="/{lang}/search/"' in html


def test_the_services_lists_old_search_address_leads_to_the_search(client, catalogue):
    response = client.get("/lt/services/", {"q": "kopijavimas"})
    assert response.status_code == 302
    assert response.url == "/lt/search/?q=kopijavimas&group=services"


def test_anyone_may_search_patrons_and_staff_alike(client, catalogue, patron, librarian):
    assert "kopijavimas" in _html(client, "/lt/search/", q="kopijavimas")
    for user in (patron, librarian):
        client.force_login(user)
        assert 'href="/lt/services/kopijavimas/"' in _html(client, "/lt/search/", q="kopijavimas")


def _queries(client, path: str, **params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("query", ["copying", "copyng", "copying elephants", "zzzqqqxxx"])
def test_a_search_costs_a_few_queries_however_many_rows_there_are(
    client, catalogue, django_assert_max_num_queries, query
):
    """At most: the match, the word lookup and the corrected match (when it finds little), then the highlights of
    the rows shown or the nearest titles, and the next moment an entry starts or stops being found (until which
    the results are kept in the shared cache)."""
    client.get("/en/search/", {"q": "warm"})  # the library, read once into the shared cache
    with django_assert_max_num_queries(5):
        client.get("/en/search/", {"q": query})
    for number in range(30):
        ServiceFactory(slug=f"copying-{number}", title=f"Kopijavimas {number}", title_en=f"Copying {number}")
    search_index_rebuild()
    with django_assert_max_num_queries(5):
        client.get("/en/search/", {"q": query})


def test_a_repeated_search_is_answered_from_the_shared_cache_until_the_index_changes(
    client, catalogue, patron, django_assert_max_num_queries
):
    client.force_login(patron)  # a logged-in page: never the whole-page cache, but the results' cache
    assert "Copying and printing" in _text(client, "/en/search/", q="copying")
    with django_assert_max_num_queries(2):  # the session and its user
        assert "Copying and printing" in _text(client, "/en/search/", q="copying")
    ServiceFactory(slug="copying-new", title="Naujas kopijavimas", title_en="New copying")
    assert "New copying" not in _text(client, "/en/search/", q="copying")
    search_index_rebuild()  # the indexer bumps the search's namespace
    assert "New copying" in _text(client, "/en/search/", q="copying")


def test_a_search_never_computes_a_vector_at_query_time(client, catalogue):
    client.get("/en/search/", {"q": "warm"})
    for query in ("copying", "copyng", "copying elephants"):
        assert not any("to_tsvector" in sql.lower() for sql in _queries(client, "/en/search/", q=query))
