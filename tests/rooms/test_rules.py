"""The rules of a booking request (rooms.rules, through rooms.services.booking_request): each bad input is refused
with its own code, names the field at fault, and leaves nothing behind; on the page the translated message stands
next to that field and everything typed stays."""

import datetime as dt

import pytest
from django.utils import timezone

from library_portal.errors import DomainError
from rooms.models import Booking
from rooms.services import booking_request
from tests.factories import OpeningExceptionFactory
from tests.rooms.conftest import VILNIUS, at, request_kwargs


def refusal(**arguments) -> DomainError:
    with pytest.raises(DomainError) as caught:
        booking_request(**arguments)
    assert not Booking.objects.exists()
    return caught.value


def test_a_valid_request_holds_the_room_and_stores_its_price(room, monday, patron):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert booking.status == "requested"
    assert (booking.hours, booking.unit_price, booking.total) == (2, 15, 30)
    assert booking.held.lower == booking.start and booking.held.upper == booking.end


def test_the_buffers_are_held_with_the_booking_but_are_not_its_public_times(room, monday, patron):
    room.buffer_before_minutes, room.buffer_after_minutes = 15, 30
    room.save()
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert (booking.start, booking.end) == (at(monday, "10:00"), at(monday, "12:00"))
    assert (booking.held.lower, booking.held.upper) == (at(monday, "09:45"), at(monday, "12:30"))


@pytest.mark.parametrize(
    ("start", "end", "code", "field"),
    [
        ("07:00", "09:00", "outside_hours", "start"),
        ("17:00", "19:00", "outside_hours", "end"),
        ("12:00", "10:00", "end_before_start", "end"),
        ("10:15", "12:15", "off_grid", "start"),
        ("10:00", "11:45", "off_grid", "end"),
        ("10:00", "10:30", "too_short", "end"),
        ("09:00", "14:00", "too_long", "end"),
    ],
)
def test_a_time_off_the_rules_is_refused_naming_its_field(room, monday, patron, start, end, code, field):
    error = refusal(**request_kwargs(room, monday, start, end), user=patron, actor=patron)
    assert (error.code, error.field) == (code, field)


def test_a_holiday_is_refused_with_its_reason(room, monday, patron):
    OpeningExceptionFactory(branch=room.branch, date=monday, closed=True, reason="Joninės")
    error = refusal(**request_kwargs(room, monday), user=patron, actor=patron)
    assert (error.code, error.field) == ("closed_day", "start")
    assert "Joninės" in str(error.message)


def test_a_day_without_staffed_hours_is_refused(room, monday, patron):
    error = refusal(**request_kwargs(room, monday + dt.timedelta(days=6)), user=patron, actor=patron)  # a Sunday
    assert (error.code, error.field) == ("closed_day", "start")


def test_changed_hours_on_an_exception_day_are_the_hours_of_that_day(room, monday, patron):
    OpeningExceptionFactory(branch=room.branch, date=monday, closed=False, opens=dt.time(12), closes=dt.time(16))
    error = refusal(**request_kwargs(room, monday, "10:00", "12:00"), user=patron, actor=patron)
    assert error.code == "outside_hours"
    assert booking_request(**request_kwargs(room, monday, "12:00", "14:00"), user=patron, actor=patron).pk


def test_a_start_in_the_past_is_refused(room, monday, patron):
    error = refusal(**request_kwargs(room, monday - dt.timedelta(days=21)), user=patron, actor=patron)
    assert (error.code, error.field) == ("in_past", "start")


def test_a_start_within_the_lead_time_is_refused(room, patron):
    room.lead_hours = 48
    room.save()
    tomorrow = timezone.now().astimezone(VILNIUS).date() + dt.timedelta(days=1)
    error = refusal(**request_kwargs(room, tomorrow, "16:00", "17:00"), user=patron, actor=patron)
    assert (error.code, error.field) == ("too_soon", "start")
    assert "48" in str(error.message)


def test_a_start_beyond_the_horizon_is_refused(room, monday, patron):
    error = refusal(**request_kwargs(room, monday + dt.timedelta(weeks=13)), user=patron, actor=patron)
    assert (error.code, error.field) == ("too_far", "start")


def test_more_people_than_the_capacity_is_refused(room, monday, patron):
    error = refusal(**request_kwargs(room, monday, people=41), user=patron, actor=patron)
    assert (error.code, error.field) == ("too_many_people", "people")
    assert booking_request(**request_kwargs(room, monday, people=40), user=patron, actor=patron).pk


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"purpose": "  "}, "purpose_required", "purpose"),
        ({"people": None}, "people_required", "people"),
        ({"phone": ""}, "phone_required", "phone"),
        ({"phone": "call me"}, "phone_invalid", "phone"),
        ({"organisation_name": "Bendruomenė"}, "organisation_details", "organisation_code"),
        ({"organisation_code": "300123456"}, "organisation_details", "organisation_name"),
        ({"purpose": "x" * 301}, "text_too_long", "purpose"),
        ({"organisation_name": "x" * 201, "organisation_code": "1"}, "text_too_long", "organisation_name"),
        ({"source": "fax"}, "bad_source", "source"),
    ],
)
def test_missing_or_wrong_details_are_refused_naming_their_field(room, monday, patron, changes, code, field):
    error = refusal(**request_kwargs(room, monday, **changes), user=patron, actor=patron)
    assert (error.code, error.field) == (code, field)


def test_an_organisation_books_with_its_invoice_details(room, monday, patron):
    booking = booking_request(
        **request_kwargs(room, monday, organisation_name="Bendruomenė", organisation_code="300123456"),
        user=patron,
        actor=patron,
    )
    assert (booking.organisation_name, booking.organisation_code) == ("Bendruomenė", "300123456")


def test_who_may_book_is_the_rooms_setting(room, monday, patron):
    room.patrons_may_book = False
    room.save()
    assert refusal(**request_kwargs(room, monday), user=patron, actor=patron).code == "organisations_only"
    room.patrons_may_book, room.organisations_may_book = True, False
    room.save()
    organisation = {"organisation_name": "Bendruomenė", "organisation_code": "300123456"}
    assert refusal(**request_kwargs(room, monday, **organisation), user=patron, actor=patron).code == "patrons_only"


def test_a_room_that_cannot_be_booked_online_is_refused(room, monday, patron):
    room.bookable_online = False
    room.save()
    assert refusal(**request_kwargs(room, monday), user=patron, actor=patron).code == "not_bookable_online"


def test_nobody_books_without_an_account(room, monday):
    assert refusal(**request_kwargs(room, monday), user=None, actor=None).code == "login_required"


def test_equipment_is_refused_for_a_room_without_it(room, monday, patron):
    room.has_equipment = False
    room.save()
    error = refusal(**request_kwargs(room, monday, with_equipment=True), user=patron, actor=patron)
    assert (error.code, error.field) == ("no_equipment", "with_equipment")


def test_too_many_pending_and_upcoming_bookings_are_refused(room, monday, patron, patron2):
    for day in range(3):
        booking_request(**request_kwargs(room, monday + dt.timedelta(days=day)), user=patron, actor=patron)
    error = refusal_after(room, monday + dt.timedelta(days=3), patron)
    assert error.code == "too_many_pending"
    # The limit is per person: someone else still books.
    assert booking_request(**request_kwargs(room, monday + dt.timedelta(days=3)), user=patron2, actor=patron2).pk


def refusal_after(room, day, user) -> DomainError:
    count = Booking.objects.count()
    with pytest.raises(DomainError) as caught:
        booking_request(**request_kwargs(room, day), user=user, actor=user)
    assert Booking.objects.count() == count
    return caught.value


def test_staff_may_enter_a_booking_outside_the_patrons_window(room, monday, patron, librarian):
    room.bookable_online = False
    room.save()
    past = monday - dt.timedelta(days=21)
    booking = booking_request(**request_kwargs(room, past), user=patron, actor=librarian, source="staff")
    assert booking.created_by == librarian and booking.source == "staff"


# The page: the error next to its field, everything typed kept -----------------------------------------------


def posted(room, day, **changes) -> dict:
    data = {
        "start": f"{day:%Y-%m-%d}T10:00",
        "end": f"{day:%Y-%m-%d}T12:00",
        "purpose": "Knygos pristatymas",
        "people": "20",
        "phone": "+370 441 12345",
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start": "{day}T07:00", "end": "{day}T09:00"}, "start", "The room can be booked only while"),
        ({"end": "{day}T09:00"}, "end", "The end must be after the start."),
        ({"end": "{day}T11:45"}, "end", "grid of 30 minutes"),
        ({"end": "{day}T16:00"}, "end", "The longest booking of this room is 4 h."),
        ({"people": "41"}, "people", "This room holds at most 40 people."),
        ({"phone": "call me"}, "phone", "Enter the phone number with digits only"),
        ({"as_organisation": "on", "organisation_name": "Bendruomenė"}, "organisation_code", "registration code"),
        ({"start": "tomorrow"}, "start", "Enter a valid date/time."),
    ],
)
def test_the_page_shows_each_error_next_to_its_field_and_keeps_what_was_typed(
    client, room, monday, patron, changes, field, message
):
    client.force_login(patron)
    changes = {key: value.format(day=f"{monday:%Y-%m-%d}") for key, value in changes.items()}
    response = client.post(f"/en/rooms/{room.slug}/", posted(room, monday, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    error = html.split(f'id="id_{field}_error"', 1)[1].split("</span>", 1)[0]
    assert message in error
    assert ('value="Knygos pristatymas"' in html and 'value="+370 441 12345"' in html) or field == "phone"
    for key, value in changes.items():
        if key != "as_organisation":
            assert f'value="{value}"' in html, key
    assert not Booking.objects.exists()


def test_the_page_says_in_the_patrons_language_which_rule_refused(client, room, monday, patron):
    client.force_login(patron)
    response = client.post(f"/lt/rooms/{room.slug}/", posted(room, monday, people="41"))
    html = response.content.decode()
    error = html.split('id="id_people_error"', 1)[1].split("</span>", 1)[0]
    assert "Ši patalpa talpina ne daugiau kaip 40 žmonių." in error


def test_the_grid_choice_outside_the_hours_shows_its_error_and_no_price(client, room, monday):
    response = client.get(f"/en/rooms/{room.slug}/", {"start": f"{monday:%Y-%m-%d}T17:00", "duration": "120"})
    html = response.content.decode()
    assert "The room can be booked only while the branch is staffed" in html
    assert 'id="quote-total"' not in html
    assert at(monday, "17:00") > timezone.now()
