import datetime as dt

import pytest

from tests.conftest import PASSWORD
from tests.factories import BranchFactory, LibraryFactory, OpeningHoursFactory, ServiceFactory


@pytest.fixture
def data(db):
    LibraryFactory()
    branch = BranchFactory(slug="centrine", name="Centrinė", name_en="Central", name_bg="Централна")
    OpeningHoursFactory(branch=branch, weekday=2, opens=dt.time(9), closes=dt.time(17))
    service = ServiceFactory(slug="kopijavimas", title="Kopijavimas", title_en="Copying", title_fi="Kopiointi")
    service.branches.add(branch)
    return branch


def test_branch_list_lists_branches_with_hours(client, data):
    body = client.get("/api/v1/branches/").json()
    assert body["count"] == 1
    branch = body["results"][0]
    assert branch["slug"] == "centrine"
    assert branch["opening_hours"] == [{"kind": "staffed", "weekday": 2, "opens": "09:00:00", "closes": "17:00:00"}]
    assert isinstance(branch["open_now"], bool)


def test_branch_detail_by_slug(client, data):
    assert client.get("/api/v1/branches/centrine/").json()["name"] == "Centrinė"


def test_language_by_accept_language_header(client, data):
    assert client.get("/api/v1/branches/centrine/", headers={"accept-language": "bg"}).json()["name"] == "Централна"


def test_language_by_query_parameter_wins_over_the_header(client, data):
    response = client.get("/api/v1/services/kopijavimas/?lang=fi", headers={"accept-language": "en"})
    assert response.json()["title"] == "Kopiointi"
    assert response.headers["Content-Language"] == "fi"


def test_bogus_lang_parameter_gives_the_default_language(client, data):
    response = client.get("/api/v1/services/kopijavimas/?lang=klingon", headers={"accept-language": "en"})
    assert response.json()["title"] == "Kopijavimas"


def test_missing_translation_falls_back_to_lithuanian(client, data):
    assert client.get("/api/v1/branches/centrine/?lang=fi").json()["name"] == "Centrinė"


def test_service_list_and_detail(client, data):
    body = client.get("/api/v1/services/?lang=en").json()
    assert [s["title"] for s in body["results"]] == ["Copying"]
    assert body["results"][0]["branches"] == ["centrine"]
    assert body["results"][0]["url"] == "/en/services/kopijavimas/"


def test_unknown_slug_gives_the_json_error_shape(client, data):
    response = client.get("/api/v1/services/nope/?lang=en")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}}


def test_unknown_api_path_gives_the_json_error_shape(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_read_only_endpoints_refuse_writes_with_the_json_error_shape(client, data):
    response = client.post("/api/v1/services/", {"title": "x"})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


def test_token_is_obtained_with_email_and_password_and_authenticates(client, patron):
    response = client.post(
        "/api/v1/auth/token/", {"email": "Patron@Example.org", "password": PASSWORD}, "application/json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/branches/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    bad = api.get("/api/v1/branches/")
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "authentication_failed"


def test_token_with_wrong_password_is_refused_with_a_translated_message(client, patron):
    response = client.post(
        "/api/v1/auth/token/?lang=en", {"email": "patron@example.org", "password": "wrong"}, "application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "status": 400,
        "code": "invalid_credentials",
        "message": "The e-mail address or password is wrong.",
        "fields": {},
    }


def test_token_request_with_bad_input_lists_field_errors(client, db):
    response = client.post("/api/v1/auth/token/?lang=en", {"email": "not-an-email"}, "application/json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"email", "password"}


def test_malformed_json_gives_the_error_shape_not_a_500(client, db):
    response = client.post("/api/v1/auth/token/", "{not json", "application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_openapi_schema_and_docs_are_served(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "openapi: 3" in text
    assert "/api/v1/branches/{slug}/" in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
