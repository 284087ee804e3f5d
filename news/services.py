"""Writes with rules of news and notices. Each bumps the namespace of what it changed (news, notices), so the next
anonymous page on every host shows the change; what changes by itself with time (a publication or an expiry
coming, a notice starting or ending) needs no write: the pages ask with the current time and are cached only until
the next such moment (news.selectors, news.notices)."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import User
from library_portal.transitions import transition
from news.models import Article, Notice
from search.services import search_index_update, search_index_update_rows
from services.models import Branch

IMAGE_ALT_MISSING = gettext_lazy(
    "Describe the image in Lithuanian (its text alternative), for those who cannot see it, or remove the image."
)
EXPIRY_NOT_AFTER_PUBLICATION = gettext_lazy("The expiry must come after the publication.")
SLUG_TAKEN_BY_FEED = gettext_lazy("This address is the news feed's: choose another.")
# /<lang>/news/feed/ is the feed's address, so no article can have it.
RESERVED_SLUGS = {"feed"}
NOTICE_END_MISSING = gettext_lazy("Give the end of the notice: it disappears by itself then.")
NOTICE_START_MISSING = gettext_lazy("Give the start of the notice.")
NOTICE_END_NOT_AFTER_START = gettext_lazy("The end of the notice must come after its start.")


def article_check(
    *, slug: str, has_image: bool, image_alt: str, publish_at: dt.datetime | None, expires_at: dt.datetime | None
) -> None:
    """The rules of an article's content, for the services below and the admin's form (which shows the error by
    its field before anything is saved). `image_alt` is the Lithuanian text alternative, which every other language
    falls back to.

    Raises DomainError with field "slug" (the feed's address), "image_alt_lt" (an image without its text
    alternative) or "expires_at" (an expiry not after the publication)."""
    if slug in RESERVED_SLUGS:
        raise DomainError(SLUG_TAKEN_BY_FEED, code="slug_reserved", field="slug")
    if has_image and not (image_alt or "").strip():
        raise DomainError(IMAGE_ALT_MISSING, code="image_alt_missing", field="image_alt_lt")
    if expires_at is not None and publish_at is not None and expires_at <= publish_at:
        raise DomainError(EXPIRY_NOT_AFTER_PUBLICATION, code="expiry_not_after_publication", field="expires_at")


def _check(article: Article) -> None:
    article_check(
        slug=article.slug,
        has_image=bool(article.image),
        image_alt=article.image_alt_lt,
        publish_at=article.publish_at,
        expires_at=article.expires_at,
    )


def article_save(*, article: Article) -> Article:
    """Create an article (a draft) or save an edit of one; its status moves only by `article_publish` and
    `article_withdraw`. An edit of a published article shows at once. Raises DomainError (see `article_check`)."""
    _check(article)
    with transaction.atomic():
        if article.pk is None:
            article.status = Article.Status.DRAFT
        else:
            # The status read when the form opened must not undo a publication made since.
            article.status = Article.objects.values_list("status", flat=True).get(pk=article.pk)
        article.save()
        search_index_update(obj=article)
        bump(Namespace.NEWS)
    return article


def article_publish(*, article: Article, actor: User | None = None) -> Article:
    """Publish an article: it is public from its `publish_at` on (at once when that has passed, by itself at that
    moment when it is ahead: scheduled) until its `expires_at`. Raises DomainError (illegal_move, 409) when it is
    already published, or the errors of `article_check`."""
    _check(article)
    transition(
        article,
        Article.Status.PUBLISHED,
        table=Article.TRANSITIONS,
        history=article.changes,
        refused=gettext_lazy("This article cannot change from “%(from)s” to “%(to)s”."),
        actor=actor,
    )
    search_index_update(obj=article)  # found from its publish_at, a moment the search asks with the time
    bump(Namespace.NEWS)
    return article


def article_withdraw(*, article: Article, actor: User | None = None, note: str = "") -> Article:
    """Take a published article back to draft: it leaves the site at once. Raises DomainError (illegal_move, 409)
    when it is not published."""
    transition(
        article,
        Article.Status.DRAFT,
        table=Article.TRANSITIONS,
        history=article.changes,
        refused=gettext_lazy("This article cannot change from “%(from)s” to “%(to)s”."),
        actor=actor,
        note=note,
    )
    search_index_update(obj=article)  # a draft is not found
    bump(Namespace.NEWS)
    return article


def article_delete(*, article: Article) -> None:
    """Delete an article and its history (the back office lets only managers do it)."""
    pk = article.pk
    with transaction.atomic():
        article.delete()
        search_index_update_rows(model=Article, pks=[pk])
    bump(Namespace.NEWS)


def notice_check(*, starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    """The rules of a notice's time: both ends given, the end after the start. Raises DomainError with field
    "starts_at" or "ends_at"."""
    if starts_at is None:
        raise DomainError(NOTICE_START_MISSING, code="notice_start_missing", field="starts_at")
    if ends_at is None:
        raise DomainError(NOTICE_END_MISSING, code="notice_end_missing", field="ends_at")
    if ends_at <= starts_at:
        raise DomainError(NOTICE_END_NOT_AFTER_START, code="notice_end_not_after_start", field="ends_at")


def notice_save(*, notice: Notice, branches: Iterable[Branch] | None = None) -> Notice:
    """Create or change a notice and, when given, the branches it is for (none: the whole library). It shows from
    `starts_at` until `ends_at` by itself. Raises DomainError (see `notice_check`)."""
    notice_check(starts_at=notice.starts_at, ends_at=notice.ends_at)
    with transaction.atomic():
        notice.save()
        if branches is not None:
            notice.branches.set(branches)
        bump(Namespace.NOTICES)
    return notice


def notice_delete(*, notice: Notice) -> None:
    """Delete a notice: its banner goes at once (the back office lets only managers do it)."""
    notice.delete()
    bump(Namespace.NOTICES)
