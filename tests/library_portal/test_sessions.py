"""Sessions live in PostgreSQL and are read through the shared cache (library_portal/sessions.py): a logged-in
patron's page costs no session query, and log-out ends the session in both places."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library_portal.sessions import CACHE_KEY_PREFIX
from tests.factories import LibraryFactory


def _cached(session_key: str):
    return caches[settings.SESSION_CACHE_ALIAS].get(CACHE_KEY_PREFIX + session_key)


def test_a_logged_in_patrons_page_reads_the_session_from_the_cache_not_the_database(client, patron):
    LibraryFactory()
    client.force_login(patron)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/lt/services/").wsgi_request.user == patron
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/lt/services/")
    assert response.wsgi_request.user == patron
    assert not [query for query in queries if "django_session" in query["sql"]]
    assert _cached(key)["_auth_user_id"] == str(patron.pk)


def test_logging_out_ends_the_session_in_the_cache_and_in_the_database(client, patron):
    LibraryFactory()
    client.force_login(patron)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.get("/lt/services/")
    assert client.post("/lt/account/logout/").status_code == 302
    assert _cached(key) is None
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    assert client.get("/lt/services/").wsgi_request.user.is_anonymous


def test_a_session_missing_from_the_cache_is_read_from_the_database_and_cached_again(client, patron):
    LibraryFactory()
    client.force_login(patron)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    caches[settings.SESSION_CACHE_ALIAS].delete(CACHE_KEY_PREFIX + key)  # evicted, or a Redis restarted empty
    assert client.get("/lt/services/").wsgi_request.user == patron
    assert _cached(key)["_auth_user_id"] == str(patron.pk)
