"""The back office of price lists: managers copy, edit drafts and publish; nobody edits a published list."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from pricing.models import PriceItem, PriceList
from pricing.services import price_list_copy


def test_manager_copies_the_current_list_into_a_draft(client, manager, seed_list):
    client.force_login(manager)
    response = client.post(f"/admin/pricing/pricelist/{seed_list.pk}/copy/")
    draft = PriceList.objects.get(status="draft")
    assert response.url == f"/admin/pricing/pricelist/{draft.pk}/change/"
    assert draft.items.count() == 26


def test_manager_edits_a_draft_item_and_publishes_it_with_a_date(client, manager, seed_list, time_machine):
    # Published in November for the first of January: a date in the future whatever day the suite runs.
    time_machine.move_to(dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC))
    draft = price_list_copy(source=seed_list)
    item = draft.items.get(code="fax")
    client.force_login(manager)
    data = {
        "price_list": draft.pk,
        "code": "fax",
        "section": "fax",
        "name_lt": "Faksas",
        "unit": "item",
        "pricing": "fixed",
        "amount": "0.65",
        "order": item.order,
        "category_prices-TOTAL_FORMS": "0",
        "category_prices-INITIAL_FORMS": "0",
        "tiers-TOTAL_FORMS": "0",
        "tiers-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/pricing/priceitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert str(item.amount) == "0.65"

    response = client.post(f"/admin/pricing/pricelist/{draft.pk}/publish/", {"effective_from": "2027-01-01"})
    assert response.status_code == 302
    draft.refresh_from_db()
    seed_list.refresh_from_db()
    assert (draft.status, draft.effective_from, draft.published_by) == ("published", dt.date(2027, 1, 1), manager)
    assert seed_list.effective_until == dt.date(2026, 12, 31)
    history = client.get(f"/admin/pricing/pricelist/{draft.pk}/history/").content.decode()
    assert "nuo 2027 m. sausio 1 d. galioja" in history  # who published it, when and from which date


def test_publishing_on_a_bad_date_shows_the_rule_on_the_form(client, manager, seed_list):
    draft = price_list_copy(source=seed_list)
    manager.preferred_language = "en"  # the back office speaks the staff member's language
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    response = client.post(
        f"/admin/pricing/pricelist/{draft.pk}/publish/",
        {"effective_from": "2018-01-01"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "cannot come into force in the past" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_librarian_can_neither_publish_nor_copy_nor_edit(client, librarian, seed_list):
    draft = price_list_copy(source=seed_list)
    client.force_login(librarian)
    assert client.get("/admin/pricing/pricelist/").status_code == 200
    assert (
        client.post(f"/admin/pricing/pricelist/{draft.pk}/publish/", {"effective_from": "2027-01-01"}).status_code
        == 403
    )
    assert client.post(f"/admin/pricing/pricelist/{seed_list.pk}/copy/").status_code == 403
    item = draft.items.get(code="fax")
    assert client.post(f"/admin/pricing/priceitem/{item.pk}/change/", {"amount": "9.99"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_published_item_is_shown_read_only_with_a_clear_message(client, manager, seed_list):
    item = seed_list.items.get(code="fax")
    manager.preferred_language = "en"  # the back office speaks the staff member's language
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    page = client.get(f"/admin/pricing/priceitem/{item.pk}/change/", headers={"accept-language": "en"})
    html = page.content.decode()
    assert "This price list is published and cannot be changed: copy it into a new draft." in html
    assert 'name="_save"' not in html
    response = client.post(f"/admin/pricing/priceitem/{item.pk}/change/", {"amount": "9.99", "pricing": "fixed"})
    assert response.status_code == 403
    assert PriceItem.objects.get(pk=item.pk).amount == item.amount


def test_a_published_list_cannot_be_changed_or_deleted_in_the_admin(client, manager, seed_list):
    client.force_login(manager)
    assert client.post(f"/admin/pricing/pricelist/{seed_list.pk}/change/", {"title_lt": "X"}).status_code == 403
    assert client.post(f"/admin/pricing/pricelist/{seed_list.pk}/delete/", {"post": "yes"}).status_code == 403
    seed_list.refresh_from_db()
    assert seed_list.title_lt != "X"


def test_manager_archives_a_draft(client, manager, seed_list):
    draft = price_list_copy(source=seed_list)
    client.force_login(manager)
    client.post(f"/admin/pricing/pricelist/{draft.pk}/archive/")
    draft.refresh_from_db()
    assert draft.status == "archived"


def test_price_list_change_page_offers_previews_and_publishing(client, manager, seed_list):
    draft = price_list_copy(source=seed_list)
    client.force_login(manager)
    html = client.get(f"/admin/pricing/pricelist/{draft.pk}/change/").content.decode()
    assert f"/prices/{draft.pk}/pdf/" in html
    assert f"/admin/pricing/pricelist/{draft.pk}/publish/" in html
    assert "price_items-TOTAL_FORMS" in html or "items-TOTAL_FORMS" in html


def test_a_list_published_in_the_admin_is_on_the_next_anonymous_prices_page(client, manager, seed_list):
    visitor = Client()
    assert "Naujas kainoraštis" not in visitor.get("/lt/prices/").content.decode()  # now cached
    draft = price_list_copy(source=seed_list)
    draft.title = "Naujas kainoraštis"
    draft.save()  # a draft is not public
    client.force_login(manager)
    today = timezone.localdate().isoformat()
    assert client.post(f"/admin/pricing/pricelist/{draft.pk}/publish/", {"effective_from": today}).status_code == 302
    assert "Naujas kainoraštis" in visitor.get("/lt/prices/").content.decode()
