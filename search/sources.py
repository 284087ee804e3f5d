"""What the site search finds: for each kind of entry, the model, its public rows, its text and its address.

`search.services` reads the rows through these sources and writes their entries. A row that a source's `public`
leaves out (an unpublished service, a cancelled event, the items of a draft price list) has no entry.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import reverse

from news.models import Article
from pricing.models import PriceItem, PriceList
from search.models import Kind
from services.models import Branch, EService, Event, OnlineResource, Page, Principle, Service
from services.selectors import library_zone, portal_library

Window = tuple[dt.datetime | None, dt.datetime | None]


def _always(_obj: Any) -> Window:
    return None, None


def _no_date(_obj: Any) -> dt.datetime | None:
    return None


def _no_extra(_obj: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class Source:
    """One kind of entry.

    `title` and `texts` are translated fields (modeltranslation's `<field>_<lang>` columns are read); `plain` are
    fields without translations, taken as they are (a branch's address). `url`, `rendered` (text rendered from codes,
    such as a price item's section) and `date` are called inside `translation.override` of the reader's language.
    `window` gives the moments from and until which the row may be found; `date` the date shown beside it.
    """

    kind: Kind
    model: type[models.Model]
    title: str
    texts: tuple[str, ...]
    public: Callable[[], models.QuerySet]
    url: Callable[[Any], str]
    plain: tuple[str, ...] = ()
    rendered: Callable[[Any], list[str]] = _no_extra
    window: Callable[[Any], Window] = _always
    date: Callable[[Any], dt.datetime | None] = _no_date
    # Kinds whose rows hang off this one's and are indexed again with it: (kind, the child's foreign key).
    children: tuple[tuple[Kind, str], ...] = field(default=())


def _page_url(page: Page) -> str:
    if page.slug == Page.Slug.PRINCIPLES:
        return reverse("services:principles")
    return reverse(f"services:{page.slug}")


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the library's time zone: a price list comes into force then."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=library_zone(portal_library()))


def _price_list_window(item: PriceItem) -> Window:
    price_list = item.price_list
    until = price_list.effective_until
    return (
        _day_start(price_list.effective_from),
        _day_start(until + dt.timedelta(days=1)) if until is not None else None,
    )


def _price_item_extra(item: PriceItem) -> list[str]:
    return [str(item.get_section_display())]


SOURCES: dict[Kind, Source] = {
    source.kind: source
    for source in [
        Source(
            kind=Kind.SERVICE,
            model=Service,
            title="title",
            texts=("summary", "body"),
            public=lambda: Service.objects.filter(is_published=True),
            url=lambda service: service.get_absolute_url(),
        ),
        Source(
            kind=Kind.ESERVICE,
            model=EService,
            title="title",
            texts=("summary", "description", "what_you_can_do", "what_to_bring"),
            public=lambda: EService.objects.filter(is_published=True),
            url=lambda eservice: reverse("services:eservice_detail", kwargs={"slug": eservice.slug}),
            children=((Kind.RESOURCE, "eservice"),),
        ),
        Source(
            kind=Kind.RESOURCE,
            model=OnlineResource,
            title="title",
            texts=("description",),
            public=lambda: OnlineResource.objects.filter(eservice__is_published=True).select_related("eservice"),
            # The resource is listed on its e-service's page, which says what it is for.
            url=lambda resource: (
                reverse("services:eservice_detail", kwargs={"slug": resource.eservice.slug}) + "#resources-heading"
            ),
        ),
        Source(
            kind=Kind.EVENT,
            model=Event,
            title="title",
            texts=("description", "audience", "room"),
            public=lambda: Event.objects.filter(is_cancelled=False),
            url=lambda event: event.get_absolute_url(),
            # An event is found until it ends; its registration page says whether places are left.
            window=lambda event: (None, event.ends_at),
            date=lambda event: event.starts_at,
        ),
        Source(
            kind=Kind.NEWS,
            model=Article,
            title="title",
            texts=("summary", "body"),
            # Published articles, each found from its publication until its expiry: a scheduled article turns up
            # at its time by itself, as it does in the news lists (news.selectors.public_articles).
            public=lambda: Article.objects.filter(status=Article.Status.PUBLISHED),
            url=lambda article: article.get_absolute_url(),
            window=lambda article: (article.publish_at, article.expires_at),
            date=lambda article: article.publish_at,
        ),
        Source(
            kind=Kind.PAGE,
            model=Page,
            title="title",
            texts=("body",),
            public=Page.objects.all,
            url=_page_url,
        ),
        Source(
            kind=Kind.PRINCIPLE,
            model=Principle,
            title="title",
            texts=("body",),
            public=Principle.objects.all,
            url=lambda principle: reverse("services:principles") + f"#principle-{principle.number}",
        ),
        Source(
            kind=Kind.BRANCH,
            model=Branch,
            title="name",
            texts=("municipality", "accessibility_notes"),
            plain=("address",),
            public=Branch.objects.all,
            url=lambda branch: branch.get_absolute_url(),
        ),
        Source(
            kind=Kind.PRICE_ITEM,
            model=PriceItem,
            title="name",
            texts=("notes",),
            # The items of every published list: each is found while its list is in force (`window`), so an
            # upcoming list's prices turn up on the day it comes into force, with nothing to run then.
            public=lambda: PriceItem.objects.filter(price_list__status=PriceList.Status.PUBLISHED).select_related(
                "price_list"
            ),
            url=lambda item: reverse("pricing:current") + f"#section-{item.section}",
            rendered=_price_item_extra,
            window=_price_list_window,
        ),
    ]
}
SOURCES_BY_MODEL: dict[type[models.Model], Source] = {source.model: source for source in SOURCES.values()}
# Rows that are not found themselves but whose children are: a price list's items.
PARENTS: dict[type[models.Model], tuple[tuple[Kind, str], ...]] = {
    PriceList: ((Kind.PRICE_ITEM, "price_list"),),
    **{source.model: source.children for source in SOURCES.values() if source.children},
}
