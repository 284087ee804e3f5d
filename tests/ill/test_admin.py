"""The ILL back office: only allowed moves offered, moves through the service, entry for a patron, CSV export."""

import csv
import io

import pytest
from django.urls import reverse

from ill.models import IllRequest, Status, StatusChange
from tests.conftest import PASSWORD
from tests.ill.factories import IllRequestFactory


@pytest.fixture
def staff_client(client, librarian):
    client.login(email=librarian.email, password=PASSWORD)
    return client


def test_the_request_page_offers_exactly_the_allowed_next_moves(staff_client):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    offered = {s for s in Status.values if reverse("admin:ill_illrequest_move", args=[request.pk, s]) in content}
    assert offered == {Status.READY, Status.DELIVERED, Status.UNFILLED}


def test_a_closed_request_offers_no_move(staff_client):
    request = IllRequestFactory(status=Status.COMPLETED)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    assert "/move/" not in content


def test_a_librarian_moves_a_request_to_ready_with_a_due_date(staff_client, librarian):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    url = reverse("admin:ill_illrequest_move", args=[request.pk, Status.READY])
    response = staff_client.post(url, {"note": "Atvyko", "note_is_public": "on", "due_date": "2030-01-31"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, str(request.due_date)) == (Status.READY, "2030-01-31")
    change = StatusChange.objects.get(request=request)
    assert (change.actor, change.note, change.from_status) == (librarian, "Atvyko", Status.IN_TRANSIT)


def test_rejecting_in_the_back_office_needs_the_reason(staff_client):
    request = IllRequestFactory()
    url = reverse("admin:ill_illrequest_move", args=[request.pk, Status.REJECTED])
    response = staff_client.post(url, {"note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    staff_client.post(url, {"reason": "rare"})
    assert IllRequest.objects.get(pk=request.pk).status == Status.REJECTED


def test_a_move_outside_the_table_is_refused_with_a_message(staff_client):
    request = IllRequestFactory(status=Status.SUBMITTED)
    response = staff_client.post(reverse("admin:ill_illrequest_move", args=[request.pk, Status.READY]), follow=True)
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_the_status_cannot_be_edited_in_the_form(staff_client):
    request = IllRequestFactory()
    response = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk]))
    assert 'name="status"' not in response.content.decode()


def test_staff_enter_a_request_for_a_patron_with_the_channel(staff_client, librarian, patron, branch):
    data = {
        "patron": patron.pk,
        "channel": "phone",
        "kind": "loan",
        "title": "Metai",
        "pickup_branch": branch.pk,
        "not_needed_after": "2099-01-01",
        "scope": "domestic",
        "max_cost": "5",
        "idempotency_key": "staff-1",
    }
    response = staff_client.post(reverse("admin:ill_illrequest_enter"), data)
    assert response.status_code == 302
    request = IllRequest.objects.get()
    assert (request.patron, request.channel, request.entered_by) == (patron, "phone", librarian)
    bad = staff_client.post(reverse("admin:ill_illrequest_enter"), {**data, "isbn": "12", "idempotency_key": "x"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["isbn"]
    assert IllRequest.objects.count() == 1


def test_the_list_filters_and_searches_by_card_number(staff_client, patron):
    from library_portal.models import PatronProfile

    PatronProfile.objects.create(user=patron, card_number="SIL-777")
    mine = IllRequestFactory(patron=patron, title="Ieškoma knyga")
    IllRequestFactory(title="Kita knyga", status=Status.ORDERED)
    content = staff_client.get(reverse("admin:ill_illrequest_changelist"), {"q": "SIL-777"}).content.decode()
    assert "Ieškoma knyga" in content
    assert "Kita knyga" not in content
    content = staff_client.get(
        reverse("admin:ill_illrequest_changelist"), {"status__exact": "ORDERED"}
    ).content.decode()
    assert "Kita knyga" in content
    assert mine.title not in content


def test_the_csv_export_follows_the_filters(staff_client):
    IllRequestFactory(title="Užsakyta", status=Status.ORDERED)
    IllRequestFactory(title="Nauja")
    response = staff_client.get(reverse("admin:ill_illrequest_export"), {"status__exact": "ORDERED"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][7] == "Užsakyta"


def test_overdue_and_cancellation_filters(staff_client):
    import datetime as dt

    from django.utils import timezone

    overdue = IllRequestFactory(
        title="Pavėluota", status=Status.ON_LOAN, due_date=timezone.localdate() - dt.timedelta(1)
    )
    IllRequestFactory(title="Laiku", status=Status.ON_LOAN, due_date=timezone.localdate() + dt.timedelta(1))
    flagged = IllRequestFactory(title="Atšaukti prašo", status=Status.ORDERED, cancellation_requested_at=timezone.now())
    changelist = reverse("admin:ill_illrequest_changelist")
    content = staff_client.get(changelist, {"overdue": "yes"}).content.decode()
    assert overdue.title in content
    assert "Laiku" not in content
    content = staff_client.get(changelist, {"cancellation": "yes"}).content.decode()
    assert flagged.title in content
    assert overdue.title not in content


def test_a_patron_cannot_open_the_back_office(client, patron):
    client.login(email=patron.email, password=PASSWORD)
    response = client.get(reverse("admin:ill_illrequest_changelist"))
    assert response.status_code == 302


def test_staff_corrections_of_an_isbn_are_checked_like_the_patrons(staff_client):
    request = IllRequestFactory(isbn="")
    url = reverse("admin:ill_illrequest_change", args=[request.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "isbn": "0-306-40615-3",
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
            "costs-TOTAL_FORMS": "0",
            "costs-INITIAL_FORMS": "0",
            "messages-TOTAL_FORMS": "0",
            "messages-INITIAL_FORMS": "0",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["isbn"]
    data["isbn"] = "0-306-40615-2"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert IllRequest.objects.get(pk=request.pk).isbn == "9780306406157"


def test_a_loss_charge_added_inline_is_recorded_in_the_history(staff_client, librarian):
    request = IllRequestFactory(status=Status.ON_LOAN)
    url = reverse("admin:ill_illrequest_change", args=[request.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
            "messages-TOTAL_FORMS": "0",
            "messages-INITIAL_FORMS": "0",
            "costs-TOTAL_FORMS": "1",
            "costs-INITIAL_FORMS": "0",
            "costs-0-kind": "loss",
            "costs-0-description": "Sugadintas viršelis",
            "costs-0-amount": "12.50",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    line = request.costs.get()
    assert (line.kind, str(line.amount)) == ("loss", "12.50")
    change = request.history.get()
    assert change.actor == librarian
    assert "12.50" in change.note
