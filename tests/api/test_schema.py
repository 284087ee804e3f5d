"""The OpenAPI schema says what the API answers: every error, paginated lists, nullable fields, the
ISO 18626 endpoint in XML."""

import pytest


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_documents_its_errors_in_the_one_shape(schema):
    error = {"$ref": "#/components/schemas/ErrorOutput"}
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert "400" in responses, (path, method)
        assert responses["400"]["content"]["application/json"]["schema"] == error, (path, method)
        if "{" in path:
            assert "404" in responses, (path, method)
        if "requestBody" in operation and "iso18626" not in path:
            assert "415" in responses, (path, method)
    ill = schema["paths"]["/api/v1/ill/requests/"]["get"]["responses"]
    assert "401" in ill
    registration = schema["paths"]["/api/v1/events/{id}/registrations/"]["post"]["responses"]
    # Public, with an optional patron token (a verified patron's place is confirmed at once): a bad token is a 401.
    assert "409" in registration and "401" in registration
    assert {"tokenAuth": []} in operation_security(schema, "/api/v1/events/{id}/registrations/", "post")
    assert {} in operation_security(schema, "/api/v1/events/{id}/registrations/", "post")  # the token is optional


def operation_security(schema, path, method):
    return schema["paths"][path][method].get("security", [])


def test_every_limited_write_documents_its_429_and_reads_do_not(schema):
    limited = [
        "/api/v1/auth/token/",
        "/api/v1/feedback/",
        "/api/v1/surveys/{slug}/responses/",
        "/api/v1/events/{id}/registrations/",
        "/api/v1/ill/requests/",
    ]
    for path in limited:
        assert "429" in schema["paths"][path]["post"]["responses"], path
    assert "429" not in schema["paths"]["/api/v1/ill/requests/"]["get"]["responses"]


def test_the_ill_list_is_documented_as_paginated(schema):
    ok = schema["paths"]["/api/v1/ill/requests/"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PaginatedRequestOutputList"}
    names = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/ill/requests/"]["get"]["parameters"]}
    assert (names["limit"]["minimum"], names["limit"]["maximum"]) == (1, 200)


def test_fields_that_can_be_null_say_so(schema):
    components = schema["components"]["schemas"]
    assert components["EventOutput"]["properties"]["partner"]["nullable"] is True
    assert components["EventOutput"]["properties"]["eservice"]["nullable"] is True
    assert components["PlaceOutput"]["properties"]["branch"]["nullable"] is True
    assert components["PriceItemOutput"]["properties"]["room"]["nullable"] is True
    assert "format" not in components["OpeningHoursOutput"]["properties"]["opens"]  # no UTC offset


def test_the_iso18626_endpoint_is_documented_as_xml(schema):
    operation = schema["paths"]["/api/v1/ill/iso18626/"]["post"]
    assert list(operation["requestBody"]["content"]) == ["application/xml"]
    assert {"200", "400", "401", "403", "404", "409", "413", "429", "503"} <= set(operation["responses"])
    assert "application/xml" in operation["responses"]["429"]["content"]  # the endpoint's own limits
    assert "application/xml" in operation["responses"]["409"]["content"]
    assert {"partnerBasic", "partnerBearer"} <= set(schema["components"]["securitySchemes"])


def test_inputs_document_that_control_characters_are_refused(schema):
    message = schema["components"]["schemas"]["FeedbackInputRequest"]["properties"]["message"]
    assert message["pattern"].startswith("^[^\x00-\x08")
    lang = next(p for p in schema["paths"]["/api/v1/services/"]["get"]["parameters"] if p["name"] == "lang")
    assert lang["schema"]["pattern"].startswith("^[^\x00-\x1f")
