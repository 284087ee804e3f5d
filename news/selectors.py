"""Reads of news: the articles public now, when that next changes by itself, and where a language falls back.

"Public now" is asked with the current time in the query (published, `publish_at` passed, `expires_at` not yet),
so an article appears and leaves by itself, with no job flipping a flag.

Why the cached pages stay right: a write (publishing, withdrawing, editing, deleting) bumps the news namespace, but
nothing runs at a publication or an expiry to bump it, as no job runs then. So every cached copy that shows news
(the news pages and feeds, the home page's and a branch page's) is also kept no longer than until the next such
moment ahead, `news_changes_at`: the cache's timeout is the seconds until then (Body.changes_at,
expire_page_at). A version counter alone would show a scheduled article up to PAGE_CACHE_SECONDS late; a timeout
alone would miss an edit. The price is one aggregate query when a page is built, none when it is served.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.utils.translation import get_language

from news.models import Article
from services.models import Branch

# The fields of an article shown in lists, and on its own page.
LIST_FIELDS = ("title", "summary")
PAGE_FIELDS = ("title", "summary", "body", "image_alt")


def _scope(articles: QuerySet[Article], branch: Branch | None) -> QuerySet[Article]:
    """A branch's news: its own and the whole library's."""
    if branch is None:
        return articles
    return articles.filter(Q(branch=branch) | Q(branch__isnull=True))


def public_articles(*, now: dt.datetime, branch: Branch | None = None) -> QuerySet[Article]:
    """The articles public at `now` (of `branch` and of the whole library, when a branch is given), newest first."""
    articles = Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__lte=now).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    return _scope(articles, branch).select_related("branch").order_by("-publish_at", "-pk")


def news_changes_at(*, now: dt.datetime, branch: Branch | None = None) -> dt.datetime | None:
    """When `public_articles(now=now, branch=branch)` next changes by itself: the next publication or expiry ahead
    of a published article; None when none is ahead. One query."""
    moments = _scope(Article.objects.filter(status=Article.Status.PUBLISHED), branch).aggregate(
        publication=Min("publish_at", filter=Q(publish_at__gt=now)),
        expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((moment for moment in moments.values() if moment is not None), default=None)


def fallback_fields(article: Article, fields: tuple[str, ...], language: str | None = None) -> frozenset[str]:
    """The fields of `article` that have no text in `language` (default: the current one) and are shown in
    Lithuanian instead; empty in Lithuanian itself."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return frozenset()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return frozenset(
        name
        for name in fields
        if not getattr(article, f"{name}_{language}", "") and getattr(article, f"{name}_{default}", "")
    )
