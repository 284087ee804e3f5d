"""Reads of price lists: the list in force, its items grouped by section, its rules for quoting."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from pricing.calculation import PriceRule
from pricing.models import SECTION_ORDER, CategoryPrice, PatronCategory, PriceItem, PriceList, Room, Section, TierPrice
from services.models import Library

# Everything the price pages, PDFs and quotes show; their cached copies key on these tables.
PRICING_MODELS = (Library, PriceList, PriceItem, CategoryPrice, TierPrice, PatronCategory, Room)


def in_force_on(on: dt.date) -> QuerySet[PriceList]:
    return PriceList.objects.filter(status=PriceList.Status.PUBLISHED, effective_from__lte=on).filter(
        Q(effective_until__isnull=True) | Q(effective_until__gte=on)
    )


def price_list_in_force(on: dt.date) -> PriceList | None:
    return in_force_on(on).first()


def with_fingerprint(price_lists: QuerySet[PriceList]) -> QuerySet[PriceList]:
    """Annotate what `fingerprint_of` needs, so the fingerprint costs no query of its own."""
    return price_lists.annotate(items_changed=Max("items__updated_at"), items_count=Count("items"))


def public_versions() -> QuerySet[PriceList]:
    """Every published list, in force, past or upcoming, newest first."""
    return PriceList.objects.filter(status=PriceList.Status.PUBLISHED).order_by("-effective_from")


def items_of(price_list: PriceList) -> QuerySet[PriceItem]:
    return price_list.items.select_related("room", "room__branch").prefetch_related(
        Prefetch("category_prices", queryset=CategoryPrice.objects.select_related("category")), "tiers"
    )


@dataclass(frozen=True)
class SectionGroup:
    code: str
    title: str
    items: list[PriceItem]


def sections_of(price_list: PriceList) -> list[SectionGroup]:
    """The list's items grouped by section, sections in the order of the approved document."""
    groups: dict[str, list[PriceItem]] = {}
    for item in items_of(price_list):
        groups.setdefault(item.section, []).append(item)
    return [
        SectionGroup(code, Section(code).label, items)
        for code, items in sorted(groups.items(), key=lambda pair: SECTION_ORDER[pair[0]])
    ]


def quote_rules(price_list: PriceList) -> dict[str, PriceRule]:
    return {
        item.code: PriceRule(
            code=item.code,
            name=item.name,
            unit=item.unit,
            pricing=item.pricing,
            amount=item.amount,
            by_category={price.category.code: price.amount for price in item.category_prices.all()},
            tiers=[(tier.up_to, tier.amount) for tier in item.tiers.all()],
        )
        for item in items_of(price_list)
    }


def patron_categories() -> list[PatronCategory]:
    return list(PatronCategory.objects.all())


def fingerprint_of(price_list: PriceList) -> str:
    """Changes whenever the list or any of its items changes: the key of its stored documents and
    cached quote rules. Takes a list from `with_fingerprint`."""
    latest = price_list.items_changed.timestamp() if price_list.items_changed else 0
    return f"{price_list.pk}-{price_list.updated_at.timestamp():.6f}-{latest:.6f}-{price_list.items_count}"
