"""Reads of the services app that are more than a one-line query."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower, TruncMonth
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from library_portal.caching import PORTAL_LIBRARY_KEY, Namespace, namespaced
from services.models import (
    Branch,
    Consultation,
    EService,
    EServicePlace,
    Event,
    HoursKind,
    Library,
    OpeningException,
    Partner,
    Registration,
    Service,
    ServiceCategory,
)
from services.opening import DayStatus, HoursDay, LiveState, day_status, hours_days, live_state, next_change


def portal_library(request: HttpRequest | None = None) -> Library | None:
    """The library this portal serves, or None before one is set up in the admin.

    Every page shows it in its header and footer: read through the shared cache until the branches' namespace
    (libraries included) is bumped, which saved one query of the three a logged-in page otherwise needs
    (bench/run.py, the pages "(in)"). With the page's `request`, as `cached_body` read it along with the body."""
    return namespaced(
        PORTAL_LIBRARY_KEY,
        [Namespace.BRANCHES],
        lambda: Library.objects.filter(is_portal_library=True).first(),
        request=request,
    )


def library_zone(library: Library | None) -> ZoneInfo:
    return ZoneInfo(library.time_zone if library else settings.TIME_ZONE)


def library_today(zone: ZoneInfo, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(zone).date()


def branches_with_hours(*, today: dt.date, days_ahead: int = 1, days_back: int = 1) -> QuerySet[Branch]:
    """Branches with their weekly hours and the exceptions from `days_back` (yesterday) to `days_ahead` in
    `near_exceptions`, in two extra queries."""
    exceptions = OpeningException.objects.filter(
        date__range=(today - dt.timedelta(days=days_back), today + dt.timedelta(days=days_ahead))
    )
    return Branch.objects.prefetch_related(
        "opening_hours", Prefetch("opening_exceptions", queryset=exceptions, to_attr="near_exceptions")
    )


@dataclass(frozen=True)
class BranchStatus:
    branch: Branch
    statuses: list[DayStatus]
    # When these statuses stop being right (an opening, a closing, midnight): a page showing them is cached until then.
    changes_at: dt.datetime

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
    statuses = [day_status(now, zone, kind, weekly, exceptions) for kind in kinds]
    midnight = next_change(DayStatus("", False, [], None, None, ""), now, zone)
    return BranchStatus(branch, statuses, min((next_change(day, now, zone) for day in statuses), default=midnight))


def weekly_hours(status: BranchStatus) -> list[dict]:
    """The branch's weekly pattern per kind of service it has (staffed first), day by day:
    [{"kind": "staffed", "days": [{"weekday": 0, "intervals": [(opens, closes), ...]}, ...]}, ...]."""
    weekly = list(status.branch.opening_hours.all())
    return [
        {
            "kind": day.kind,
            "days": [
                {
                    "weekday": weekday,
                    "intervals": sorted(
                        (h.opens, h.closes) for h in weekly if h.kind == day.kind and h.weekday == weekday
                    ),
                }
                for weekday in range(7)
            ],
        }
        for day in status.statuses
    ]


def branch_statuses(*, only: Q | None = None) -> list[BranchStatus]:
    """Every branch (or those matching `only`) with its status now, in the library's time zone."""
    zone = library_zone(portal_library())
    now = timezone.now()
    branches = branches_with_hours(today=library_today(zone, now))
    if only is not None:
        branches = branches.filter(only)
    return [branch_status(branch, now=now, zone=zone) for branch in branches]


# How far ahead the state of a branch looks for its next opening: a branch closed for longer says only "closed".
LIVE_HORIZON_DAYS = 31


def branch_hours_days(*, branch: Branch, first: dt.date, last: dt.date) -> list[HoursDay]:
    """The branch's hours of every kind on each date from `first` to `last`, exceptions applied; two queries."""
    exceptions = branch.opening_exceptions.filter(date__range=(first, last))
    return hours_days(first, last, HoursKind.values, branch.opening_hours.all(), exceptions)


def branch_live(branch: Branch, *, now: dt.datetime, zone: ZoneInfo) -> LiveState:
    """The state of a branch from `branches_with_hours(days_ahead=LIVE_HORIZON_DAYS)` at `now`."""
    return live_state(now, zone, branch.opening_hours.all(), branch.near_exceptions, horizon_days=LIVE_HORIZON_DAYS)


def branches_live(*, now: dt.datetime) -> tuple[ZoneInfo, list[tuple[Branch, LiveState]]]:
    """Every branch with its state at `now` (closed, staffed, self-service) and until when, in the library's time
    zone (returned too); three queries (the library comes from the shared cache)."""
    zone = library_zone(portal_library())
    branches = branches_with_hours(today=library_today(zone, now), days_ahead=LIVE_HORIZON_DAYS)
    return zone, [(branch, branch_live(branch, now=now, zone=zone)) for branch in branches]


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True).select_related("category")


def ordered_for_listing(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.order_by("category__order", "category_id", "order", "title")


def categories_with_services(services: Iterable[Service]) -> list[tuple[ServiceCategory, list[Service]]]:
    """Group services, already ordered by category (`ordered_for_listing`), keeping that order."""
    groups: dict[int, tuple[ServiceCategory, list[Service]]] = {}
    for service in services:
        groups.setdefault(service.category_id, (service.category, []))[1].append(service)
    return list(groups.values())


# Partner e-services ------------------------------------------------------------------------------


def published_eservices() -> QuerySet[EService]:
    return EService.objects.filter(is_published=True)


def eservices_for_listing(*, area: str = "", branch: Branch | None = None) -> QuerySet[EService]:
    eservices = published_eservices()
    if area:
        eservices = eservices.filter(area=area)
    if branch is not None:
        eservices = eservices.filter(places__branch=branch).distinct()
    return eservices.prefetch_related("partners").order_by("order", "title")


def eservice_places(eservice: EService) -> tuple[list[tuple[BranchStatus, list[EServicePlace], list]], list]:
    """Our branches offering the e-service, each with its status now, the ways it offers it and its
    weekly hours; and the other libraries offering it."""
    places = list(eservice.places.select_related("branch", "library").order_by("branch__order", "library__name"))
    ours: dict[int, list[EServicePlace]] = {}
    for place in places:
        if place.branch_id:
            ours.setdefault(place.branch_id, []).append(place)
    statuses = {s.branch.pk: s for s in branch_statuses(only=Q(pk__in=list(ours)))}
    return (
        [(statuses[pk], ways, weekly_hours(statuses[pk])) for pk, ways in ours.items() if pk in statuses],
        [p for p in places if p.library_id],
    )


def upcoming_events(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Events not cancelled that have not ended yet, soonest first."""
    return (
        Event.objects.filter(is_cancelled=False, ends_at__gt=now or timezone.now())
        .select_related("branch", "eservice", "partner")
        .order_by("starts_at", "pk")
    )


def next_events(*, after: dt.datetime, branch: Branch | None = None, limit: int = 5) -> list[Event]:
    """The first `limit` events not cancelled that start after `after`, soonest first; one query. A page that
    shows them is cached until the first of them starts (`library_portal.caching.expire_page_at`)."""
    events = Event.objects.filter(is_cancelled=False, starts_at__gt=after)
    if branch is not None:
        events = events.filter(branch=branch)
    return list(events.select_related("branch", "eservice").order_by("starts_at", "pk")[:limit])


def upcoming_events_change_at(*, now: dt.datetime) -> dt.datetime | None:
    """When the first upcoming event ends and leaves the lists of `upcoming_events`; one query."""
    return Event.objects.filter(is_cancelled=False, ends_at__gt=now).aggregate(first=Min("ends_at"))["first"]


def patron_registrations(
    *, user, now: dt.datetime, past_limit: int = 5
) -> tuple[list[Registration], list[Registration]]:
    """A patron's registrations: for events still ahead (soonest first) and the latest `past_limit` of events that
    have begun (latest first); two queries.

    A registration belongs to the account whose address it was made with: an account opens only once its
    address is confirmed, so nobody sees another person's registrations this way, and registrations made
    before logging in or by staff at the desk with that address are included.
    """
    if not user.email:
        return [], []
    mine = (
        Registration.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=user.email.lower())
        .select_related("event__branch")
    )
    upcoming = list(mine.filter(event__starts_at__gt=now).order_by("event__starts_at", "pk"))
    past = list(mine.filter(event__starts_at__lte=now).order_by("-event__starts_at", "-pk")[:past_limit])
    return upcoming, past


def registration_closed_reason(event: Event, *, now: dt.datetime) -> str | None:
    """Why nobody can register for `event` now (a translated sentence), or None when registration is open."""
    if event.is_cancelled:
        return gettext_lazy("This event is cancelled.")
    if event.starts_at <= now:
        return gettext_lazy("This event has already taken place; registration is closed.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return gettext_lazy("Registration has not opened yet.")
    if event.registration_closes_at and now >= event.registration_closes_at:
        return gettext_lazy("Registration for this event has closed.")
    return None


# Statistics --------------------------------------------------------------------------------------


@dataclass
class StatRow:
    key: object
    label: str
    consultations: int = 0
    people: int = 0
    minutes: int = 0
    registrations: int = 0
    attended: int = 0


@dataclass
class StatsReport:
    date_from: dt.date
    date_to: dt.date
    by_month: list[StatRow]
    by_branch: list[StatRow]
    by_eservice: list[StatRow]
    by_partner: list[StatRow]
    total: StatRow

    def sections(self) -> list[tuple[str, list[StatRow]]]:
        return [
            ("month", self.by_month),
            ("branch", self.by_branch),
            ("eservice", self.by_eservice),
            ("partner", self.by_partner),
        ]


def _merge(rows: dict, key, label: str, **values) -> None:
    row = rows.setdefault(key, StatRow(key=key, label=label))
    for name, value in values.items():
        setattr(row, name, getattr(row, name) + (value or 0))


def service_statistics(
    *,
    date_from: dt.date,
    date_to: dt.date,
    branch: Branch | None = None,
    eservice: EService | None = None,
    partner: Partner | None = None,
) -> StatsReport:
    """Consultations (entries, people, minutes) and event registrations (confirmed, attended) from
    `date_from` to `date_to` inclusive, per month, branch, e-service and partner.

    Events count on the day they start, in the library's time zone. A consultation counts for every
    partner of its e-service; an event for its own partner, or else for its e-service's partners.
    """
    # Every date lookup and month below is in the library's zone, not the server's.
    with timezone.override(library_zone(portal_library())):
        return _statistics(date_from=date_from, date_to=date_to, branch=branch, eservice=eservice, partner=partner)


def _statistics(*, date_from, date_to, branch, eservice, partner) -> StatsReport:  # noqa: C901 - each optional filter (branch, e-service, partner) applied to each source of the report
    zone = timezone.get_current_timezone()
    consultations = Consultation.objects.filter(date__range=(date_from, date_to))
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        event__starts_at__date__range=(date_from, date_to),
    )
    if branch is not None:
        consultations = consultations.filter(branch=branch)
        registrations = registrations.filter(event__branch=branch)
    if eservice is not None:
        consultations = consultations.filter(eservice=eservice)
        registrations = registrations.filter(event__eservice=eservice)
    if partner is not None:
        consultations = consultations.filter(eservice__partners=partner)
        registrations = registrations.filter(
            Q(event__partner=partner) | Q(event__partner__isnull=True, event__eservice__partners=partner)
        )
    consultation_sums = {"consultations": Count("id"), "people": Sum("people"), "minutes": Sum("minutes")}
    registration_sums = {"registrations": Count("id"), "attended": Count("id", filter=Q(attended=True))}

    branches = {b.pk: b.name for b in Branch.objects.all()}
    eservices = {e.pk: e.title for e in EService.objects.all()}
    partners = {p.pk: p.name for p in Partner.objects.all()}
    unknown = str(gettext_lazy("(none)"))

    by_month: dict = {}
    for row in consultations.annotate(month=TruncMonth("date")).values("month").annotate(**consultation_sums):
        key = row.pop("month")
        _merge(by_month, (key.year, key.month), f"{key.year}-{key.month:02d}", **row)
    for row in (
        registrations.annotate(month=TruncMonth("event__starts_at", tzinfo=zone))
        .values("month")
        .annotate(**registration_sums)
    ):
        key = row.pop("month")
        _merge(by_month, (key.year, key.month), f"{key.year}-{key.month:02d}", **row)

    def grouped(consultation_key: str, registration_key: str, labels: dict) -> list[StatRow]:
        rows: dict = {}
        for row in consultations.values(consultation_key).annotate(**consultation_sums):
            key = row.pop(consultation_key)
            _merge(rows, key, labels.get(key, unknown), **row)
        for row in registrations.values(registration_key).annotate(**registration_sums):
            key = row.pop(registration_key)
            _merge(rows, key, labels.get(key, unknown), **row)
        return sorted(rows.values(), key=lambda r: (r.key is None, r.label))

    by_partner: dict = {}
    for row in consultations.values("eservice__partners").annotate(**consultation_sums):
        key = row.pop("eservice__partners")
        _merge(by_partner, key, partners.get(key, unknown), **row)
    for queryset, field in (
        (registrations.filter(event__partner__isnull=False), "event__partner"),
        (registrations.filter(event__partner__isnull=True), "event__eservice__partners"),
    ):
        for row in queryset.values(field).annotate(**registration_sums):
            key = row.pop(field)
            _merge(by_partner, key, partners.get(key, unknown), **row)

    total = StatRow(key=None, label=str(gettext_lazy("Total")))
    for row in consultations.aggregate(**consultation_sums), registrations.aggregate(**registration_sums):
        _merge({None: total}, None, "", **row)
    return StatsReport(
        date_from=date_from,
        date_to=date_to,
        by_month=[by_month[k] for k in sorted(by_month)],
        by_branch=grouped("branch", "event__branch", branches),
        by_eservice=grouped("eservice", "event__eservice", eservices),
        by_partner=sorted(by_partner.values(), key=lambda r: (r.key is None, r.label)),
        total=total,
    )
