"""Scheduled publication and expiry with no job and no stale cache: on a pinned clock moved forward, with the shared
cache (Redis under `make test`) in place, an article appears on every page that lists it at its `publish_at` and
leaves at its `expires_at`, whether the page was cached whole (anonymous) or its body was (logged in)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from library_portal.caching import _request_key
from news.models import Article
from news.services import article_publish, article_save
from tests.factories import ArticleFactory, BranchFactory, LibraryFactory

# A fixed instant, 20 s into a minute: the article is due a minute later.
NOW = dt.datetime(2026, 6, 15, 10, 0, 20, tzinfo=dt.UTC)
DUE = NOW + dt.timedelta(minutes=1)
TITLE = "Насрочена новина"


@pytest.fixture
def branch(db):
    LibraryFactory()
    return BranchFactory(slug="rusne")


PAGES = ["/bg/news/", "/bg/news/?branch=rusne", "/bg/", "/bg/branches/rusne/", "/bg/news/feed/", "/bg/news/feed/rusne/"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
@pytest.mark.parametrize("path", PAGES)
def test_a_scheduled_article_appears_by_itself_at_its_publication(client, patron, branch, logged_in, path):
    if logged_in:
        client.force_login(patron)
    with time_machine.travel(NOW, tick=False) as clock:
        ArticleFactory(title_bg=TITLE, publish_at=DUE, branch=branch)
        first = client.get(path).content.decode()
        assert TITLE not in first
        clock.move_to(DUE - dt.timedelta(seconds=1))
        again = client.get(path).content.decode()
        assert TITLE not in again
        assert logged_in or again == first  # anonymous: the cached copy itself
        clock.move_to(DUE)
        assert TITLE in client.get(path).content.decode()


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
@pytest.mark.parametrize("path", PAGES)
def test_an_article_leaves_the_lists_by_itself_at_its_expiry(client, patron, branch, logged_in, path):
    if logged_in:
        client.force_login(patron)
    with time_machine.travel(NOW, tick=False) as clock:
        ArticleFactory(title_bg=TITLE, publish_at=NOW - dt.timedelta(days=1), expires_at=DUE, branch=branch)
        assert TITLE in client.get(path).content.decode()
        clock.move_to(DUE - dt.timedelta(seconds=1))
        assert TITLE in client.get(path).content.decode()
        clock.move_to(DUE)
        assert TITLE not in client.get(path).content.decode()


def test_an_expired_articles_own_page_goes_at_its_expiry_even_when_cached(client, branch):
    with time_machine.travel(NOW, tick=False) as clock:
        article = ArticleFactory(publish_at=NOW - dt.timedelta(days=1), expires_at=DUE)
        assert client.get(f"/bg/news/{article.slug}/").status_code == 200
        clock.move_to(DUE)
        assert client.get(f"/bg/news/{article.slug}/").status_code == 404


@pytest.mark.skipif(not settings.REDIS_URL, reason="reads the entry's time to live in Redis")
def test_the_cached_news_page_lives_in_redis_no_longer_than_until_the_next_publication(client, branch):
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(publish_at=DUE)
        client.get("/bg/news/")
        key = cache.make_and_validate_key(_request_key("page", RequestFactory().get("/bg/news/")))
        ttl = cache._cache.get_client(key).ttl(key)
    assert 0 < ttl <= 60


def test_publishing_an_article_due_already_shows_it_at_once_on_cached_pages(client, branch, librarian):
    article = article_save(article=ArticleFactory.build(title_bg=TITLE, status=Article.Status.DRAFT))
    for path in PAGES:
        assert TITLE not in client.get(path).content.decode()
    article_publish(article=article, actor=librarian)
    for path in PAGES:
        assert TITLE in client.get(path).content.decode(), path


def test_an_edit_of_a_published_article_shows_at_once_on_its_cached_page(client, branch):
    article = ArticleFactory(title_bg="Старо заглавие")
    assert "Старо заглавие" in client.get(f"/bg/news/{article.slug}/").content.decode()
    article.title_bg = "Ново заглавие"
    article_save(article=article)
    assert "Ново заглавие" in client.get(f"/bg/news/{article.slug}/").content.decode()
