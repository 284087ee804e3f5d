"""The index follows every write: the services that write rows and the back office keep each row's entries current,
and rows are found only while they may be (an event until it ends, a price list while it is in force)."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from pricing.models import PriceList
from search.models import SearchEntry, SearchWord
from search.services import search_index_update
from services.events import event_cancel, event_save
from services.models import EService, OnlineResource, Service
from tests.admin_forms import admin_action, change_form_data, save_in_admin
from tests.factories import EventFactory, UserFactory
from tests.search.conftest import published_list


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    return client


def _results(client, query: str, lang: str = "lt") -> str:
    """The search page's HTML without the highlights' marks."""
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return re.sub(r"</?mark>", "", response.content.decode())


def _found(client, query: str, text: str, lang: str = "lt") -> bool:
    return text in _results(client, query, lang)


def test_the_migration_made_the_text_search_configurations_of_every_language(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname IN ('portal_lt', 'portal_bg')")
        assert {row[0] for row in cursor.fetchall()} == {"portal_lt", "portal_bg"}
        # Lithuanian stemming after unaccent: an inflected form typed without diacritics meets the text.
        cursor.execute("SELECT to_tsvector('portal_lt', 'Šilutės') @@ websearch_to_tsquery('portal_lt', 'silute')")
        assert cursor.fetchone()[0] is True


def test_each_row_has_one_entry_per_language_with_a_stored_vector(catalogue):
    entries = SearchEntry.objects.filter(kind="service", object_id=catalogue["copying"].pk)
    assert sorted(entries.values_list("language", "config")) == [
        ("bg", "portal_bg"),
        ("en", "english"),
        ("fi", "finnish"),
        ("lt", "portal_lt"),
    ]
    assert not entries.filter(vector__isnull=True).exists()
    fallback = SearchEntry.objects.get(kind="service", object_id=catalogue["binding"].pk, language="en")
    assert (fallback.text_language, fallback.config, fallback.title) == ("lt", "portal_lt", "Knygrišyba")
    assert SearchWord.objects.filter(language="fi", word="kopiointi").exists()


def test_a_service_saved_in_the_admin_is_found_by_its_new_title_at_once(client, staff, catalogue):
    save_in_admin(staff, catalogue["copying"], title_lt="Dauginimas ir spausdinimas")
    assert _found(client, "dauginimas", 'href="/lt/services/kopijavimas/"')
    assert not _found(client, "kopijavimas", 'href="/lt/services/kopijavimas/"')


def test_a_service_hidden_and_published_by_admin_actions_leaves_and_returns_to_the_results(client, staff, catalogue):
    admin_action(staff, Service, "unpublish", [catalogue["copying"]])  # a bulk queryset.update()
    assert not _found(client, "kopijavimas", 'href="/lt/services/kopijavimas/"')
    admin_action(staff, Service, "publish", [catalogue["copying"]])
    assert _found(client, "kopijavimas", 'href="/lt/services/kopijavimas/"')


def test_a_service_deleted_in_the_admin_leaves_the_index(staff, catalogue):
    service = catalogue["copying"]
    admin_action(staff, Service, "delete_selected", [service])
    assert not SearchEntry.objects.filter(kind="service", object_id=service.pk).exists()
    pk = catalogue["binding"].pk
    assert staff.post(f"/admin/services/service/{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not SearchEntry.objects.filter(kind="service", object_id=pk).exists()


def test_an_online_resource_deleted_in_its_eservices_inline_leaves_the_index(client, staff, catalogue):
    eservice = catalogue["health"]
    url = f"/admin/services/eservice/{eservice.pk}/change/"
    data = change_form_data(staff.get(url))
    resource_prefix = next(key[: -len("-id")] for key in data if key.startswith("resources-") and key.endswith("-id"))
    data[f"{resource_prefix}-DELETE"] = "on"
    assert staff.post(url, data).status_code == 302
    assert not OnlineResource.objects.exists()
    assert not _found(client, "medicine", "#resources-heading", lang="en")


def test_an_eservice_deleted_in_the_admin_takes_its_resources_out_of_the_index(client, staff, catalogue):
    assert _found(client, "medicine", "Medicine finder", lang="en")
    admin_action(staff, EService, "delete_selected", [catalogue["health"]])
    assert not SearchEntry.objects.filter(kind__in=["eservice", "resource"]).exists()


def test_an_event_is_indexed_by_event_save_and_leaves_when_cancelled(client, catalogue):
    event = EventFactory.build(
        title="Genealogijos dirbtuvės", title_en="Genealogy workshop", branch=catalogue["branch"]
    )
    event_save(event=event, site_url="http://testserver")
    assert _found(client, "genealogy", f'href="/en/events/{event.pk}/"', lang="en")
    event_cancel(event=event, site_url="http://testserver")
    assert not _found(client, "genealogy", f'href="/en/events/{event.pk}/"', lang="en")


def test_an_event_is_found_until_it_ends(client, catalogue):
    event = catalogue["event"]
    with time_machine.travel(event.ends_at - dt.timedelta(minutes=1)):
        assert _found(client, "literacy", "Computer literacy training", lang="en")
    with time_machine.travel(event.ends_at + dt.timedelta(minutes=1)):
        assert not _found(client, "literacy", "Computer literacy training", lang="en")


def test_an_upcoming_price_list_is_found_from_the_day_it_comes_into_force_and_replaces_the_old_one(client, catalogue):
    start = timezone.localdate() + dt.timedelta(days=10)
    published_list(effective_from=start, items=[("copy-colour-a4", "Spalvota kopija A4", "Colour copy A4 new")])
    eve = dt.datetime.combine(start, dt.time(0), tzinfo=ZoneInfo("Europe/Vilnius")) - dt.timedelta(minutes=1)
    with time_machine.travel(eve):
        html = _results(client, "colour copy", lang="en")
        assert "Colour copy A4" in html
        assert "Colour copy A4 new" not in html
    with time_machine.travel(eve + dt.timedelta(minutes=2)):
        html = _results(client, "colour copy", lang="en")
        assert "Colour copy A4 new" in html
        assert html.count("Colour copy A4") == 1


def test_the_items_of_a_draft_price_list_are_not_found(client, catalogue):
    draft = PriceList.objects.create(title="Projektas", decisions="-")
    draft.items.create(code="secret", section="copying", name="Slapta kaina", name_en="Secret price", amount="1.00")
    search_index_update(obj=draft)
    assert not _found(client, "secret", "Secret price", lang="en")


def test_the_rebuild_command_writes_the_index_anew(catalogue):
    Service.objects.filter(pk=catalogue["copying"].pk).update(title_lt="Tiesiai į lentelę")  # past every service
    SearchEntry.objects.filter(kind="branch").delete()
    call_command("search_rebuild", stdout=io.StringIO())
    assert SearchEntry.objects.filter(kind="branch").count() == 4
    assert SearchEntry.objects.get(kind="service", object_id=catalogue["copying"].pk, language="lt").title == (
        "Tiesiai į lentelę"
    )


def test_load_demo_indexes_the_demo(db):
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    assert SearchEntry.objects.filter(kind="service", language="fi", title__startswith="Kopiointi").exists()
    assert SearchEntry.objects.filter(kind="price_item").exists()
    published = Service.objects.filter(is_published=True).count()
    assert SearchEntry.objects.filter(kind="service", language="lt").count() == published
