"""The patron's ILL pages: the form's rules, the cost confirmation, double clicks, isolation, actions."""

import datetime as dt
import html
import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ill.models import CostLine, IllRequest, Status, StatusChange
from tests.factories import IllRequestFactory


def errors_of(response) -> dict[str, list[str]]:
    """The errors as the page showed them next to each field (in the page's language)."""
    content = response.content.decode()
    return {
        name: [
            html.unescape(text)
            for text in re.findall(rf'<span class="error" id="id_{name}_error">(.*?)</span>', content)
        ]
        for name in response.context["form"].errors
    }


def test_the_form_shows_the_cost_before_anything_is_saved(patron_client, form_data, postal_tariffs):
    response = patron_client.post(reverse("ill:new"), form_data)
    assert response.status_code == 200
    assert response.templates[0].name == "ill/confirm.html"
    assert "5,80" in response.content.decode()  # 2 × 2.90 € domestic postage
    assert not IllRequest.objects.exists()


def test_confirming_creates_one_request_even_when_clicked_twice(patron_client, patron, form_data):
    first = patron_client.post(reverse("ill:new"), {**form_data, "confirm": "1"})
    second = patron_client.post(reverse("ill:new"), {**form_data, "confirm": "1"})
    request = IllRequest.objects.get()
    assert first["Location"] == second["Location"] == request.get_absolute_url()
    assert (request.patron, request.isbn, request.channel) == (patron, "9780306406157", "form")


def test_the_change_button_returns_to_the_form_with_everything_entered(patron_client, form_data):
    response = patron_client.post(reverse("ill:new"), {**form_data, "edit": "1"})
    assert response.templates[0].name == "ill/new.html"
    assert 'value="Donelaitis, Kristijonas"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"isbn": "978-0-306-40615-8"}, "isbn", "This ISBN is not valid"),
        (
            {"kind": "copy", "issn": "0317-8472", "article_title": "A", "pages": "1-2", "copyright_declared": "on"},
            "issn",
            "This ISSN is not valid",
        ),
        ({"year": "1200"}, "year", "Enter a year between 1450 and"),
        ({"year": "3000"}, "year", "Enter a year between 1450 and"),
        ({"not_needed_after": "2020-01-01"}, "not_needed_after", "Enter a date in the future."),
        ({"title": ""}, "title", "Enter the title."),
        (
            {"kind": "copy", "article_title": "", "pages": "3-9", "copyright_declared": "on"},
            "article_title",
            "Enter the title of the article or chapter.",
        ),
        ({"kind": "copy", "article_title": "Straipsnis", "pages": ""}, "pages", "Enter the pages to copy"),
        (
            {"kind": "copy", "article_title": "Straipsnis", "pages": "3-9"},
            "copyright_declared",
            "Confirm the copyright declaration",
        ),
        ({"max_cost": "-1"}, "max_cost", "Enter an amount of 0 or more."),
        ({"max_cost": "abc"}, "max_cost", "Enter a number."),
        ({"pickup_branch": "999999"}, "pickup_branch", "Select a valid choice."),
        ({"kind": "ebook"}, "kind", "Select a valid choice."),
        ({"not_needed_after": "31.12.2099x"}, "not_needed_after", "Enter a valid date."),
    ],
)
def test_each_rule_is_a_translated_error_next_to_its_field_and_keeps_the_input(
    patron_client, form_data, changes, field, message
):
    english = patron_client.post("/en/ill/new/", {**form_data, **changes, "confirm": "1"})
    assert english.status_code == 200
    assert message in " ".join(errors_of(english)[field])
    response = patron_client.post("/lt/ill/new/", {**form_data, **changes, "confirm": "1"})
    assert response.status_code == 200
    lithuanian = errors_of(response)[field]
    assert lithuanian != errors_of(english)[field]  # translated, not the English text
    assert 'value="Donelaitis, Kristijonas"' in response.content.decode()
    assert not IllRequest.objects.exists()


def test_a_copy_of_an_article_is_accepted_with_issn_and_declaration(patron_client, form_data):
    data = {
        **form_data,
        "kind": "copy",
        "isbn": "",
        "issn": "03178471",
        "title": "Journal",
        "article_title": "Art",
        "pages": "15-27",
        "copyright_declared": "on",
        "confirm": "1",
    }
    response = patron_client.post(reverse("ill:new"), data)
    assert response.status_code == 302
    assert IllRequest.objects.get().issn == "0317-8471"


def test_the_patron_is_warned_of_an_open_request_for_the_same_isbn(patron_client, patron, form_data):
    IllRequestFactory(patron=patron, isbn="9780306406157", title="Metai (ankstesnis)")
    response = patron_client.post(reverse("ill:new"), form_data)
    assert [r.title for r in response.context["duplicates"]] == ["Metai (ankstesnis)"]
    assert "Metai (ankstesnis)" in response.content.decode()


def test_no_duplicate_warning_for_a_closed_request_or_another_article(patron_client, patron, form_data):
    IllRequestFactory(patron=patron, isbn="9780306406157", status=Status.COMPLETED)
    IllRequestFactory(patron=patron, kind="copy", issn="0317-8471", article_title="Kitas", copyright_declared=True)
    response = patron_client.post(reverse("ill:new"), form_data)
    assert list(response.context["duplicates"]) == []
    copy = {
        **form_data,
        "kind": "copy",
        "isbn": "",
        "issn": "0317-8471",
        "article_title": "Mano",
        "pages": "1-3",
        "copyright_declared": "on",
    }
    assert list(patron_client.post(reverse("ill:new"), copy).context["duplicates"]) == []


def test_the_form_needs_a_login(client):
    response = client.get(reverse("ill:new"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_visitor_reads_how_ill_works_and_is_asked_to_log_in(client, db):
    response = client.get(reverse("ill:list"))
    assert response.status_code == 200
    assert reverse("account_login") in response.content.decode()


def test_the_list_shows_only_the_patrons_own_requests(patron_client, patron, patron2):
    IllRequestFactory(patron=patron, title="Mano knyga")
    IllRequestFactory(patron=patron2, title="Svetima knyga")
    content = patron_client.get(reverse("ill:list")).content.decode()
    assert "Mano knyga" in content
    assert "Svetima knyga" not in content


def test_another_patrons_request_is_not_found(patron_client, patron2):
    other = IllRequestFactory(patron=patron2)
    assert patron_client.get(other.get_absolute_url()).status_code == 404
    assert patron_client.post(other.get_absolute_url(), {"action": "cancel"}).status_code == 404
    assert IllRequest.objects.get(pk=other.pk).status == Status.SUBMITTED


def test_the_request_page_shows_history_and_lets_the_patron_cancel(patron_client, patron):
    request = IllRequestFactory(patron=patron)
    assert reverse("ill:cancel", args=[request.pk]) in patron_client.get(request.get_absolute_url()).content.decode()
    response = patron_client.post(request.get_absolute_url(), {"action": "cancel"}, follow=True)
    assert IllRequest.objects.get(pk=request.pk).status == Status.CANCELLED
    with translation.override("lt"):
        assert gettext("The request is cancelled.") in response.content.decode()


def test_a_sent_request_offers_only_a_cancellation_request(patron_client, patron):
    request = IllRequestFactory(patron=patron, status=Status.ORDERED)
    content = patron_client.get(request.get_absolute_url()).content.decode()
    assert reverse("ill:cancel", args=[request.pk]) not in content
    assert 'value="request_cancellation"' in content
    patron_client.post(request.get_absolute_url(), {"action": "cancel"})
    assert IllRequest.objects.get(pk=request.pk).status == Status.ORDERED
    patron_client.post(request.get_absolute_url(), {"action": "request_cancellation", "note": "Nebereikia"})
    request.refresh_from_db()
    assert request.cancellation_requested_at is not None
    assert request.status == Status.ORDERED


def test_the_patron_approves_a_cost_on_the_page(patron_client, patron):
    request = IllRequestFactory(patron=patron, status=Status.AWAITING_APPROVAL)
    patron_client.post(request.get_absolute_url(), {"action": "approve"})
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUPPLIER_ACCEPTED


def test_an_empty_message_is_an_error_that_keeps_the_page(patron_client, patron):
    request = IllRequestFactory(patron=patron)
    response = patron_client.post(request.get_absolute_url(), {"action": "message", "body": ""})
    assert response.status_code == 400
    assert response.context["message_form"].errors["body"]
    response = patron_client.post(request.get_absolute_url(), {"action": "message", "body": "Ar galima greičiau?"})
    assert response.status_code == 302
    assert request.messages.get().body == "Ar galima greičiau?"


def test_ready_shows_the_branch_and_the_due_date(patron_client, patron, branch):
    due = timezone.localdate() + dt.timedelta(days=20)
    request = IllRequestFactory(patron=patron, status=Status.READY, pickup_branch=branch, due_date=due)
    content = patron_client.get(request.get_absolute_url()).content.decode()
    assert "Centrinė biblioteka" in content
    assert str(due.year) in content


def test_staff_only_notes_stay_hidden_from_the_patron(patron_client, patron, librarian):
    from ill.services import ill_request_move

    request = IllRequestFactory(patron=patron)
    ill_request_move(
        request_id=request.pk, to_status=Status.NEEDS_INFO, actor=librarian, note="Vidinė pastaba", note_is_public=False
    )
    ill_request_move(request_id=request.pk, to_status=Status.SUBMITTED, actor=librarian, note="Patikslinome metus")
    content = patron_client.get(request.get_absolute_url()).content.decode()
    assert "Vidinė pastaba" not in content
    assert "Patikslinome metus" in content


def test_the_list_page_query_count_does_not_grow_with_the_requests(patron_client, patron):
    IllRequestFactory.create_batch(3, patron=patron)
    patron_client.get(reverse("ill:list"))  # the first visit reads the library into the shared cache
    with CaptureQueriesContext(connection) as few:
        patron_client.get(reverse("ill:list"))
    IllRequestFactory.create_batch(60, patron=patron)
    with CaptureQueriesContext(connection) as many:
        response = patron_client.get(reverse("ill:list"))
    assert response.content.decode().count('<th scope="row">') == 25
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_shows_a_move_at_once(patron_client, patron, librarian):
    from ill.services import ill_request_move

    request = IllRequestFactory(patron=patron, title="Keliaujanti knyga", status=Status.IN_TRANSIT)
    with translation.override("lt"):
        on_its_way, ready = gettext(Status.IN_TRANSIT.label), gettext(Status.READY.label)
    assert on_its_way in patron_client.get("/lt/ill/").content.decode()
    ill_request_move(request_id=request.pk, to_status=Status.READY, actor=librarian)
    content = patron_client.get("/lt/ill/").content.decode()
    assert ready in content
    assert on_its_way not in content


POSTAGE_LINE = {
    "lt": "Knygos iki 1\u00a0000 g pašto išlaidos į abi puses: 2 × 2,90\u00a0€",
    "en": "Postage both ways for a book up to 1,000 g: 2 × €2.90",
    "bg": "Пощенски разходи в двете посоки за книга до 1\u00a0000 г: 2 × 2,90\u00a0€",
    "fi": "Postikulut molempiin suuntiin enintään 1\u00a0000 g:n kirjalle: 2 × 2,90\u00a0€",
}


def test_the_postage_line_is_stored_as_facts_and_read_in_each_pages_language(patron_client, form_data, postal_tariffs):
    with translation.override("lt"):  # submitted on the Lithuanian page
        patron_client.post("/lt/ill/new/", {**form_data, "confirm": "1"})
    request = IllRequest.objects.get()
    line = request.costs.get()
    assert (line.weight_g, line.count, str(line.unit_amount), line.description) == (1000, 2, "2.90", "")
    for lang, expected in POSTAGE_LINE.items():
        page = html.unescape(patron_client.get(f"/{lang}/ill/{request.pk}/").content.decode())
        assert expected in page, lang
    confirm = html.unescape(patron_client.post("/en/ill/new/", {**form_data, "idempotency_key": "k2"}).content.decode())
    assert POSTAGE_LINE["en"] in confirm


def test_the_migration_turns_old_frozen_cost_sentences_into_facts_and_leaves_staff_text(db):
    migration = importlib.import_module("ill.migrations.0007_cost_lines_keep_facts_not_sentences")
    request = IllRequestFactory()
    old = {
        "loan": ("postage", "Knygos iki 1000 g pašto išlaidos į abi puses: 2 × 12.50 €", "25.00"),
        "copy": ("postage", "Postage for copies up to 100 g", "3.10"),
        "lender": ("lender", "Skolinančios bibliotekos SE-UUB mokestis", "40.00"),
        "staff": ("loss", "Sugadintas viršelis", "12.50"),
    }
    lines = {
        key: CostLine.objects.create(request=request, kind=kind, description=text, estimate=amount)
        for key, (kind, text, amount) in old.items()
    }
    migration.cost_lines_to_facts(apps, None)
    for line in lines.values():
        line.refresh_from_db()
    assert (lines["loan"].weight_g, lines["loan"].count, str(lines["loan"].unit_amount)) == (1000, 2, "12.50")
    assert (lines["copy"].weight_g, lines["copy"].count, str(lines["copy"].unit_amount)) == (100, 1, "3.10")
    assert lines["lender"].lender_agency == "SE-UUB"
    assert lines["staff"].description == "Sugadintas viršelis"
    with translation.override("en"):
        assert lines["loan"].details == "Postage both ways for a book up to 1,000 g: 2 × €12.50"
        assert lines["lender"].details == "Charge of the lending library SE-UUB"


def test_history_notes_written_by_the_portal_read_in_each_pages_language(patron_client, patron):
    request = IllRequestFactory(patron=patron, status=Status.SUPPLIER_ACCEPTED)
    StatusChange.objects.create(
        request=request,
        from_status=Status.AWAITING_APPROVAL,
        to_status=Status.SUPPLIER_ACCEPTED,
        actor=patron,
        system_notes=[{"code": "cost_accepted"}],
    )
    for lang in ("lt", "en", "bg", "fi"):
        with translation.override(lang):
            expected = gettext("The patron accepted the cost.")
        page = html.unescape(patron_client.get(f"/{lang}/ill/{request.pk}/").content.decode())
        assert expected in page, lang
    assert "Skaitytojas sutiko" not in html.unescape(patron_client.get(f"/bg/ill/{request.pk}/").content.decode())


def test_the_migration_turns_old_frozen_history_sentences_into_codes_and_keeps_what_people_wrote(db):
    migration = importlib.import_module("ill.migrations.0008_history_notes_by_code")
    request = IllRequestFactory()
    with translation.override("lt"):
        accepted = gettext("The patron accepted the cost.")
    rows = {
        "accepted": ("AWAITING_APPROVAL", "SUPPLIER_ACCEPTED", accepted),
        "charge": ("ORDERED", "AWAITING_APPROVAL", "The lending library charges 25.00 €.\nPer kilogram"),
        "phone": ("", "SUBMITTED", "Telefonas"),
        "staff": ("IN_TRANSIT", "READY", "Atvyko"),
    }
    changes = {
        key: StatusChange.objects.create(request=request, from_status=a, to_status=b, note=note)
        for key, (a, b, note) in rows.items()
    }
    migration.notes_to_codes(apps, None)
    for change in changes.values():
        change.refresh_from_db()
    assert (changes["accepted"].system_notes, changes["accepted"].note) == ([{"code": "cost_accepted"}], "")
    assert changes["charge"].system_notes == [{"code": "lender_charge", "amount": "25.00", "currency": "EUR"}]
    assert changes["charge"].note == "Per kilogram"
    assert changes["phone"].system_notes == [{"code": "channel", "channel": "phone"}]
    assert (changes["staff"].system_notes, changes["staff"].note) == ([], "Atvyko")
    with translation.override("en"):
        assert changes["charge"].note_text == "The lending library charges €25.00.\nPer kilogram"
        assert changes["phone"].note_text == "Received via: Phone"
