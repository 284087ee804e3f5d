from services.models import Service
from tests.services.factories import LibraryFactory, ServiceFactory


def test_cached_page_shows_an_edit_at_once(client, db):
    LibraryFactory()
    service = ServiceFactory(title="Senas pavadinimas")
    assert "Senas pavadinimas" in client.get("/lt/services/").content.decode()
    service.title = "Naujas pavadinimas"
    service.save()
    assert "Naujas pavadinimas" in client.get("/lt/services/").content.decode()


def test_cached_page_drops_a_deleted_service(client, db):
    LibraryFactory()
    keep = ServiceFactory(title="Lieka")
    ServiceFactory(title="Dingsta")
    assert "Dingsta" in client.get("/lt/services/").content.decode()
    Service.objects.exclude(pk=keep.pk).delete()
    assert "Dingsta" not in client.get("/lt/services/").content.decode()


def test_second_anonymous_request_is_served_from_the_cache(client, db, django_assert_num_queries):
    LibraryFactory()
    ServiceFactory()
    client.get("/lt/services/")
    with django_assert_num_queries(1):  # only the catalogue fingerprint
        assert client.get("/lt/services/").status_code == 200


def test_visitors_with_a_session_always_get_a_fresh_page(client, librarian):
    LibraryFactory()
    ServiceFactory()
    client.force_login(librarian)
    client.get("/lt/services/")
    # A logged-in request renders again: more than the fingerprint query.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/lt/services/")
    assert len(queries) > 1
