"""The ILL API: a patron's own requests only, idempotent submission, cancel, errors in one shape."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ill.models import IllRequest, Status
from tests.factories import IllRequestFactory

LIST = "/api/v1/ill/requests/"


@pytest.fixture
def api(patron):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=patron).key}")
    return client


@pytest.fixture
def body(branch):
    return {
        "kind": "loan",
        "title": "Metai",
        "author": "Donelaitis, Kristijonas",
        "isbn": "9780306406157",
        "pickup_branch": branch.slug,
        "not_needed_after": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "max_cost": "10.00",
        "accept_cost": True,
    }


def test_a_patron_places_a_request_and_reads_it_back(api, body, patron, postal_tariffs):
    response = api.post(LIST, body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["status"], data["pickup_branch"], data["isbn"]) == ("SUBMITTED", "centrine", "9780306406157")
    detail = api.get(f"{LIST}{data['id']}/").json()
    assert detail["costs"][0]["estimate"] == "5.80"
    assert detail["history"][0]["status"] == "SUBMITTED"
    assert IllRequest.objects.get().patron == patron


def test_the_same_idempotency_key_returns_the_first_request_and_creates_nothing(api, body):
    first = api.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    second = api.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    third = api.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="abc-124")
    assert (first.status_code, second.status_code, third.status_code) == (201, 200, 201)
    assert first.json()["id"] == second.json()["id"] != third.json()["id"]
    assert IllRequest.objects.count() == 2


def test_the_list_holds_only_the_patrons_own(api, patron, patron2):
    mine = IllRequestFactory(patron=patron)
    IllRequestFactory(patron=patron2)
    data = api.get(LIST).json()
    assert [item["id"] for item in data["results"]] == [mine.pk]


def test_another_patrons_request_answers_404(api, patron2):
    other = IllRequestFactory(patron=patron2)
    assert api.get(f"{LIST}{other.pk}/").status_code == 404
    assert api.post(f"{LIST}{other.pk}/cancel/").status_code == 404
    assert IllRequest.objects.get(pk=other.pk).status == Status.SUBMITTED


def test_without_login_the_api_answers_401(client, db):
    assert APIClient().get(LIST).status_code in (401, 403)
    assert APIClient().post(LIST, {}, format="json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"isbn": "9780306406158"}, "isbn"),
        ({"issn": "1234-5678", "isbn": ""}, "issn"),
        ({"year": 99}, "year"),
        ({"not_needed_after": "2001-01-01"}, "not_needed_after"),
        ({"kind": "copy", "article_title": "", "pages": ""}, "article_title"),
        ({"kind": "copy", "article_title": "A", "pages": "1"}, "copyright_declared"),
        ({"pickup_branch": "nowhere"}, "pickup_branch"),
        ({"max_cost": "-3"}, "max_cost"),
        ({"accept_cost": False}, "accept_cost"),
        ({"kind": None}, "kind"),
    ],
)
def test_bad_input_answers_400_with_the_field_in_the_error(api, body, changes, field):
    response = api.post(LIST, {**body, **changes}, format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"]
    assert not IllRequest.objects.exists()


def test_malformed_json_answers_400_not_500(api):
    response = api.generic("POST", LIST, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_cancel_before_sending_cancels_and_after_sending_asks_the_staff(api, patron):
    fresh = IllRequestFactory(patron=patron)
    sent = IllRequestFactory(patron=patron, status=Status.ORDERED)
    response = api.post(f"{LIST}{fresh.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "CANCELLED")
    response = api.post(f"{LIST}{sent.pk}/cancel/", {"note": "nebereikia"}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "ORDERED"
    assert response.json()["cancellation_requested_at"] is not None
    response = api.post(f"{LIST}{fresh.pk}/cancel/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "closed"


def test_staff_only_notes_are_blank_in_the_api(api, patron, librarian):
    from ill.services import ill_request_move

    request = IllRequestFactory(patron=patron)
    ill_request_move(
        request_id=request.pk, to_status=Status.NEEDS_INFO, actor=librarian, note="vidinė", note_is_public=False
    )
    history = api.get(f"{LIST}{request.pk}/").json()["history"]
    assert [h["note"] for h in history] == [""]


def test_the_schema_documents_the_ill_endpoints(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/ill/requests/", "/api/v1/ill/requests/{id}/", "/api/v1/ill/requests/{id}/cancel/"):
        assert path in schema
    assert "Idempotency-Key" in schema


def test_a_wrong_token_or_an_inactive_patron_is_refused_with_drfs_own_message(api, patron):
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    refused = stranger.get(f"{LIST}?lang=en")
    assert (refused.status_code, refused.json()["error"]["message"]) == (401, "Invalid token.")
    assert api.get(LIST).status_code == 200
    patron.is_active = False
    patron.save()
    refused = api.get(f"{LIST}?lang=en")
    assert (refused.status_code, refused.json()["error"]["message"]) == (401, "User inactive or deleted.")


def test_the_light_serializers_bind_their_own_copies_of_the_declared_fields():
    from ill.api import RequestInput, RequestOutput

    one, two = RequestInput(data={}), RequestInput(data={})
    assert one.fields["title"] is not two.fields["title"]
    assert (one.fields["title"].parent, two.fields["title"].parent) == (one, two)
    assert getattr(RequestInput._declared_fields["title"], "parent", None) is None
    assert RequestOutput().fields["pickup_branch"].source_attrs == ["pickup_branch", "slug"]
