"""Every list endpoint bounds `?limit=` and `?offset=`: a bad value answers 400 in the API's error shape."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import BranchFactory, IllRequestFactory, PartnerFactory, ServiceFactory

LISTS = [
    "/api/v1/branches/",
    "/api/v1/services/",
    "/api/v1/partners/",
    "/api/v1/e-services/",
    "/api/v1/events/",
    "/api/v1/ill/requests/",
]


@pytest.fixture
def api(patron):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=patron).key}")
    return client


@pytest.fixture
def rows(patron):
    BranchFactory()
    ServiceFactory()
    PartnerFactory()
    IllRequestFactory(patron=patron)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=10000", "limit", "Enter a whole number from 1 to 200."),
        ("limit=abc", "limit", "Enter a whole number from 1 to 200."),
        ("limit=0", "limit", "Enter a whole number from 1 to 200."),
        ("limit=-5", "limit", "Enter a whole number from 1 to 200."),
        ("limit=99999999999999999999999", "limit", "Enter a whole number from 1 to 200."),
        ("offset=abc", "offset", "Enter a whole number of 0 or more."),
        ("offset=-1", "offset", "Enter a whole number of 0 or more."),
    ],
)
def test_a_bad_limit_or_offset_is_refused_with_400(api, rows, url, query, field, message):
    response = api.get(f"{url}?{query}&lang=en")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: [message]}


@pytest.mark.parametrize("url", LISTS)
def test_the_bounds_themselves_are_accepted(api, rows, url):
    assert api.get(f"{url}?limit=200").status_code == 200
    assert api.get(f"{url}?limit=1").json()["count"] >= 0
    far = api.get(f"{url}?offset=999999999999999999")
    assert far.status_code == 200
    assert far.json()["results"] == []


def test_the_message_is_translated(api, rows):
    response = api.get("/api/v1/branches/?limit=abc&lang=lt")
    assert response.json()["error"]["fields"] == {"limit": ["Įveskite sveikąjį skaičių nuo 1 iki 200."]}


def test_the_ill_list_is_paginated_like_the_others(api, patron):
    IllRequestFactory.create_batch(3, patron=patron)
    data = api.get("/api/v1/ill/requests/?limit=2").json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert "offset=2" in data["next"]
