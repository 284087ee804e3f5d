import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from library_portal.demo import demo_load_prices
from library_portal.errors import DomainError
from pricing.models import PriceItem, PriceList
from pricing.selectors import price_list_in_force
from pricing.services import price_item_ensure_editable, price_list_copy, price_list_publish

# Every amount of seed 004, written out from the approved document itself.
SEED_AMOUNTS = {
    "copy-bw-a4": "0.06",
    "copy-bw-a3": "0.10",
    "copy-colour-a4": "0.45",
    "copy-colour-a3": "0.90",
    "print-bw-a4": "0.07",
    "print-bw-a3": "0.12",
    "print-colour-a4": "0.50",
    "print-colour-a3": "1.00",
    "scan-a4": "0.15",
    "laminate-a4": "1.00",
    "laminate-a5": "0.75",
    "bibliography-record": "0.30",
    "publishing-typing": "0.55",
    "publishing-layout": "0.90",
    "publishing-design": "2.30",
    "fax": "0.60",
    "room-t12-hall": "15.00",
    "room-t12-hall-equipment": "20.00",
    "room-t10-hall": "8.00",
    "room-t10-hall-equipment": "10.00",
    "room-branch": "5.00",
    "room-branch-equipment": "7.00",
}
SECTIONS_IN_ORDER = [
    "reader_cards",
    "copying",
    "printing",
    "scanning",
    "binding",
    "laminating",
    "bibliography",
    "interlibrary_loan",
    "publishing",
    "fax",
    "room_rental",
]


def test_every_fixed_amount_of_the_seed_is_loaded(seed_list):
    loaded = {i.code: i.amount for i in seed_list.items.filter(pricing="fixed")}
    assert loaded == {code: D(amount) for code, amount in SEED_AMOUNTS.items()}


def test_reader_card_amounts_by_category_and_binding_tiers_are_loaded(seed_list):
    card = seed_list.items.get(code="reader-card")
    assert {p.category.code: p.amount for p in card.category_prices.all()} == {
        "adult": D("1.15"),
        "reduced": D("0.70"),
        "free": D("0.00"),
    }
    binding = seed_list.items.get(code="bind-a4")
    assert [(t.up_to, t.amount) for t in binding.tiers.all()] == [
        (25, D("0.75")),
        (45, D("1.00")),
        (65, D("1.30")),
        (95, D("1.60")),
    ]


def test_postage_is_calculated_individually_and_distribution_at_actual_cost(seed_list):
    assert seed_list.items.get(code="ill-postage").pricing == "individual"
    assert seed_list.items.get(code="publishing-distribution").pricing == "actual_cost"


def test_sections_follow_the_order_of_the_approved_document(seed_list):
    seen = []
    for item in seed_list.items.order_by("order"):
        if item.section not in seen:
            seen.append(item.section)
    assert seen == SECTIONS_IN_ORDER


def test_rooms_are_tied_to_their_branches(seed_list):
    hall = seed_list.items.get(code="room-t12-hall-equipment")
    assert hall.room.branch.address.startswith("Tilžės g. 12")
    assert hall.with_equipment
    assert seed_list.items.get(code="room-branch").room.branch is None


def test_the_seed_list_carries_its_decisions_in_four_languages(seed_list):
    for lang in ("lt", "en", "bg", "fi"):
        text = getattr(seed_list, f"decisions_{lang}")
        assert all(number in text for number in ("T1-394", "T1-989", "T1-1123"))
        assert all(getattr(item, f"name_{lang}") for item in seed_list.items.all())


def test_loading_the_demo_prices_twice_changes_nothing(seed_list):
    before = (PriceList.objects.count(), PriceItem.objects.count())
    demo_load_prices()
    assert (PriceList.objects.count(), PriceItem.objects.count()) == before


def test_database_refuses_two_published_lists_in_force_on_the_same_date(seed_list, manager):
    copy = price_list_copy(source=seed_list)
    copy.status = PriceList.Status.PUBLISHED
    copy.effective_from = dt.date(2020, 1, 1)
    copy.published_at = seed_list.published_at
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_database_refuses_negative_amounts(seed_list):
    item = seed_list.items.get(code="fax")
    with pytest.raises(IntegrityError), transaction.atomic():
        PriceItem.objects.filter(pk=item.pk).update(amount=D("-0.01"))


def test_publishing_closes_the_previous_list_the_day_before(seed_list, manager, time_machine):
    # Published in November for the first of January: a date in the future whatever day the suite runs.
    time_machine.move_to(dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC))
    draft = price_list_copy(source=seed_list)
    price_list_publish(price_list=draft, effective_from=dt.date(2027, 1, 1), user=manager)
    seed_list.refresh_from_db()
    draft.refresh_from_db()
    assert seed_list.effective_until == dt.date(2026, 12, 31)
    assert (draft.status, draft.effective_from, draft.effective_until) == ("published", dt.date(2027, 1, 1), None)
    assert draft.published_by == manager
    assert draft.published_at is not None
    assert price_list_in_force(dt.date(2026, 12, 31)) == seed_list
    assert price_list_in_force(dt.date(2027, 1, 1)) == draft


def test_publishing_between_a_current_and_an_upcoming_list_fits_in_between(seed_list, manager):
    upcoming = price_list_copy(source=seed_list)
    price_list_publish(price_list=upcoming, effective_from=dt.date(2028, 1, 1), user=manager)
    middle = price_list_copy(source=seed_list)
    price_list_publish(price_list=middle, effective_from=dt.date(2027, 6, 1), user=manager)
    middle.refresh_from_db()
    assert middle.effective_until == dt.date(2027, 12, 31)
    assert price_list_in_force(dt.date(2028, 1, 1)) == upcoming


def test_a_new_list_cannot_start_on_or_before_the_start_of_the_list_it_replaces(seed_list, manager):
    draft = price_list_copy(source=seed_list)
    with pytest.raises(DomainError) as error:
        price_list_publish(price_list=draft, effective_from=seed_list.effective_from, user=manager, allow_past=True)
    assert (error.value.field, error.value.code) == ("effective_from", "starts_too_early")


def test_a_new_list_cannot_come_into_force_in_the_past(seed_list, manager):
    draft = price_list_copy(source=seed_list)
    with pytest.raises(DomainError) as error:
        price_list_publish(price_list=draft, effective_from=dt.date(2020, 1, 1), user=manager)
    assert error.value.code == "in_the_past"


def test_a_published_list_cannot_be_published_again(seed_list, manager):
    with pytest.raises(DomainError) as error:
        price_list_publish(price_list=seed_list, effective_from=dt.date(2030, 1, 1), user=manager)
    assert error.value.code == "not_draft"


def test_an_empty_draft_cannot_be_published(db, manager):
    draft = PriceList.objects.create(title="Tuščias", decisions="—")
    with pytest.raises(DomainError):
        price_list_publish(price_list=draft, effective_from=dt.date(2030, 1, 1), user=manager)


def test_items_of_a_published_list_are_never_edited(seed_list):
    with pytest.raises(DomainError) as error:
        price_item_ensure_editable(item=seed_list.items.first())
    assert error.value.code == "published_immutable"


def test_copy_makes_a_draft_with_every_item_and_amount(seed_list):
    draft = price_list_copy(source=seed_list)
    assert draft.status == "draft"
    assert draft.copied_from == seed_list
    assert draft.items.count() == seed_list.items.count() == 26
    assert draft.items.get(code="bind-a4").tiers.count() == 4
    assert draft.items.get(code="reader-card").category_prices.count() == 3
    price_item_ensure_editable(item=draft.items.first())  # a draft's items may change
