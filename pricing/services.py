"""Writes with rules: publishing and copying price lists."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import User
from pricing.models import CategoryPrice, PriceItem, PriceList, TierPrice
from search.services import search_index_update


def price_list_publish(
    *, price_list: PriceList, effective_from: dt.date, user: User | None, allow_past: bool = False
) -> PriceList:
    """Publish a draft from `effective_from`; `user` is None and `allow_past` True only when
    loading a historical list (the demo data): what patrons were charged in the past never changes.

    The list in force on that date is closed the day before; a list already published for a
    later date (an upcoming one) stays, and the new list ends the day before it starts.
    Raises DomainError when the list is not a draft, has no items, or would start on or before
    the start of the list it replaces.
    """
    with transaction.atomic():
        # Lock every published list: two managers publishing at once must not both close the same one.
        published = list(PriceList.objects.select_for_update().filter(status=PriceList.Status.PUBLISHED))
        draft = PriceList.objects.select_for_update().get(pk=price_list.pk)
        if draft.status != PriceList.Status.DRAFT:
            raise DomainError(
                _("Only a draft can be published; copy this list to make a new version."), code="not_draft"
            )
        if not allow_past and effective_from < timezone.localdate():
            raise DomainError(
                _("A price list cannot come into force in the past: choose today or a later date."),
                code="in_the_past",
                field="effective_from",
            )
        if not draft.items.exists():
            raise DomainError(_("A price list without items cannot be published."), code="empty_list")
        current = next(
            (
                p
                for p in published
                if p.effective_from <= effective_from
                and (p.effective_until is None or p.effective_until >= effective_from)
            ),
            None,
        )
        if current is not None and current.effective_from >= effective_from:
            raise DomainError(
                _("The list in force from %(date)s cannot be replaced from the same day or earlier.")
                % {"date": date_format(current.effective_from)},
                code="starts_too_early",
                field="effective_from",
            )
        upcoming = min(
            (p for p in published if p.effective_from > effective_from), key=lambda p: p.effective_from, default=None
        )
        if current is not None:
            current.effective_until = effective_from - dt.timedelta(days=1)
            current.save(update_fields=["effective_until", "updated_at"])
        draft.effective_from = effective_from
        draft.effective_until = upcoming.effective_from - dt.timedelta(days=1) if upcoming else None
        draft.status = PriceList.Status.PUBLISHED
        draft.published_by = user
        draft.published_at = timezone.now()
        draft.save(
            update_fields=["effective_from", "effective_until", "status", "published_by", "published_at", "updated_at"]
        )
        # The new list's items are found from the day it comes into force, the replaced list's until the day before.
        search_index_update(obj=draft)
        if current is not None:
            search_index_update(obj=current)
        bump(Namespace.PRICES)
    return draft


def price_list_copy(*, source: PriceList, user: User | None = None) -> PriceList:
    """Copy a list with all its items, category prices and tiers into a new draft."""
    with transaction.atomic():
        copy = PriceList.objects.get(pk=source.pk)
        copy.pk = None
        copy.status = PriceList.Status.DRAFT
        copy.effective_from = None
        copy.effective_until = None
        copy.published_by = None
        copy.published_at = None
        copy.copied_from = source
        copy.save()
        for item in source.items.prefetch_related("category_prices", "tiers"):
            category_prices = list(item.category_prices.all())
            tiers = list(item.tiers.all())
            item.pk = None
            item.price_list = copy
            item.save()
            CategoryPrice.objects.bulk_create(
                CategoryPrice(item=item, category_id=p.category_id, amount=p.amount) for p in category_prices
            )
            TierPrice.objects.bulk_create(TierPrice(item=item, up_to=t.up_to, amount=t.amount) for t in tiers)
    return copy


def price_list_archive(*, price_list: PriceList) -> PriceList:
    """Withdraw a draft that will not be published."""
    with transaction.atomic():
        locked = PriceList.objects.select_for_update().get(pk=price_list.pk)
        if locked.status != PriceList.Status.DRAFT:
            raise DomainError(_("Only a draft can be archived."), code="not_draft")
        locked.status = PriceList.Status.ARCHIVED
        locked.save(update_fields=["status", "updated_at"])
        bump(Namespace.PRICES)
    return locked


def price_item_ensure_editable(*, item: PriceItem) -> None:
    """Refuse any change to an item of a published or archived list."""
    if (
        item.price_list_id
        and not PriceList.objects.filter(pk=item.price_list_id, status=PriceList.Status.DRAFT).exists()
    ):
        raise DomainError(
            _("This price list is published and cannot be changed: copy it into a new draft."),
            code="published_immutable",
        )
