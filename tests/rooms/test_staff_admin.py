"""Room bookings in the back office: the pending list with its one-click Approve, the buttons of a booking's page
(Decline with a reason, the price set by staff), the staff's booking form (once and weekly), the series' page, an
event holding a room; who may do what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from rooms.models import Booking, BookingSeries, Status
from rooms.services import booking_request
from tests.factories import EventFactory, UserFactory
from tests.rooms.conftest import at, request_kwargs

LIST = "/admin/rooms/booking/"


@pytest.fixture
def pending(room, monday, patron):
    return booking_request(**request_kwargs(room, monday), user=patron, actor=patron)


def move_url(booking, to: str) -> str:
    return f"{LIST}{booking.pk}/move/{to}/"


# Who may do what ----------------------------------------------------------------------------------


def test_librarian_and_manager_see_the_bookings_with_the_price_and_the_approve_button(
    client, librarian, manager, pending
):
    for user in (librarian, manager):
        client.force_login(user)
        page = client.get(f"{LIST}?pending=yes").content.decode()
        assert "30,00" in page  # the quoted price, in Lithuanian
        assert f'formaction="{move_url(pending, Status.APPROVED)}"' in page


def test_a_patron_reaches_no_booking_page_of_the_back_office_and_moves_nothing(client, patron, pending):
    client.force_login(patron)
    assert client.get(LIST).status_code == 302  # to the log-in page
    assert client.post(move_url(pending, Status.APPROVED)).status_code == 302
    assert client.post(f"{LIST}enter/").status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.REQUESTED


def test_staff_without_the_handling_permission_see_the_booking_but_cannot_move_it(client, pending):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(*_permissions("view_booking"))
    client.force_login(viewer)
    page = client.get(f"{LIST}{pending.pk}/change/").content.decode()
    assert "booking-moves" not in page
    assert client.post(move_url(pending, Status.APPROVED)).status_code == 403
    assert client.post(f"{LIST}{pending.pk}/price/", {"price-amount": "0", "price-reason": "X"}).status_code == 403
    assert client.get(f"{LIST}enter/").status_code == 403
    pending.refresh_from_db()
    assert pending.status == Status.REQUESTED and pending.price_override is None


def _permissions(*codenames):
    return Permission.objects.filter(content_type__app_label="rooms", codename__in=codenames)


def test_the_list_of_bookings_makes_the_same_number_of_queries_for_many_rows(
    client, librarian, room, monday, patron, django_assert_max_num_queries
):
    for hour in range(9, 17, 2):
        someone = UserFactory()
        booking_request(
            **request_kwargs(room, monday, f"{hour:02d}:00", f"{hour + 1:02d}:00"), user=someone, actor=someone
        )
    client.force_login(librarian)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


# Moves --------------------------------------------------------------------------------------------


def test_approve_in_the_list_approves_the_request_and_returns_to_the_list(client, librarian, pending):
    client.force_login(librarian)
    response = client.post(move_url(pending, Status.APPROVED), HTTP_REFERER=f"http://testserver{LIST}?pending=yes")
    assert response.status_code == 302 and response["Location"].endswith(f"{LIST}?pending=yes")
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert pending.history.last().actor == librarian


def test_decline_without_a_reason_changes_nothing_and_says_so_beside_the_reason(client, librarian, pending):
    client.force_login(librarian)
    response = client.post(move_url(pending, Status.DECLINED), {"handle-reason": "  "}, follow=True)
    assert response.context["handle_form"].errors["reason"]
    assert 'class="form-row errors"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.REQUESTED


def test_decline_with_a_reason_declines_and_the_patron_reads_the_reason(client, librarian, pending):
    client.force_login(librarian)
    client.post(move_url(pending, Status.DECLINED), {"handle-reason": "Salėje remontas"})
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == (Status.DECLINED, "Salėje remontas")
    assert pending.history.last().note == "Salėje remontas"


def test_a_move_the_table_does_not_allow_is_refused_with_the_reason_on_the_page(client, librarian, pending):
    client.force_login(librarian)
    response = client.post(move_url(pending, Status.COMPLETED), follow=True)
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Status.REQUESTED


def test_an_unknown_move_is_not_found(client, librarian, pending):
    client.force_login(librarian)
    assert client.post(move_url(pending, "cancelled_patron")).status_code == 404
    assert client.post(move_url(pending, "nonsense")).status_code == 404


def test_the_bulk_action_approves_the_selected_requests(client, librarian, pending):
    client.force_login(librarian)
    client.post(LIST, {"action": "approve_selected", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED


# The price set by staff ---------------------------------------------------------------------------


def test_the_price_set_by_staff_is_saved_with_its_reason_and_shown_on_the_page(client, librarian, pending):
    client.force_login(librarian)
    response = client.post(
        f"{LIST}{pending.pk}/price/", {"price-amount": "0,00", "price-reason": "Partnerio mokymai"}, follow=True
    )
    pending.refresh_from_db()
    assert (pending.price_override, pending.price_override_reason) == (Decimal("0.00"), "Partnerio mokymai")
    assert "Partnerio mokymai" in response.content.decode()


@pytest.mark.parametrize(("amount", "reason"), [("-5", "Klaida"), ("abc", "Klaida"), ("10", "")])
def test_a_bad_price_keeps_what_was_typed_and_changes_nothing(client, librarian, pending, amount, reason):
    client.force_login(librarian)
    response = client.post(f"{LIST}{pending.pk}/price/", {"price-amount": amount, "price-reason": reason}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-row errors"' in page
    assert f'value="{amount}"' in page
    pending.refresh_from_db()
    assert pending.price_override is None


# Staff book for someone ---------------------------------------------------------------------------


def form_data(room, day: dt.date, **extra) -> dict:
    return {
        "room": room.pk,
        "kind": "booking",
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "purpose": "Susitikimas telefonu",
        "people": "10",
        "phone": "+370 441 12345",
        **extra,
    }


def test_staff_book_for_a_patron_who_phoned_and_land_on_the_approved_booking(client, librarian, room, monday, patron):
    client.force_login(librarian)
    assert client.get(f"{LIST}enter/").status_code == 200
    response = client.post(f"{LIST}enter/", form_data(room, monday, user=patron.pk))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{LIST}{booking.pk}/change/")
    assert (booking.user, booking.status, booking.source) == (patron, Status.APPROVED, "staff")


def test_staff_book_the_library_s_own_use_without_a_patron(client, librarian, room, monday):
    client.force_login(librarian)
    client.post(f"{LIST}enter/", form_data(room, monday, kind="internal"))
    assert Booking.objects.get().kind == "internal"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({}, "user"),  # a booking for a patron without the patron
        ({"end_time": "09:00"}, "end_time"),
        ({"start_time": "07:00", "end_time": "08:00"}, "start_time"),
        ({"people": "500"}, "people"),
        ({"date": "not a date"}, "date"),
    ],
)
def test_a_bad_staff_booking_is_refused_beside_its_field_and_keeps_what_was_typed(
    client, librarian, room, monday, patron, extra, field
):
    client.force_login(librarian)
    data = form_data(room, monday, **({"user": patron.pk} if field != "user" else {}))
    data.update(extra)
    response = client.post(f"{LIST}enter/", data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert "Susitikimas telefonu" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_taken_time_is_refused_beside_the_start_and_books_nothing(client, librarian, room, monday, patron, pending):
    client.force_login(librarian)
    response = client.post(f"{LIST}enter/", form_data(room, monday, user=patron.pk))
    assert response.status_code == 400
    assert response.context["form"].errors.get("start_time")
    assert Booking.objects.count() == 1


def test_a_weekly_series_reports_the_dates_booked_and_skipped_and_has_its_page(
    client, librarian, room, monday, patron, patron2
):
    taken = monday + dt.timedelta(weeks=1)
    booking_request(**request_kwargs(room, taken), user=patron2, actor=patron2)
    client.force_login(librarian)
    until = monday + dt.timedelta(weeks=2)
    response = client.post(f"{LIST}enter/", form_data(room, monday, user=patron.pk, repeat_until=until.isoformat()))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="series-result"' in page
    result = response.context["result"]
    assert [b.start for b in result.booked] == [at(monday, "10:00"), at(until, "10:00")]
    assert [s.date for s in result.skipped] == [taken]
    series = BookingSeries.objects.get()
    series_page = client.get(f"/admin/rooms/bookingseries/{series.pk}/change/").content.decode()
    assert taken.isoformat() in series_page
    assert client.get("/admin/rooms/bookingseries/").status_code == 200


def test_an_event_over_a_booked_time_is_refused_on_its_room_field_in_the_admin(client, manager, room, monday, pending):
    event = EventFactory(branch=room.branch, starts_at=at(monday, "11:00"), ends_at=at(monday, "13:00"))
    client.force_login(manager)
    page = client.get(f"/admin/services/event/{event.pk}/change/")
    assert page.status_code == 200
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update(_event_post(event, room))
    response = client.post(f"/admin/services/event/{event.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.get("booked_room")
    event.refresh_from_db()
    assert event.booked_room is None
    assert not Booking.objects.filter(event=event).exists()


def _event_post(event, room) -> dict:
    local = {"starts_at": event.starts_at.astimezone(at(dt.date.today(), "00:00").tzinfo)}
    local["ends_at"] = local["starts_at"] + dt.timedelta(hours=2)
    return {
        "title_lt": event.title,
        "title_en": event.title_en or "",
        "branch": event.branch.pk,
        "booked_room": room.pk,
        "starts_at_0": local["starts_at"].strftime("%Y-%m-%d"),
        "starts_at_1": local["starts_at"].strftime("%H:%M:%S"),
        "ends_at_0": local["ends_at"].strftime("%Y-%m-%d"),
        "ends_at_1": local["ends_at"].strftime("%H:%M:%S"),
        "capacity": "10",
        "language": "lt",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
