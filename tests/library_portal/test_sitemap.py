"""sitemap.xml lists every public page in every language with its hreflang alternates; robots.txt points to it."""

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django.utils import timezone
from lxml import etree

from library_portal.caching import Namespace, bump
from library_portal.languages import LANGS
from pricing.models import PriceList
from services.models import Page
from tests.factories import (
    ArticleFactory,
    BranchFactory,
    EServiceFactory,
    EventFactory,
    LibraryFactory,
    RoomFactory,
    ServiceFactory,
)

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "http://testserver"


@pytest.fixture
def content(db):
    LibraryFactory()
    branch = BranchFactory(slug="rusne")
    ServiceFactory(slug="kopijavimas")
    ServiceFactory(slug="juodrastis", is_published=False)
    EServiceFactory(slug="e-valdzia")
    EServiceFactory(slug="paslepta", is_published=False)
    upcoming = EventFactory(branch=branch)
    past = EventFactory(branch=branch, starts_at=timezone.now() - dt.timedelta(days=3))
    cancelled = EventFactory(branch=branch, is_cancelled=True)
    Page.objects.create(slug=Page.Slug.ACCESSIBILITY, title="Prieinamumo deklaracija")
    published = PriceList.objects.create(
        title="Kainoraštis", decisions="T-1", status=PriceList.Status.PUBLISHED,
        effective_from=dt.date(2026, 1, 1), published_at=timezone.now(),
    )  # fmt: skip
    draft = PriceList.objects.create(title="Juodraštis", decisions="T-2")
    return {"upcoming": upcoming, "past": past, "cancelled": cancelled, "published": published, "draft": draft}


def entries(client) -> dict[str, dict[str, str]]:
    """Each <loc> of the sitemap with its alternates: {loc: {hreflang: href}}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)
    found = defaultdict(dict)
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        for link in url.findall("x:link", NS):
            assert link.get("rel") == "alternate"
            found[loc][link.get("hreflang")] = link.get("href")
    return dict(found)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "services/",
        "services/kopijavimas/",
        "e-services/",
        "e-services/e-valdzia/",
        "events/",
        "branches/",
        "branches/rusne/",
        "about/principles/",
        "about/accessibility/",
        "prices/",
        "prices/quote/",
        "feedback/",
        "surveys/",
        "news/",
        "rooms/",
    ],
)
def test_every_public_page_is_listed_in_every_language_with_its_alternates(client, content, path):
    found = entries(client)
    expected = {lang: f"{SITE}/{lang}/{path}" for lang in LANGS} | {"x-default": f"{SITE}/{path}"}
    for lang in LANGS:
        assert found[f"{SITE}/{lang}/{path}"] == expected, (lang, path)


def test_events_and_price_lists_are_listed_by_their_own_address(client, content):
    found = entries(client)
    assert f"{SITE}/fi/events/{content['upcoming'].pk}/" in found
    assert f"{SITE}/bg/prices/{content['published'].pk}/" in found
    assert found[f"{SITE}/en/prices/{content['published'].pk}/"]["x-default"] == (
        f"{SITE}/prices/{content['published'].pk}/"
    )


def test_hidden_ended_cancelled_draft_and_personal_pages_are_not_listed(client, content):
    locations = " ".join(entries(client))
    for hidden in (
        "juodrastis",
        "paslepta",
        f"/events/{content['past'].pk}/",
        f"/events/{content['cancelled'].pk}/",
        f"/prices/{content['draft'].pk}/",
        "/about/privacy/",  # not written yet: the page would be a 404
        "/account/",
        "/ill/",
        "/embed/",
        "/admin/",
    ):
        assert hidden not in locations, hidden


def test_the_address_without_a_language_sends_a_visitor_to_their_own(client, content):
    response = client.get("/branches/rusne/", headers={"accept-language": "fi"})
    assert (response.status_code, response["Location"]) == (302, "/fi/branches/rusne/")


def test_the_sitemap_needs_a_fixed_number_of_queries_and_none_from_the_cache(
    client, content, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(5):
        BranchFactory(slug=f"kitas-{n}")
        ServiceFactory(slug=f"paslauga-{n}")
    # Pages, branches, services, e-services, events, price lists, news, rooms, and when the first event ends and
    # the news next change.
    with django_assert_max_num_queries(10):
        first = client.get("/sitemap.xml")
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").content == first.content


def test_a_new_branch_reaches_the_cached_sitemap_when_the_branches_change(client, content):
    entries(client)
    BranchFactory(slug="kintai")
    bump(Namespace.BRANCHES)
    assert f"{SITE}/lt/branches/kintai/" in entries(client)


@pytest.mark.parametrize("query", ["?p=2", "?p=abc", "?p=0"])
def test_a_page_of_the_sitemap_that_does_not_exist_is_not_found(client, content, query):
    assert client.get(f"/sitemap.xml{query}").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_back_office(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines == ["User-agent: *", "Disallow: /admin/", "Sitemap: http://testserver/sitemap.xml"]


def test_public_articles_and_rooms_are_listed_and_a_scheduled_article_enters_the_cached_sitemap_on_time(
    client, content
):
    now = timezone.now().replace(microsecond=0)
    ArticleFactory(slug="vasaros-skaitymai")
    ArticleFactory(slug="juodrastis-naujiena", status="draft")
    ArticleFactory(slug="baigesi", publish_at=now - dt.timedelta(days=2), expires_at=now - dt.timedelta(days=1))
    ArticleFactory(slug="rytoj", publish_at=now + dt.timedelta(seconds=30))
    RoomFactory(slug="tilzes-12-sale")
    with time_machine.travel(now, tick=False) as clock:
        found = entries(client)
        # The copy cached here must not outlive the scheduled article's publication.
        clock.move_to(now + dt.timedelta(seconds=30))
        assert f"{SITE}/lt/news/rytoj/" in entries(client)
    assert found[f"{SITE}/bg/news/vasaros-skaitymai/"]["fi"] == f"{SITE}/fi/news/vasaros-skaitymai/"
    assert found[f"{SITE}/en/rooms/tilzes-12-sale/"]["x-default"] == f"{SITE}/rooms/tilzes-12-sale/"
    locations = " ".join(found)
    for hidden in ("juodrastis-naujiena", "baigesi", "rytoj"):
        assert hidden not in locations, hidden
