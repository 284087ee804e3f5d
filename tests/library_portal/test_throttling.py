"""Limits on public writes: exactly the configured number passes, then 429 with Retry-After and a
translated message; pages keep what was typed; another client or another target is not affected;
a page and its API share one count."""

import base64
import datetime as dt
from ipaddress import ip_network

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from feedback.models import Feedback, Response
from ill.models import IllRequest, IsoMessage
from library_portal.clients import client_address
from library_portal.demo import demo_load_prices
from library_portal.env import Rate, env_networks, env_rate
from library_portal.models import User
from library_portal.throttling import LimitsUnavailable, Throttled, client_key, throttle
from pricing.models import PatronCategory
from services.models import Registration
from tests.conftest import PASSWORD
from tests.factories import BranchFactory, EventFactory, IllRequestFactory, PartnerLibraryFactory, UserFactory, token_of
from tests.feedback.conftest import build_survey
from tests.ill.iso18626_helpers import supplying_message
from tests.library_portal.test_accounts import STRONG

# 5 s into a 10-minute window (windows are counted from the Unix epoch), so 595 s are left of it.
NOW = dt.datetime(2026, 3, 10, 8, 0, 5, tzinfo=dt.UTC)
EN_WAIT = "There were too many attempts in a short time. Please try again in 10 minutes."
LT_WAIT = "Per trumpą laiką buvo per daug bandymų. Bandykite dar kartą po 10 minučių."
FEEDBACK = {"topic": "premises", "message": "Šoniniame įėjime slidu.", "name": "", "email": "", "consent": "on"}


@pytest.fixture(autouse=True)
def clock():
    """A still clock: the window and Retry-After do not depend on when the test runs."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def limit(settings):
    def set_limit(scope: str, count: int, window: int = 600) -> None:
        settings.THROTTLES = {**settings.THROTTLES, scope: Rate(count, window)}

    return set_limit


def assert_throttled_page(response, *, text: str, kept: str) -> None:
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "595"
    assert text in body
    assert kept in body  # what the visitor typed is still in the form


def assert_throttled_api(response, *, text: str = EN_WAIT) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "595"
    assert response.json() == {"error": {"status": 429, "code": "throttled", "message": text, "fields": {}}}


# The counter ---------------------------------------------------------------------------------------


def test_the_limit_is_reached_exactly_and_the_next_window_starts_afresh(db, limit, clock):
    limit("feedback", 3)
    for _n in range(3):
        throttle(scope="feedback", key="10.0.0.1")
    with pytest.raises(Throttled) as refused:
        throttle(scope="feedback", key="10.0.0.1")
    assert (refused.value.status, refused.value.retry_after) == (429, 595)
    throttle(scope="feedback", key="10.0.0.2")  # another key has its own count
    clock.shift(dt.timedelta(seconds=595))
    throttle(scope="feedback", key="10.0.0.1")


def test_the_wait_is_said_in_hours_when_it_is_long(db, limit):
    limit("ill-submission", 1, window=86400)
    throttle(scope="ill-submission", key="7")
    with pytest.raises(Throttled) as refused, translation.override("en"):
        throttle(scope="ill-submission", key="7")
    assert refused.value.retry_after == 86400 - 8 * 3600 - 5
    assert str(refused.value.message).endswith("Please try again in 16 hours.")


def test_an_unreachable_cache_refuses_the_action(db, limit, settings):
    limit("feedback", 1)
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        },
    }
    with pytest.raises(LimitsUnavailable) as refused:
        throttle(scope="feedback", key="10.0.0.1")
    assert (refused.value.status, refused.value.retry_after) == (503, 30)


def test_rates_and_proxies_are_read_from_the_environment_and_refused_when_malformed(monkeypatch):
    monkeypatch.setenv("THROTTLE_X", "7/2h")
    assert env_rate("THROTTLE_X", default="1/1s") == Rate(7, 7200)
    monkeypatch.setenv("THROTTLE_X", "")
    assert env_rate("THROTTLE_X", default="5/600") == Rate(5, 600)
    for bad in ("7", "7/", "x/10m", "0/10m", "5/0", "5/10w"):
        monkeypatch.setenv("THROTTLE_X", bad)
        with pytest.raises(ImproperlyConfigured, match="THROTTLE_X"):
            env_rate("THROTTLE_X", default="1/1s")
    monkeypatch.setenv("PROXIES_X", "10.0.0.1, 192.168.0.0/24,::1")
    assert env_networks("PROXIES_X", default=[]) == (
        ip_network("10.0.0.1/32"),
        ip_network("192.168.0.0/24"),
        ip_network("::1/128"),
    )
    monkeypatch.setenv("PROXIES_X", "10.0.0.1,proxy.example")
    with pytest.raises(ImproperlyConfigured, match=r"proxy\.example"):
        env_networks("PROXIES_X", default=[])


# The client's address --------------------------------------------------------------------------------


class FakeRequest:
    def __init__(self, remote: str, forwarded: str | None = None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = (ip_network("10.0.0.0/24"), ip_network("172.16.5.9/32"))


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(proxies):
    assert client_address(FakeRequest("198.51.100.20", "203.0.113.1")) == "198.51.100.20"
    assert client_address(FakeRequest("198.51.100.20")) == "198.51.100.20"


def test_the_client_is_the_right_most_hop_that_is_not_a_trusted_proxy(proxies):
    # The patron wrote a forged first hop; our two proxies each appended the address they saw.
    request = FakeRequest("10.0.0.7", "6.6.6.6, 203.0.113.50, 172.16.5.9")
    assert client_address(request) == "203.0.113.50"
    assert client_address(FakeRequest("10.0.0.7", "203.0.113.50:51234")) == "203.0.113.50"
    assert client_address(FakeRequest("10.0.0.7", "[2001:db8::5]:443")) == "2001:db8::5"


def test_a_malformed_forwarded_header_falls_back_to_the_last_known_address(proxies):
    assert client_address(FakeRequest("10.0.0.7", "")) == "10.0.0.7"
    assert client_address(FakeRequest("10.0.0.7", "not-an-address")) == "10.0.0.7"
    assert client_address(FakeRequest("10.0.0.7", "203.0.113.50, garbage, 172.16.5.9")) == "172.16.5.9"
    assert client_address(FakeRequest("10.0.0.7", "10.0.0.8, 10.0.0.9")) == "10.0.0.8"  # only proxies
    assert client_address(FakeRequest("10.0.0.7", "\x00\r\n")) == "10.0.0.7"


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.TRUSTED_PROXIES = ()
    assert client_address(FakeRequest("10.0.0.7", "203.0.113.50")) == "10.0.0.7"


def test_an_ipv6_client_is_counted_by_its_64_network(settings):
    settings.TRUSTED_PROXIES = ()
    assert client_key(FakeRequest("2001:db8:1:2:aaaa::1")) == client_key(FakeRequest("2001:db8:1:2:bbbb::9"))
    assert client_key(FakeRequest("2001:db8:1:2::1")) != client_key(FakeRequest("2001:db8:1:3::1"))
    assert client_key(FakeRequest("::ffff:203.0.113.9")) == "203.0.113.9"


def test_patrons_behind_the_trusted_proxy_have_their_own_limits(client, db, limit, settings):
    limit("feedback", 1)
    settings.TRUSTED_PROXIES = (ip_network("127.0.0.1/32"),)
    assert client.post("/en/feedback/", FEEDBACK, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
    assert client.post("/en/feedback/", FEEDBACK, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200
    assert client.post("/en/feedback/", FEEDBACK, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


# Feedback ----------------------------------------------------------------------------------------------


def test_feedback_page_is_limited_per_client_and_keeps_the_message(client, db, limit):
    limit("feedback", 2)
    for _n in range(2):
        assert client.post("/en/feedback/", FEEDBACK).status_code == 200
    assert_throttled_page(client.post("/en/feedback/", FEEDBACK), text=EN_WAIT, kept=FEEDBACK["message"])
    assert_throttled_page(client.post("/lt/feedback/", FEEDBACK), text=LT_WAIT, kept=FEEDBACK["message"])
    assert Feedback.objects.count() == 2
    assert client.post("/en/feedback/", FEEDBACK, REMOTE_ADDR="10.9.9.9").status_code == 200
    assert Feedback.objects.count() == 3


def test_feedback_page_and_api_share_one_count(client, db, limit):
    limit("feedback", 2)
    body = {"topic": "premises", "message": "Per šalta.", "consent": True}
    assert client.post("/en/feedback/", FEEDBACK).status_code == 200
    assert client.post("/api/v1/feedback/?lang=en", body, content_type="application/json").status_code == 201
    assert_throttled_api(client.post("/api/v1/feedback/?lang=en", body, content_type="application/json"))
    lithuanian = client.post("/api/v1/feedback/?lang=lt", body, content_type="application/json")
    assert_throttled_api(lithuanian, text=LT_WAIT)
    other = client.post("/api/v1/feedback/", body, content_type="application/json", REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 201
    assert Feedback.objects.count() == 3


# Log-in, password reset, registration ------------------------------------------------------------------


def test_login_is_limited_per_account_on_the_page_and_the_api_together(client, patron, limit):
    limit("login-account", 2)
    wrong = {"username": patron.email, "password": "wrong"}
    assert client.post("/en/account/login/", wrong).status_code == 200
    api = client.post("/api/v1/auth/token/", {"email": patron.email, "password": "x"}, content_type="application/json")
    assert api.status_code == 400
    # Over the limit even the right password is refused, so guessing gains nothing.
    right = {"username": patron.email, "password": PASSWORD}
    assert_throttled_page(client.post("/en/account/login/", right), text=EN_WAIT, kept=patron.email)
    assert_throttled_page(client.post("/lt/account/login/", right), text=LT_WAIT, kept=patron.email)
    assert "_auth_user_id" not in client.session
    api = client.post(
        "/api/v1/auth/token/?lang=en", {"email": patron.email, "password": PASSWORD}, content_type="application/json"
    )
    assert_throttled_api(api)
    other = UserFactory(email="other@example.org", password=PASSWORD)
    assert client.post("/en/account/login/", {"username": other.email, "password": PASSWORD}).status_code == 302


def test_login_is_limited_per_client_across_accounts(db, limit):
    limit("login-client", 3)
    guesser = Client()
    for n in range(3):
        assert guesser.post("/en/account/login/", {"username": f"a{n}@example.org", "password": "x"}).status_code == 200
    page = guesser.post("/en/account/login/", {"username": "a9@example.org", "password": "x"})
    assert_throttled_page(page, text=EN_WAIT, kept="a9@example.org")
    api = APIClient().post("/api/v1/auth/token/?lang=en", {"email": "a9@example.org", "password": "x"}, format="json")
    assert_throttled_api(api)
    elsewhere = Client(REMOTE_ADDR="10.9.9.9")
    assert elsewhere.post("/en/account/login/", {"username": "a9@example.org", "password": "x"}).status_code == 200


def test_password_reset_is_limited_per_address(client, patron, limit):
    limit("password-reset-address", 2)
    for _n in range(2):
        assert client.post("/en/account/password-reset/", {"email": patron.email}).status_code == 302
    page = client.post("/en/account/password-reset/", {"email": patron.email.upper()})
    assert_throttled_page(page, text=EN_WAIT, kept=patron.email.upper())
    assert DBTaskResult.objects.count() == 2  # the refused request queued no mail
    assert client.post("/en/account/password-reset/", {"email": "someone@example.org"}).status_code == 302


def test_password_reset_is_limited_per_client(client, db, limit):
    limit("password-reset-client", 2)
    for n in range(2):
        assert client.post("/en/account/password-reset/", {"email": f"p{n}@example.org"}).status_code == 302
    page = client.post("/lt/account/password-reset/", {"email": "p7@example.org"})
    assert_throttled_page(page, text=LT_WAIT, kept="p7@example.org")
    other = Client(REMOTE_ADDR="10.9.9.9").post("/en/account/password-reset/", {"email": "p7@example.org"})
    assert other.status_code == 302


def test_registration_is_limited_per_client_and_keeps_the_form(db, limit):
    demo_load_prices()
    limit("register-client", 2)
    category = PatronCategory.objects.get(code="adult").pk

    def data(n):
        return {
            "first_name": "Ona",
            "last_name": f"Onaitė{n}",
            "email": f"ona{n}@example.org",
            "category": category,
            "password1": STRONG,
            "password2": STRONG,
            "consent": "on",
        }

    client = Client()
    for n in range(2):
        assert client.post("/en/account/register/", data(n)).status_code == 200
    assert_throttled_page(client.post("/en/account/register/", data(3)), text=EN_WAIT, kept="ona3@example.org")
    assert not User.objects.filter(email="ona3@example.org").exists()
    assert Client(REMOTE_ADDR="10.9.9.9").post("/en/account/register/", data(3)).status_code == 200


# Events, surveys ------------------------------------------------------------------------------------------


def test_event_registration_is_limited_per_client_and_event_on_page_and_api(db, limit):
    limit("event-registration", 2)
    event, other_event = EventFactory(), EventFactory()
    client = Client()

    def person(n):
        return {"name": f"Jonas {n}", "email": f"jonas{n}@example.org", "consent": "on"}

    assert client.post(f"/en/events/{event.pk}/", person(1)).status_code == 200
    api = client.post(
        f"/api/v1/events/{event.pk}/registrations/",
        {"name": "Jonas 2", "email": "jonas2@example.org", "consent": True},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert_throttled_page(client.post(f"/en/events/{event.pk}/", person(3)), text=EN_WAIT, kept="jonas3@example.org")
    assert_throttled_page(client.post(f"/lt/events/{event.pk}/", person(3)), text=LT_WAIT, kept="jonas3@example.org")
    api = client.post(
        f"/api/v1/events/{event.pk}/registrations/?lang=en",
        {"name": "Jonas 4", "email": "jonas4@example.org", "consent": True},
        content_type="application/json",
    )
    assert_throttled_api(api)
    assert client.post(f"/en/events/{other_event.pk}/", person(5)).status_code == 200
    assert Client(REMOTE_ADDR="10.9.9.9").post(f"/en/events/{event.pk}/", person(6)).status_code == 200
    assert Registration.objects.filter(event=event).count() == 3


def test_survey_responses_are_limited_per_client_and_survey_on_page_and_api(db, limit):
    limit("survey-response", 2)
    cast, other = build_survey(), build_survey()

    def page_post(client, survey_cast, lang="en"):
        client.cookies.clear()  # the "already answered" cookie of a public survey
        return client.post(
            f"/{lang}/surveys/{survey_cast.survey.slug}/",
            {
                "page": "1",
                survey_cast.scale.field_name: "4",
                survey_cast.help.field_name: "no",
                survey_cast.nps.field_name: "8",
            },
        )

    def api_post(client, survey_cast, lang="en"):
        return client.post(
            f"/api/v1/surveys/{survey_cast.survey.slug}/responses/?lang={lang}",
            {"answers": {survey_cast.scale.field_name: 5, survey_cast.help.field_name: "no"}},
            content_type="application/json",
        )

    client = Client()
    assert page_post(client, cast).status_code == 302
    assert api_post(client, cast).status_code == 201
    refused = page_post(client, cast)
    assert_throttled_page(refused, text=EN_WAIT, kept=f'name="{cast.scale.field_name}" value="4"')
    assert_throttled_page(page_post(client, cast, "lt"), text=LT_WAIT, kept=f'name="{cast.help.field_name}"')
    assert_throttled_api(api_post(client, cast))
    assert page_post(client, other).status_code == 302
    assert api_post(Client(REMOTE_ADDR="10.9.9.9"), cast).status_code == 201
    assert Response.objects.filter(survey=cast.survey).count() == 3


# Interlibrary loan ------------------------------------------------------------------------------------------


@pytest.fixture
def ill_form(db):
    branch = BranchFactory(slug="centrine")
    return {
        "kind": "loan",
        "title": "Metai",
        "author": "Donelaitis, Kristijonas",
        "isbn": "0-306-40615-2",
        "pickup_branch": branch.pk,
        "not_needed_after": (NOW.date() + dt.timedelta(days=30)).isoformat(),
        "scope": "domestic",
        "max_cost": "10.00",
    }


def test_ill_submissions_are_limited_per_patron_on_page_and_api(patron, patron2, ill_form, limit):
    limit("ill-submission", 2)
    page_client = Client()
    page_client.login(email=patron.email, password=PASSWORD)
    first = page_client.post("/en/ill/new/", {**ill_form, "idempotency_key": "k1", "confirm": "1"})
    assert first.status_code == 302
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=patron).key}")
    body = {**ill_form, "pickup_branch": "centrine", "accept_cost": True}
    assert api.post("/api/v1/ill/requests/?lang=en", body, format="json").status_code == 201
    refused = page_client.post("/en/ill/new/", {**ill_form, "idempotency_key": "k3", "confirm": "1"})
    assert_throttled_page(refused, text=EN_WAIT, kept='value="Donelaitis, Kristijonas"')
    refused = page_client.post("/lt/ill/new/", {**ill_form, "idempotency_key": "k3", "confirm": "1"})
    assert_throttled_page(refused, text=LT_WAIT, kept='value="Metai"')
    assert_throttled_api(api.post("/api/v1/ill/requests/?lang=en", body, format="json"))
    assert IllRequest.objects.filter(patron=patron).count() == 2
    # Another patron from the same address is not affected.
    other = Client()
    other.login(email=patron2.email, password=PASSWORD)
    assert other.post("/en/ill/new/", {**ill_form, "idempotency_key": "k9", "confirm": "1"}).status_code == 302


# ISO 18626 --------------------------------------------------------------------------------------------------

ISO_BODY = b'<?xml version="1.0"?><ISO18626Message xmlns="http://illtransactions.org/2013/iso18626"/>'


def basic(partner) -> str:
    return "Basic " + base64.b64encode(f"{partner.agency_id}:{token_of(partner)}".encode()).decode()


def test_the_iso18626_endpoint_is_limited_per_partner_and_keeps_nothing_of_the_flood(db, limit):
    limit("iso18626-partner", 2)
    partner, other = PartnerLibraryFactory(), PartnerLibraryFactory()
    requests = {who.pk: IllRequestFactory(partner=who) for who in (partner, other)}
    client = Client()

    def post(who, **extra):
        body = supplying_message(requests[who.pk], reason="StatusChange", status="ExpectToSupply")
        return client.post(
            "/api/v1/ill/iso18626/", body, content_type="application/xml", HTTP_AUTHORIZATION=basic(who), **extra
        )

    assert 429 not in [post(partner).status_code for _n in range(2)]
    kept = IsoMessage.objects.count()
    refused = post(partner)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "595"
    assert b"<messageStatus>ERROR</messageStatus>" in refused.content
    assert b"Too many messages" in refused.content
    assert IsoMessage.objects.count() == kept
    # The partner is counted wherever it posts from; another partner has its own count.
    assert post(partner, REMOTE_ADDR="10.9.9.9").status_code == 429
    assert post(other).status_code != 429


def test_the_iso18626_endpoint_is_limited_per_address_before_the_partner_is_known(db, limit):
    limit("iso18626-client", 2)
    client = Client()
    statuses = [
        client.post("/api/v1/ill/iso18626/", ISO_BODY, content_type="application/xml").status_code for _n in range(3)
    ]
    assert statuses[2] == 429 and 429 not in statuses[:2]
    elsewhere = Client(REMOTE_ADDR="10.9.9.9").post("/api/v1/ill/iso18626/", ISO_BODY, content_type="application/xml")
    assert elsewhere.status_code != 429
