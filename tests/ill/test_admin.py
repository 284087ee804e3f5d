"""The ILL back office: only allowed moves offered, moves through the service, entry for a patron, CSV export."""

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone, translation

from ill.models import IllRequest, Status, StatusChange
from ill.services import ill_request_move
from library_portal.models import PatronProfile
from tests.conftest import PASSWORD
from tests.factories import IllRequestFactory


def test_the_request_page_offers_exactly_the_allowed_next_moves(staff_client):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    offered = {s for s in Status.values if reverse("admin:ill_illrequest_move", args=[request.pk, s]) in content}
    assert offered == {Status.READY, Status.DELIVERED, Status.UNFILLED}


def test_a_closed_request_offers_no_move(staff_client):
    request = IllRequestFactory(status=Status.COMPLETED)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    assert "/move/" not in content


def move(client, request, to_status, **fields):
    """What a move button posts: the admin's own form, of which the move view reads the "move-" fields."""
    data = {"title": "ignored by the move", "move-seen_status": request.status}
    data.update({f"move-{name}": value for name, value in fields.items()})
    return client.post(reverse("admin:ill_illrequest_move", args=[request.pk, to_status]), data)


def test_a_librarian_moves_a_request_to_ready_with_a_due_date_in_one_click(staff_client, librarian):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    response = move(staff_client, request, Status.READY, note="Atvyko", note_is_public="on", due_date="2030-01-31")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:ill_illrequest_change", args=[request.pk])
    request.refresh_from_db()
    assert (request.status, str(request.due_date)) == (Status.READY, "2030-01-31")
    change = StatusChange.objects.get(request=request)
    assert (change.actor, change.note, change.from_status) == (librarian, "Atvyko", Status.IN_TRANSIT)


def test_the_due_date_beside_the_ready_button_is_prefilled_30_days_on(staff_client):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    due = timezone.localdate() + dt.timedelta(days=30)
    assert f'name="move-due_date" value="{due.isoformat()}"' in content
    # The reason is asked only where a move needs it: "Could not be supplied" is one of this request's moves.
    assert 'name="move-reason"' in content
    assert 'name="move-partner"' not in content


def test_rejecting_without_a_reason_keeps_what_was_typed_and_says_why_on_the_request_page(staff_client):
    request = IllRequestFactory()
    response = move(staff_client, request, Status.REJECTED, note="Labai reta knyga")
    assert response.status_code == 302
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED
    page = staff_client.get(response["Location"])
    form = page.context["move_form"]
    assert form.errors["reason"] == ["Nurodykite priežastį, kurią matys skaitytojas."]
    assert "Labai reta knyga</textarea>" in page.content.decode()
    assert any(m.level_tag == "error" for m in page.context["messages"])
    move(staff_client, request, Status.REJECTED, reason="rare")
    assert IllRequest.objects.get(pk=request.pk).status == Status.REJECTED


def test_a_move_another_librarian_made_meanwhile_is_not_overridden(staff_client):
    request = IllRequestFactory(status=Status.SUBMITTED)
    seen = IllRequest.objects.get(pk=request.pk)
    ill_request_move(request_id=request.pk, to_status=Status.ORDERED, note="Kaunas")
    response = move(staff_client, seen, Status.CANCELLED)
    request.refresh_from_db()
    assert request.status == Status.ORDERED
    assert StatusChange.objects.filter(request=request).count() == 1
    page = staff_client.get(response["Location"])
    [message] = [str(m) for m in page.context["messages"]]
    assert message.startswith("Kol žiūrėjote, šis užsakymas buvo perkeltas į būseną „Užsakytas kitoje bibliotekoje“;")


def test_a_move_outside_the_table_is_refused_with_a_message(staff_client):
    request = IllRequestFactory(status=Status.SUBMITTED)
    response = move(staff_client, request, Status.READY)
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED
    page = staff_client.get(response["Location"])
    assert any(m.level_tag == "error" for m in page.context["messages"])


def test_opening_a_move_address_changes_nothing_and_leads_to_the_request(staff_client):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    response = staff_client.get(reverse("admin:ill_illrequest_move", args=[request.pk, Status.READY]))
    assert response["Location"] == reverse("admin:ill_illrequest_change", args=[request.pk])
    assert IllRequest.objects.get(pk=request.pk).status == Status.IN_TRANSIT


def test_staff_read_staff_wording_and_translated_history(staff_client, librarian):
    librarian.preferred_language = "en"
    librarian.save(update_fields=["preferred_language"])
    request = IllRequestFactory(status=Status.ORDERED)
    ill_request_move(request_id=request.pk, to_status=Status.AWAITING_APPROVAL)
    with translation.override("en"):
        content = staff_client.get(
            reverse("admin:ill_illrequest_change", args=[request.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        listing = staff_client.get(reverse("admin:ill_illrequest_changelist")).content.decode()
    assert "Status: Waiting for the patron’s approval" in content or "Status: Waiting for the patron&#x27;s" in content
    assert "your approval" not in content
    assert "AWAITING_APPROVAL</td>" not in content and "ORDERED</td>" not in content
    assert "the patron or the portal" in content
    assert "your approval" not in listing


def test_the_request_page_shows_the_patrons_details_and_other_open_requests(staff_client, patron):
    PatronProfile.objects.update_or_create(user=patron, defaults={"card_number": "LT-555", "phone": "+370 600 00000"})
    request = IllRequestFactory(patron=patron)
    other = IllRequestFactory(patron=patron, title="Antra knyga")
    IllRequestFactory(patron=patron, title="Baigta knyga", status=Status.COMPLETED)
    content = staff_client.get(reverse("admin:ill_illrequest_change", args=[request.pk])).content.decode()
    for shown in (patron.email, "LT-555", "+370 600 00000", reverse("admin:ill_illrequest_change", args=[other.pk])):
        assert shown in content
    assert "Baigta knyga" not in content


def test_a_bulk_move_moves_each_request_on_its_own_and_tells_which_did_not(staff_client, librarian):
    ready = [IllRequestFactory(status=Status.READY) for _ in range(2)]
    submitted = IllRequestFactory(status=Status.SUBMITTED)
    response = staff_client.post(
        reverse("admin:ill_illrequest_changelist"),
        {"action": "move_to_RETURNED", "_selected_action": [r.pk for r in [*ready, submitted]]},
        follow=True,
    )
    for item in ready:
        assert IllRequest.objects.get(pk=item.pk).status == Status.RETURNED
        assert StatusChange.objects.get(request=item).actor == librarian
    assert IllRequest.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    texts = [(m.level_tag, str(m)) for m in response.context["messages"]]
    refusal = "Užsakymo, kurio būsena „Pateiktas“, negalima perkelti į būseną „Grąžintas skolinančiai bibliotekai“."
    assert ("error", f"{submitted}: {refusal}") in texts
    assert any(level == "success" and f"#{ready[0].pk}, #{ready[1].pk}" in text for level, text in texts)


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
    with translation.override("lt"):
        assert change.note_text.endswith("pagal bibliotekos taisykles: 12,50\u00a0€")


def test_the_patron_picker_finds_patrons_by_card_name_or_address_and_never_staff(staff_client, patron, manager):
    PatronProfile.objects.update_or_create(user=patron, defaults={"card_number": "SIL-777"})
    url = reverse("admin:autocomplete")
    params = {"app_label": "ill", "model_name": "illrequest", "field_name": "patron"}
    for term in ("SIL-777", patron.last_name, "patron@example"):
        found = staff_client.get(url, {**params, "term": term}).json()["results"]
        assert [item["id"] for item in found] == [str(patron.pk)], term
    assert staff_client.get(url, {**params, "term": "manager@"}).json()["results"] == []


def test_librarians_see_patrons_accounts_but_not_staff_accounts(staff_client, patron, manager):
    listing = staff_client.get(reverse("admin:library_portal_user_changelist")).content.decode()
    assert patron.email in listing
    assert manager.email not in listing
    assert staff_client.get(reverse("admin:library_portal_user_change", args=[manager.pk])).status_code == 302
