"""The price list of seed 004 (pricing/fixtures/demo/), exactly, every row and amount: patron categories and
rooms matched by code and brought up to date; the published list, once."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from library_portal.demo.fixtures import demo_fixture, language_fields
from pricing.models import CategoryPrice, PatronCategory, PriceItem, PriceList, Room, TierPrice
from pricing.services import price_list_publish
from services.models import Branch


@transaction.atomic
def demo_load_prices() -> dict[str, int]:
    """Create the patron categories, rooms and the published seed price list (once)."""
    categories = {}
    for item in demo_fixture("pricing", "patron_categories"):
        categories[item["code"]], _created = PatronCategory.objects.update_or_create(
            code=item["code"],
            defaults={
                **language_fields("name", item["name"]),
                "order": item["order"],
                "needs_proof": item["needs_proof"],
            },
        )
    rooms = {}
    for item in demo_fixture("pricing", "rooms"):
        rooms[item["code"]], _created = Room.objects.update_or_create(
            code=item["code"],
            defaults={
                **language_fields("name", item["name"]),
                "branch": Branch.objects.filter(slug=item["branch"]).first() if item["branch"] else None,
                "order": item["order"],
            },
        )
    data = demo_fixture("pricing", "price_list")
    effective_from = dt.date.fromisoformat(data["effective_from"])
    # A published list is never edited: when the seed list is there, it stays as it is.
    if not PriceList.objects.filter(title_lt=data["title"]["lt"], effective_from=effective_from).exists():
        price_list = PriceList.objects.create(
            **language_fields("title", data["title"]), **language_fields("decisions", data["decisions"])
        )
        for order, row in enumerate(data["items"]):
            item = PriceItem.objects.create(
                price_list=price_list,
                code=row["code"],
                section=row["section"],
                **language_fields("name", row["name"]),
                **language_fields("notes", row["notes"]),
                unit=row["unit"],
                pricing=row["pricing"],
                amount=Decimal(row["amount"]) if row["amount"] is not None else None,
                room=rooms[row["room"]] if row["room"] else None,
                with_equipment=row["with_equipment"],
                order=order,
            )
            CategoryPrice.objects.bulk_create(
                CategoryPrice(item=item, category=categories[code], amount=Decimal(amount))
                for code, amount in row["by_category"].items()
            )
            TierPrice.objects.bulk_create(
                TierPrice(item=item, up_to=tier["up_to"], amount=Decimal(tier["amount"])) for tier in row["tiers"]
            )
        price_list_publish(price_list=price_list, effective_from=effective_from, user=None, allow_past=True)
    return {"price_items": PriceItem.objects.filter(price_list__status=PriceList.Status.PUBLISHED).count()}
