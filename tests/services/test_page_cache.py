"""The page cache: anonymous pages come from the shared cache until their namespace is bumped or their content
changes state; visitors with a session always get a fresh page."""

from django.core.cache import cache
from django.test import Client

from library_portal.caching import VERSION_KEYS, Namespace, bump
from services.events import event_cancel
from tests.factories import EventFactory, LibraryFactory, ServiceFactory


def test_a_cached_page_stays_as_it_was_until_its_namespace_is_bumped(client, db):
    LibraryFactory()
    service = ServiceFactory(title="Senas pavadinimas")
    assert "Senas pavadinimas" in client.get("/lt/services/").content.decode()
    service.title = "Naujas pavadinimas"
    service.save()  # past every service and the admin: nothing tells the cache
    assert "Senas pavadinimas" in client.get("/lt/services/").content.decode()
    bump(Namespace.SERVICES)
    assert "Naujas pavadinimas" in client.get("/lt/services/").content.decode()


def test_bumping_another_namespace_keeps_the_cached_page(client, db, django_assert_num_queries):
    LibraryFactory()
    ServiceFactory()
    first = client.get("/lt/services/")
    bump(Namespace.PRICES)
    with django_assert_num_queries(0):
        second = client.get("/lt/services/")
    assert second.status_code == 200 and second.content == first.content


def test_second_anonymous_request_is_served_from_the_cache_without_a_query(client, db, django_assert_num_queries):
    LibraryFactory()
    ServiceFactory()
    first = client.get("/lt/services/")
    with django_assert_num_queries(0):
        second = client.get("/lt/services/")
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"


def test_a_service_that_changes_public_content_bumps_its_namespace(client, db):
    LibraryFactory()
    event = EventFactory(title_en="Computer basics")
    assert "Computer basics" in client.get("/en/events/").content.decode()
    event_cancel(event=event, site_url="http://testserver")
    assert "Computer basics" not in client.get("/en/events/").content.decode()


def test_a_lost_namespace_counter_starts_again_from_the_clock_not_from_one(db):
    bump(Namespace.BRANCHES)
    cache.delete(VERSION_KEYS[Namespace.BRANCHES])
    bump(Namespace.BRANCHES)
    assert cache.get(VERSION_KEYS[Namespace.BRANCHES]) > 1_000_000


def test_a_logged_in_page_shares_the_cached_body_until_its_namespace_is_bumped_but_keeps_its_own_menu(client, patron):
    LibraryFactory()
    service = ServiceFactory(title="Senas pavadinimas")
    client.force_login(patron)
    client.get("/lt/services/")
    service.title = "Naujas pavadinimas"
    service.save()  # past every service and the admin: nothing tells the cache
    html = client.get("/lt/services/").content.decode()
    assert "Senas pavadinimas" in html and 'action="/lt/account/logout/"' in html
    bump(Namespace.SERVICES)
    assert "Naujas pavadinimas" in client.get("/lt/services/").content.decode()
    anonymous = Client().get("/lt/services/").content.decode()
    assert "Naujas pavadinimas" in anonymous and 'action="/lt/account/logout/"' not in anonymous


def test_a_logged_in_page_with_a_cached_body_needs_no_query_for_its_content(
    client, patron, django_assert_max_num_queries
):
    LibraryFactory()
    services = ServiceFactory.create_batch(3)
    client.force_login(patron)
    client.get("/lt/services/")
    with django_assert_max_num_queries(1):  # the patron (the session is read from the cache)
        response = client.get("/lt/services/")
    assert response.status_code == 200
    assert all(service.title in response.content.decode() for service in services)
