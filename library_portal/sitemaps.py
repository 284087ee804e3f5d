"""The sitemap (`/sitemap.xml`): every public page in every language, each with its `hreflang` alternates and an
`x-default` (the address without a language, which sends a visitor to their own).

One class per kind of page, listed in SITEMAPS: a new kind of public page adds its class there.
Each class costs one query at most. Pages that are a visitor's own (an account, a request, a tracking link),
forms behind a log-in, staff pages and the opening-hours widget (made for other sites' frames) are not listed.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.selectors import public_articles
from pricing.models import PriceList
from pricing.selectors import public_versions
from rooms.models import Room
from services.models import Branch, EService, Event, Page, Service
from services.selectors import published_eservices, published_services, upcoming_events


class PortalSitemap(Sitemap):
    """Every address in each of the portal's languages, with the others as alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PortalSitemap):
    """The pages that exist whatever the data: the home page, the lists, the forms anyone may fill in."""

    URL_NAMES = (
        "home",
        "services:service_list",
        "services:eservice_list",
        "services:event_list",
        "services:branch_list",
        "services:principles",
        "news:list",
        "rooms:list",
        "pricing:current",
        "pricing:quote",
        "feedback:form",
        "feedback:answered",
        "feedback:survey_list",
    )

    def items(self) -> list[str]:
        return list(self.URL_NAMES)

    def location(self, item: str) -> str:
        return reverse(item)


class ContentPagesSitemap(PortalSitemap):
    """The accessibility statement and the privacy notice, once written in the admin (the principles' page is
    always there: StaticPagesSitemap)."""

    URL_NAMES = {Page.Slug.ACCESSIBILITY: "services:accessibility", Page.Slug.PRIVACY: "services:privacy"}

    def items(self) -> QuerySet[Page]:
        return Page.objects.filter(slug__in=list(self.URL_NAMES)).only("slug").order_by("slug")

    def location(self, item: Page) -> str:
        return reverse(self.URL_NAMES[item.slug])


class BranchSitemap(PortalSitemap):
    def items(self) -> QuerySet[Branch]:
        return Branch.objects.only("slug").order_by("order", "pk")


class ServiceSitemap(PortalSitemap):
    def items(self) -> QuerySet[Service]:
        return published_services().select_related(None).only("slug").order_by("order", "pk")


class EServiceSitemap(PortalSitemap):
    def items(self) -> QuerySet[EService]:
        return published_eservices().only("slug").order_by("order", "pk")


class EventSitemap(PortalSitemap):
    """Events to come (not cancelled, not ended): a past event's page stays, but is no longer worth a visit."""

    def items(self) -> QuerySet[Event]:
        return upcoming_events().select_related(None).only("pk")


class PriceListSitemap(PortalSitemap):
    """Every published version of the price list (in force, past, upcoming); the list in force is `pricing:current`."""

    def items(self) -> QuerySet[PriceList]:
        return public_versions().only("pk")


class NewsSitemap(PortalSitemap):
    """The articles public now (published, not expired); the sitemap's cached copy lasts until the next publication
    or expiry (library_portal.views.sitemap_xml)."""

    def items(self) -> QuerySet[Article]:
        return public_articles(now=timezone.now()).select_related(None).only("slug")


class RoomSitemap(PortalSitemap):
    """Every room's page: its week of free and taken times and prices (also of a room booked by phone only)."""

    def items(self) -> QuerySet[Room]:
        return Room.objects.only("slug").order_by("order", "pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "content": ContentPagesSitemap,
    "branches": BranchSitemap,
    "services": ServiceSitemap,
    "e-services": EServiceSitemap,
    "events": EventSitemap,
    "price-lists": PriceListSitemap,
    "news": NewsSitemap,
    "rooms": RoomSitemap,
}
