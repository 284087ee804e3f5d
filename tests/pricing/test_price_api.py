import pytest


def quote(client, body, lang="en"):
    return client.post(f"/api/v1/price-lists/quote/?lang={lang}", body, "application/json")


def test_current_price_list_has_sections_items_and_amounts(client, seed_list):
    body = client.get("/api/v1/price-lists/current/?lang=en").json()
    assert body["id"] == seed_list.pk
    assert "T1-1123" in body["decisions"]
    assert body["sections"][0]["code"] == "reader_cards"
    card = body["sections"][0]["items"][0]
    assert card["code"] == "reader-card"
    assert [(p["category"], p["amount"]) for p in card["by_category"]] == [
        ("adult", "1.15"),
        ("reduced", "0.70"),
        ("free", "0.00"),
    ]
    binding = next(i for s in body["sections"] for i in s["items"] if i["code"] == "bind-a4")
    assert binding["tiers"][-1] == {"up_to": 95, "amount": "1.60"}


def test_price_list_names_come_in_the_requested_language(client, seed_list):
    body = client.get(f"/api/v1/price-lists/{seed_list.pk}/", headers={"accept-language": "bg"}).json()
    assert body["sections"][0]["items"][0]["name"].startswith("Издаване")


def test_quote_of_ten_colour_copies_and_a_binding_is_ten_thirty(client, seed_list):
    response = quote(
        client, {"lines": [{"item": "copy-colour-a3", "quantity": 10}, {"item": "bind-a4", "quantity": 1, "pages": 50}]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == "10.30"
    assert body["category"] == "adult"
    assert [line["subtotal"] for line in body["lines"]] == ["9.00", "1.30"]


def test_quote_leaves_postage_out_of_the_total_with_a_note(client, seed_list):
    body = quote(client, {"lines": [{"item": "ill-postage", "quantity": 1}, {"item": "fax", "quantity": 2}]}).json()
    assert body["total"] == "1.20"
    assert body["lines"][0]["unit_price"] is None
    assert body["notes"] == ["Items priced individually are not included in the total."]


def test_orphan_reader_card_is_free(client, seed_list):
    body = quote(client, {"category": "free", "lines": [{"item": "reader-card", "quantity": 1}]}).json()
    assert body["total"] == "0.00"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"lines": [{"item": "nope", "quantity": 1}]}, "lines.0.item"),
        ({"lines": [{"item": "fax", "quantity": 0}]}, "lines.0.quantity"),
        ({"lines": [{"item": "fax", "quantity": -3}]}, "lines.0.quantity"),
        ({"lines": [{"item": "bind-a4", "quantity": 1, "pages": "ten"}]}, "lines.0.pages"),
        ({"lines": [{"item": "bind-a4", "quantity": 1, "pages": 2.5}]}, "lines.0.pages"),
        ({"lines": [{"item": "fax", "quantity": 1, "pages": 3}]}, "lines.0.pages"),
        ({"category": "pensioner", "lines": [{"item": "fax", "quantity": 1}]}, "category"),
        ({"lines": []}, "lines"),
        ({}, "lines"),
        ({"lines": "fax"}, "lines"),
    ],
)
def test_bad_quotes_get_a_400_with_a_field_message(client, seed_list, body, field):
    response = quote(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"], error
    assert error["fields"][field][0]


def test_quote_errors_are_translated(client, seed_list):
    error = quote(client, {"lines": [{"item": "nope", "quantity": 1}]}, lang="fi").json()["error"]
    assert error["fields"]["lines.0.item"] != ["There is no such item in the price list."]


def test_draft_versions_are_not_in_the_api(client, seed_list):
    from pricing.services import price_list_copy

    draft = price_list_copy(source=seed_list)
    assert client.get(f"/api/v1/price-lists/{draft.pk}/").status_code == 404


def test_price_lists_cannot_be_changed_through_the_api(client, seed_list, manager):
    client.force_login(manager)
    for method in (client.put, client.patch, client.delete):
        response = method(f"/api/v1/price-lists/{seed_list.pk}/", {"title": "x"}, "application/json")
        assert response.status_code in (403, 405)
        assert "error" in response.json()


def test_price_list_endpoints_use_a_fixed_number_of_queries(client, seed_list, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/price-lists/current/")
    assert response.status_code == 200
    assert response.json()["id"] == seed_list.pk and response.json()["sections"][0]["items"]
