import datetime as dt
import re

import pytest

from pricing.services import price_list_copy, price_list_publish
from tests.library_portal.test_error_summary import assert_error_summary


@pytest.mark.parametrize(
    "lang,card", [("lt", "1,15\u00a0€"), ("fi", "1,15\u00a0€"), ("bg", "1,15\u00a0€"), ("en", "€1.15")]
)
def test_prices_page_shows_the_list_in_force_with_amounts_per_language(client, seed_list, lang, card):
    html = client.get(f"/{lang}/prices/").content.decode()
    assert card in html
    assert "T1-1123" in html
    assert f'href="/{lang}/prices/{seed_list.pk}/pdf/"' in html


def test_prices_page_lists_earlier_and_upcoming_versions(client, seed_list, manager):
    upcoming = price_list_copy(source=seed_list)
    upcoming.title_en = "Prices from 2030"
    upcoming.save()
    price_list_publish(price_list=upcoming, effective_from=dt.date(2030, 1, 1), user=manager)
    html = client.get("/en/prices/").content.decode()
    assert f'href="/en/prices/{upcoming.pk}/"' in html
    assert "upcoming" in html
    assert "Prices from 2030" in client.get(f"/en/prices/{upcoming.pk}/").content.decode()


def test_a_draft_is_hidden_from_patrons_and_previewed_by_staff(client, seed_list, librarian):
    draft = price_list_copy(source=seed_list)
    for path in (f"/lt/prices/{draft.pk}/", f"/lt/prices/{draft.pk}/pdf/"):
        assert client.get(path).status_code == 404
    client.force_login(librarian)
    preview = client.get(f"/lt/prices/{draft.pk}/")
    assert preview.status_code == 200
    assert "T1-1123" in preview.content.decode()


def test_unknown_version_is_a_404(client, seed_list):
    assert client.get("/en/prices/999999/").status_code == 404
    assert client.get("/en/prices/999999/pdf/").status_code == 404
    assert client.get("/api/v1/price-lists/999999/").status_code == 404


def test_without_a_list_in_force_the_pages_say_so(client, db):
    assert "No price list is in force today" in client.get("/en/prices/").content.decode()
    assert "No price list is in force today" in client.get("/en/prices/quote/").content.decode()
    assert client.get("/en/prices/pdf/").status_code == 404


def test_csv_of_any_version_is_for_staff_only(client, seed_list, patron, manager):
    assert client.get(f"/lt/prices/{seed_list.pk}/csv/").status_code == 403
    client.force_login(patron)
    assert client.get(f"/lt/prices/{seed_list.pk}/csv/").status_code == 403
    client.force_login(manager)
    response = client.get(f"/en/prices/{seed_list.pk}/csv/")
    assert response.status_code == 200
    rows = response.content.decode().splitlines()
    assert rows[0].startswith("Section,Code,Name,Unit,Pricing")
    assert any("bind-a4" in row and ",95,1.60" in row for row in rows)
    assert any("reader-card" in row and "0.70" in row for row in rows)


def test_prices_page_uses_a_fixed_number_of_queries(client, seed_list, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/lt/prices/")
    assert response.status_code == 200
    assert "T1-1123" in response.content.decode()  # the list itself, not an empty page, within the count


def _lines(*rows, category="adult", **extra):
    data = {"category": category, "lines-TOTAL_FORMS": str(len(rows)), "lines-INITIAL_FORMS": "0", **extra}
    for index, (item, quantity, pages) in enumerate(rows):
        data |= {f"lines-{index}-item": item, f"lines-{index}-quantity": quantity, f"lines-{index}-pages": pages}
    return data


def test_quote_page_offers_three_empty_lines(client, seed_list):
    html = client.get("/en/prices/quote/").content.decode()
    assert 'name="lines-2-item"' in html
    assert 'name="lines-3-item"' not in html


def test_quote_page_calculates_ten_colour_copies_and_a_binding(client, seed_list):
    response = client.post(
        "/en/prices/quote/", _lines(("copy-colour-a3", "10", ""), ("bind-a4", "1", "50"), ("", "", ""), calculate="1")
    )
    html = response.content.decode()
    assert "€10.30" in html
    assert "€9.00" in html


def test_adding_a_line_keeps_what_was_entered(client, seed_list):
    response = client.post("/en/prices/quote/", _lines(("copy-colour-a3", "10", ""), add_line="1", category="reduced"))
    html = response.content.decode()
    assert 'name="lines-1-item"' in html
    assert 'value="10"' in html
    assert '<option value="copy-colour-a3" selected>' in html
    assert '<option value="reduced" selected>' in html


@pytest.mark.parametrize(
    "row,message",
    [
        (("copy-colour-a3", "0", ""), "Ensure this value is greater than or equal to 0.01."),
        (("copy-colour-a3", "abc", ""), "Enter a number."),
        (("copy-colour-a3", "2", "12"), "not priced by the number of sheets"),
        (("bind-a4", "1", ""), "Give the number of sheets"),
        (("bind-a4", "1", "2.5"), "Enter a whole number."),
        (("no-such", "1", ""), "Select a valid choice."),
        (("", "3", ""), "Choose a service for this line."),
    ],
)
def test_quote_errors_are_shown_next_to_the_field_and_keep_the_input(client, seed_list, row, message):
    response = client.post("/en/prices/quote/", _lines(row, calculate="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{row[1]}"' in html


def test_quote_errors_are_translated(client, seed_list):
    html = client.post("/lt/prices/quote/", _lines(("bind-a4", "1", ""), calculate="1")).content.decode()
    assert "Give the number of sheets" not in html
    assert 'class="error"' in html


def test_quote_with_no_lines_asks_for_one(client, seed_list):
    html = client.post("/en/prices/quote/", _lines(("", "", ""), calculate="1")).content.decode()
    assert "Add at least one line." in html


def test_bogus_management_form_does_not_break_the_calculator(client, seed_list):
    response = client.post("/en/prices/quote/", {"category": "adult", "lines-TOTAL_FORMS": "x", "add_line": "1"})
    assert response.status_code == 200
    response = client.post("/en/prices/quote/", {"category": "adult", "calculate": "1"})
    assert response.status_code == 200


def test_reduced_category_price_shows_on_the_quote(client, seed_list):
    html = client.post("/en/prices/quote/", _lines(("reader-card", "1", ""), category="reduced", calculate="1"))
    assert "€0.70" in html.content.decode()


def test_quote_errors_are_summarised_and_the_category_error_is_tied_to_its_field(client, seed_list):
    response = client.post("/lt/prices/quote/", _lines(("", "3", ""), category="no-such", calculate="1"))
    targets = assert_error_summary(response, "lt")
    assert targets == ["id_category", "id_lines-0-item"]
    select = re.search(r'<select[^>]*id="id_category"[^>]*>', response.content.decode()).group(0)
    assert 'aria-describedby="id_category_error"' in select
    assert 'aria-invalid="true"' in select
