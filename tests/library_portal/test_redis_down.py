"""Redis down: pages are served uncached, and throttled writes fail closed with a translated 503 and Retry-After
(the page in the visitor's language, the API in its JSON error shape); never a 500. A private redis-server on its
own port, stopped by the test (SIGKILL), stands for the shared Redis."""

import os
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.utils import timezone

from bench.fault_rig import free_port
from feedback.models import Feedback
from library_portal.sessions import CACHE_KEY_PREFIX
from tests.factories import LibraryFactory, ServiceFactory

pytestmark = pytest.mark.cluster

FEEDBACK = {"topic": "premises", "message": "Šoniniame įėjime slidu.", "name": "", "email": "", "consent": "on"}
LT_DOWN = "Dabar to išsiųsti negalima"
EN_DOWN = "This cannot be sent just now: a part of the portal is briefly unavailable. Nothing was saved."


@pytest.fixture
def private_redis(settings):
    """A redis-server of this test's own, which the test may kill; the portal's caches point at it."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    settings.REDIS_URL = url
    settings.CACHES = {alias: {**options, "LOCATION": url} for alias, options in settings.CACHES.items()}
    yield server
    if server.poll() is None:
        os.kill(server.pid, signal.SIGKILL)
    server.wait()


def _kill(server) -> None:
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    for alias in settings.CACHES:
        caches[alias].close()


def test_with_redis_killed_pages_are_served_uncached_and_show_the_latest_content(client, db, private_redis):
    LibraryFactory()
    service = ServiceFactory(title="Senas pavadinimas")
    assert "Senas pavadinimas" in client.get("/lt/services/").content.decode()  # cached in the private Redis
    _kill(private_redis)
    service.title = "Naujas pavadinimas"
    service.save()
    response = client.get("/lt/services/")
    assert response.status_code == 200
    assert "Naujas pavadinimas" in response.content.decode()  # rendered, not an old copy and not an error


def test_with_redis_killed_a_throttled_form_answers_503_in_the_visitors_language_and_keeps_the_text(
    client, db, private_redis
):
    _kill(private_redis)
    for lang, text in (("lt", LT_DOWN), ("en", EN_DOWN)):
        response = client.post(f"/{lang}/feedback/", FEEDBACK)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        body = response.content.decode()
        assert text in body and FEEDBACK["message"] in body
    assert Feedback.objects.count() == 0


def test_with_redis_killed_a_throttled_api_write_answers_503_in_the_apis_error_shape(client, db, private_redis):
    _kill(private_redis)
    body = {"topic": "premises", "message": "Per šalta.", "consent": True}
    response = client.post("/api/v1/feedback/?lang=en", body, content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (503, "temporarily_unavailable")
    assert error["message"].startswith(EN_DOWN)
    assert Feedback.objects.count() == 0


def _session_key_in_redis(session_key: str) -> str:
    return caches[settings.SESSION_CACHE_ALIAS].make_and_validate_key(CACHE_KEY_PREFIX + session_key)


def test_a_cached_session_is_kept_in_redis_at_most_session_cache_seconds(client, patron, private_redis, settings):
    settings.SESSION_CACHE_SECONDS = 120
    client.force_login(patron)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    ttl = redis.Redis.from_url(settings.REDIS_URL).ttl(_session_key_in_redis(key))
    assert 100 < ttl <= 120  # not the session's own two weeks, which the database row keeps
    assert (Session.objects.get(session_key=key).expire_date - timezone.now()).days >= 13


def test_with_redis_not_answering_a_patron_stays_logged_in_and_log_out_is_refused_until_it_answers(
    client, patron, private_redis
):
    """A Redis that stops answering but keeps its data (a paused process, a network cut) is the hard case: a
    log-out that ended the session in the database alone would be undone by the copy in Redis when it answers."""
    LibraryFactory()
    client.force_login(patron)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/lt/services/").wsgi_request.user == patron
    os.kill(private_redis.pid, signal.SIGSTOP)
    try:
        response = client.get("/lt/services/")  # read from the database
        assert (response.status_code, response.wsgi_request.user) == (200, patron)
        refused = client.post("/lt/account/logout/")
        assert refused.status_code == 503
        assert refused["Retry-After"] == "30"
        assert "Jūs vis dar prisijungę" in refused.content.decode()
        assert Session.objects.filter(session_key=key).exists()
    finally:
        os.kill(private_redis.pid, signal.SIGCONT)
    for alias in settings.CACHES:  # the connections that timed out
        caches[alias].close()
    assert client.get("/lt/services/").wsgi_request.user == patron  # still logged in, as the page said
    assert client.post("/lt/account/logout/").status_code == 302
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/lt/services/").wsgi_request.user.is_anonymous
    assert not redis.Redis.from_url(settings.REDIS_URL).exists(_session_key_in_redis(key))
