"""Reads of the services app that are more than a one-line query."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from services.models import (
    Branch,
    HoursKind,
    Library,
    OpeningException,
    OpeningHours,
    Page,
    Principle,
    Service,
    ServiceCategory,
)
from services.opening import DayStatus, day_status

SEARCH_MAX_LENGTH = 100


def portal_library() -> Library | None:
    """The library this portal serves, or None before one is set up in the admin."""
    return Library.objects.filter(is_portal_library=True).first()


def library_zone(library: Library | None) -> ZoneInfo:
    return ZoneInfo(library.time_zone if library else settings.TIME_ZONE)


def library_today(zone: ZoneInfo, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(zone).date()


def branches_with_hours(*, today: dt.date, days_ahead: int = 1) -> QuerySet[Branch]:
    """Branches with their weekly hours and the exceptions from yesterday to `days_ahead`, in two extra queries."""
    exceptions = OpeningException.objects.filter(
        date__range=(today - dt.timedelta(days=1), today + dt.timedelta(days=days_ahead))
    )
    return Branch.objects.prefetch_related(
        "opening_hours", Prefetch("opening_exceptions", queryset=exceptions, to_attr="near_exceptions")
    )


@dataclass(frozen=True)
class BranchStatus:
    branch: Branch
    statuses: list[DayStatus]

    @property
    def main(self) -> DayStatus | None:
        return self.statuses[0] if self.statuses else None


def branch_status(branch: Branch, *, now: dt.datetime, zone: ZoneInfo) -> BranchStatus:
    """Open now / today's hours of every kind of service the branch has, staffed first."""
    weekly = list(branch.opening_hours.all())
    exceptions = branch.near_exceptions
    kinds = [
        kind
        for kind in HoursKind.values
        if any(h.kind == kind for h in weekly) or any(e.kind == kind for e in exceptions)
    ]
    return BranchStatus(branch, [day_status(now, zone, kind, weekly, exceptions) for kind in kinds])


def branch_statuses(*, only: Q | None = None) -> list[BranchStatus]:
    """Every branch (or those matching `only`) with its status now, in the library's time zone."""
    zone = library_zone(portal_library())
    now = timezone.now()
    branches = branches_with_hours(today=library_today(zone, now))
    if only is not None:
        branches = branches.filter(only)
    return [branch_status(branch, now=now, zone=zone) for branch in branches]


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True).select_related("category")


def search_services(query: str) -> QuerySet[Service]:
    """Services whose title or summary in the current language (or in Lithuanian where the
    translation is empty) contains every word of the query."""
    services = published_services()
    words = query[:SEARCH_MAX_LENGTH].split()[:10]
    lang = get_language() or settings.LANGUAGE_CODE
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    for word in words:
        condition = Q(**{f"title_{lang}__icontains": word}) | Q(**{f"summary_{lang}__icontains": word})
        if lang != default:
            condition |= (Q(**{f"title_{lang}__isnull": True}) | Q(**{f"title_{lang}": ""})) & Q(
                **{f"title_{default}__icontains": word}
            )
            condition |= (Q(**{f"summary_{lang}__isnull": True}) | Q(**{f"summary_{lang}": ""})) & Q(
                **{f"summary_{default}__icontains": word}
            )
        services = services.filter(condition)
    return services


def ordered_for_listing(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.order_by("category__order", "category_id", "order", "title")


def categories_with_services(services: Iterable[Service]) -> list[tuple[ServiceCategory, list[Service]]]:
    """Group services, already ordered by category (`ordered_for_listing`), keeping that order."""
    groups: dict[int, tuple[ServiceCategory, list[Service]]] = {}
    for service in services:
        groups.setdefault(service.category_id, (service.category, []))[1].append(service)
    return list(groups.values())


# Everything the public catalogue pages show; their cached copies key on these tables.
CATALOGUE_MODELS = (
    Library,
    Branch,
    OpeningHours,
    OpeningException,
    ServiceCategory,
    Service,
    Service.branches.through,
    Principle,
    Page,
)
