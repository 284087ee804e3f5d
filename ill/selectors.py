"""Reads of the interlibrary-loan app: the postage estimate, a patron's requests, duplicates."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Prefetch, QuerySet, Value, When

from ill.models import (
    IN_READING_ROOM,
    OPEN,
    WAITING_FOR_PATRON,
    CostLine,
    IllRequest,
    Kind,
    PostalTariff,
    Scope,
    Status,
    StatusChange,
    postage_description,
)
from library_portal.caching import Namespace, namespaced
from library_portal.selectors import admin_lookup_q
from services.models import Branch

# What the estimate assumes: a lent book travels to us and back; a copy comes once, light.
LOAN_WEIGHT_G = 1000
COPY_WEIGHT_G = 100


@dataclass(frozen=True)
class Estimate:
    """The postage estimate as facts; `description` puts them into words in the language active when shown."""

    amount: Decimal
    weight_g: int
    count: int
    unit_amount: Decimal
    lender_invoices: bool

    @property
    def description(self) -> str:
        return postage_description(weight_g=self.weight_g, count=self.count, unit_amount=self.unit_amount)


# Every submission reads these two small tables: through the shared cache, until the admin that edits them
# bumps their namespace (the postal tariffs are prices the patron pays; the pickup places are branches).
def _tariff_table() -> dict[str, list[tuple[int, Decimal]]]:
    def build() -> dict[str, list[tuple[int, Decimal]]]:
        table: dict[str, list[tuple[int, Decimal]]] = {}
        rows = PostalTariff.objects.order_by("max_weight_g").values_list("scope", "max_weight_g", "price")
        for zone, weight, price in rows:
            table.setdefault(zone, []).append((weight, price))
        return table

    return namespaced("ill-tariffs", [Namespace.PRICES], build)


def _pickup_branches() -> dict[str, Branch]:
    return namespaced(
        "ill-pickup-branches",
        [Namespace.BRANCHES],
        lambda: {b.slug: b for b in Branch.objects.filter(library__is_portal_library=True)},
    )


def tariff_bands(*, scope: str) -> list[tuple[int, Decimal]]:
    """The tariff table's bands of a zone, lightest first."""
    return _tariff_table().get(scope, [])


def pickup_branch(*, slug: str) -> Branch | None:
    """One of our own branches by its slug."""
    return _pickup_branches().get(slug)


def tariff_price(*, scope: str, weight_g: int) -> Decimal:
    """The price of the smallest band that carries `weight_g` (the heaviest band when none does)."""
    bands = tariff_bands(scope=scope)
    for max_weight, price in bands:
        if max_weight >= weight_g:
            return price
    return bands[-1][1] if bands else Decimal("0.00")


def postage_estimate(*, kind: str, scope: str) -> Estimate:
    """What the patron pays for postage, by the tariff table; abroad the lender also invoices its charges."""
    # A lent book travels to us and back (two parcels); a copy comes once.
    weight_g, count = (LOAN_WEIGHT_G, 2) if kind == Kind.LOAN else (COPY_WEIGHT_G, 1)
    price = tariff_price(scope=scope, weight_g=weight_g)
    return Estimate(
        amount=price * count,
        weight_g=weight_g,
        count=count,
        unit_amount=price,
        lender_invoices=scope == Scope.INTERNATIONAL,
    )


def patron_requests(*, patron) -> QuerySet[IllRequest]:
    return IllRequest.objects.filter(patron=patron).select_related("pickup_branch").order_by("-created_at", "-pk")


def patron_requests_for_account(*, patron, limit: int = 20) -> list[IllRequest]:
    """The patron's requests for My account: open ones first (those waiting for the patron before the others),
    each group newest first; one query."""
    return list(
        IllRequest.objects.filter(patron=patron)
        .select_related("pickup_branch")
        .annotate(
            rank=Case(
                When(status__in=WAITING_FOR_PATRON | IN_READING_ROOM, then=Value(0)),
                When(status__in=OPEN, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("rank", "-created_at", "-pk")[:limit]
    )


def patron_request_detail(*, patron, request_id: int) -> IllRequest | None:
    """One request of the patron's with its public history, costs and messages, or None (also for another's)."""
    return (
        IllRequest.objects.filter(patron=patron, pk=request_id)
        .select_related("pickup_branch", "partner__library")
        .prefetch_related(
            Prefetch(
                "history",
                queryset=StatusChange.objects.select_related("actor").order_by("created_at", "pk"),
            ),
            Prefetch("costs", queryset=CostLine.objects.order_by("created_at", "pk")),
            "messages",
        )
        .first()
    )


def open_duplicates(*, patron, isbn: str = "", issn: str = "", article_title: str = "") -> QuerySet[IllRequest]:
    """The patron's open requests for the same ISBN/ISSN (and, for copies, the same article)."""
    if not (isbn or issn):
        return IllRequest.objects.none()
    queryset = IllRequest.objects.filter(patron=patron, status__in=OPEN)
    queryset = queryset.filter(isbn=isbn) if isbn else queryset.filter(issn=issn)
    if article_title:
        queryset = queryset.filter(article_title__iexact=article_title.strip())
    return queryset.order_by("-created_at")


# The staff's day ("Today", library_portal.selectors.staff_today) --------------------------------
PATRON_REMINDER_DAYS = 7  # a request waiting this long for the patron wants a call
LOAN_ENDING_DAYS = 3  # a loan ending this soon is pointed out, so the item is returned in time


def overdue_returns(today: dt.date) -> dict[str, str]:
    """Items in our reading room past the lender's due date, to be returned to the lender: as the request list's
    URL parameters (library_portal.selectors.admin_lookup_q makes them a filter)."""
    return {"status__in": ",".join(sorted(IN_READING_ROOM)), "due_date__lt": today.isoformat()}


def staff_day_lookups(*, now: dt.datetime, today: dt.date) -> dict[str, dict[str, str]]:
    """What waits for staff in interlibrary loan, as the filters of the request list (admin URL parameters), so
    that each count of "Today" and its link show the same requests."""
    return {
        "new": {"status__exact": Status.SUBMITTED},
        "patron": {
            "status__in": ",".join(sorted(WAITING_FOR_PATRON)),
            "updated_at__lt": (now - dt.timedelta(days=PATRON_REMINDER_DAYS)).isoformat(),
        },
        "ending": {
            "status__in": ",".join(sorted(IN_READING_ROOM)),
            "due_date__gte": today.isoformat(),
            "due_date__lte": (today + dt.timedelta(days=LOAN_ENDING_DAYS)).isoformat(),
        },
        "overdue": overdue_returns(today),
    }


def staff_day_counts(lookups: dict[str, dict[str, str]]) -> dict[str, int]:
    """The number of requests each of `staff_day_lookups` finds, in one query."""
    return IllRequest.objects.aggregate(
        **{name: Count("pk", filter=admin_lookup_q(params)) for name, params in lookups.items()}
    )
