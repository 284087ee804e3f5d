"""The patron's room pages: the rooms by branch, the week grid (public: "taken", never who), the price before
sending, who may request, the cancel link's page, and My account's list."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from rooms.links import CANCEL_LINK_MAX_AGE, CANCEL_SALT, booking_cancel_token, booking_from_cancel_token
from rooms.models import Booking, Status
from rooms.selectors import FREE, TAKEN, UNAVAILABLE, room_availability
from rooms.services import booking_request, room_blackout_add
from tests.factories import OpeningExceptionFactory, RoomFactory
from tests.rooms.conftest import at, request_kwargs


def states(room, day) -> dict[str, str]:
    (availability,) = room_availability(room=room, start_date=day, end_date=day)
    return {f"{slot.start.astimezone(at(day, '00:00').tzinfo):%H:%M}": slot.state for slot in availability.slots}


# Availability -------------------------------------------------------------------------------------


def test_the_grid_has_the_steps_of_the_staffed_hours_and_marks_held_times_taken(room, monday, patron):
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    grid = states(room, monday)
    assert min(grid) == "09:00" and max(grid) == "17:30"
    assert grid["09:30"] == FREE and grid["10:00"] == grid["11:30"] == TAKEN and grid["12:00"] == FREE


def test_a_step_is_taken_when_a_booking_of_it_would_need_the_buffer_of_another(room, monday, patron):
    room.buffer_before_minutes = room.buffer_after_minutes = 15
    room.save()
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)  # holds 09:45-12:15
    grid = states(room, monday)
    assert (grid["09:00"], grid["09:30"], grid["12:00"], grid["12:30"]) == (FREE, TAKEN, TAKEN, FREE)


def test_a_holiday_has_no_steps_and_says_why(room, monday):
    OpeningExceptionFactory(branch=room.branch, date=monday, closed=True, reason="Joninės")
    (day,) = room_availability(room=room, start_date=monday, end_date=monday)
    assert day.is_closed and day.closed_reason == "Joninės"


def test_times_within_the_lead_time_or_beyond_the_horizon_are_not_bookable(room, monday):
    room.horizon_days = (monday - timezone.localdate()).days
    room.save()
    assert set(states(room, monday).values()) == {FREE}
    assert set(states(room, monday + dt.timedelta(days=1)).values()) == {UNAVAILABLE}
    room.lead_hours = 24 * 60
    room.save()
    assert set(states(room, monday).values()) == {UNAVAILABLE}


def test_the_availability_costs_three_queries(room, monday, django_assert_max_num_queries):
    room_availability(room=room, start_date=monday, end_date=monday)  # the library's zone is read once, then cached
    with django_assert_max_num_queries(3):
        room_availability(room=room, start_date=monday, end_date=monday + dt.timedelta(days=6))


# The rooms page and the room page -------------------------------------------------------------


def test_the_rooms_page_lists_the_rooms_by_branch_with_the_hourly_prices(client, room, django_assert_max_num_queries):
    other = RoomFactory(has_equipment=False, price_code="room-t12-hall", price_code_with_equipment="")
    with django_assert_max_num_queries(6):
        html = client.get("/en/rooms/").content.decode()
    assert room.branch.name_en in html and other.branch.name_en in html
    assert "€15.00 per hour, €20.00 per hour with presentation equipment" in html
    assert html.count("€20.00") == 1  # the room without equipment shows no price with it


def test_the_rooms_page_costs_the_same_queries_for_many_rooms(client, room, django_assert_max_num_queries):
    for _number in range(10):
        RoomFactory(branch=room.branch)
    with django_assert_max_num_queries(6):
        assert client.get("/lt/rooms/").status_code == 200


def test_the_room_page_shows_taken_times_and_never_who_booked(client, room, monday, patron):
    booking_request(**request_kwargs(room, monday, purpose="Slaptas susitikimas"), user=patron, actor=patron)
    html = client.get(f"/en/rooms/{room.slug}/", {"week": f"{monday}"}).content.decode()
    assert "slot-taken" in html and "slot-free" in html
    for private in ("Slaptas susitikimas", patron.email, patron.last_name, "+370 441 12345"):
        assert private not in html


def test_the_room_page_costs_a_fixed_number_of_queries(client, room, monday, patron, django_assert_max_num_queries):
    for day in range(3):
        booking_request(**request_kwargs(room, monday + dt.timedelta(days=day)), user=patron, actor=patron)
    client.force_login(patron)
    # The room, the user; the chosen time's rules (hours, exceptions) and price (list, item, category prices) and the
    # patron's category and phone; the grid's hours, exceptions and held times; the hourly prices (list, items); the
    # banner's notices (staff's, and the opening exceptions' of today and tomorrow, read before the cache has them).
    with django_assert_max_num_queries(16):
        response = client.get(f"/en/rooms/{room.slug}/", {"start": f"{monday}T14:00", "duration": "120"})
    assert response.status_code == 200


def test_the_week_links_stay_between_this_week_and_the_horizon(client, room, monday):
    html = client.get(f"/en/rooms/{room.slug}/", {"week": "2000-01-03"}).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' in html
    far = monday + dt.timedelta(weeks=52)
    html = client.get(f"/en/rooms/{room.slug}/", {"week": f"{far}"}).content.decode()
    assert 'rel="next"' not in html and 'rel="prev"' in html
    assert client.get(f"/en/rooms/{room.slug}/", {"week": "not-a-date"}).status_code == 200


def test_choosing_a_time_shows_its_price_before_anything_is_sent(client, room, monday):
    response = client.get(f"/en/rooms/{room.slug}/", {"start": f"{monday}T10:00", "duration": "120", "equipment": "on"})
    html = response.content.decode()
    assert "2 h × €20.00 = <strong>€40.00</strong>" in html
    assert re.search(rf'value="{monday}T10:00" id="[^"]+" checked', html)  # the choice stays chosen
    assert "Log in to request this time" in html  # a visitor sees the price, and logs in to request
    assert not Booking.objects.exists()


def test_a_room_that_cannot_be_booked_online_shows_no_grid(client, room):
    room.bookable_online = False
    room.save()
    html = client.get(f"/en/rooms/{room.slug}/").content.decode()
    assert "This room cannot be booked online." in html and "room-grid" not in html


def test_an_unknown_room_is_not_found(client, db):
    assert client.get("/en/rooms/no-such-room/").status_code == 404


# Who may request ---------------------------------------------------------------------------------


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in_and_nothing_is_held(client, room, monday):
    response = client.post(f"/en/rooms/{room.slug}/", {"start": f"{monday}T10:00", "end": f"{monday}T12:00"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Booking.objects.exists()


def test_a_logged_in_patron_requests_and_finds_it_on_my_account(client, room, monday, patron):
    client.force_login(patron)
    response = client.post(
        f"/en/rooms/{room.slug}/",
        {
            "start": f"{monday}T10:00",
            "end": f"{monday}T12:00",
            "with_equipment": "on",
            "purpose": "Knygos pristatymas",
            "people": "20",
            "phone": "+370 441 12345",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/en/account/profile/#hub-rooms"
    booking = Booking.objects.get()
    assert (booking.user, booking.status, str(booking.total)) == (patron, Status.REQUESTED, "40.00")
    html = client.get(response["Location"]).content.decode()
    assert room.name_en in html and "Requested" in html and "€40.00" in html


def test_my_account_lists_only_my_own_bookings_with_a_cancel_link_while_i_may_cancel(
    client, room, monday, patron, patron2, librarian, django_assert_max_num_queries
):
    mine = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    booking_request(
        **request_kwargs(room, monday, "14:00", "16:00", purpose="Kito žmogaus"), user=patron2, actor=patron2
    )
    # One of mine four weeks ago: listed, but past the cut-off for cancelling.
    booking_request(
        **request_kwargs(room, monday - dt.timedelta(days=28)), user=patron, actor=librarian, source="staff"
    )
    client.force_login(patron)
    html = client.get("/en/account/profile/").content.decode()
    section = html.split('id="hub-rooms"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == 2 and "Kito žmogaus" not in html
    # A token carries the second it was signed, and the suite's clock ticks: the links are read back to the
    # bookings they stand for, not compared with a token signed again here. The past one has none.
    tokens = re.findall(r'href="/en/rooms/cancel/([^/"]+)/"', section)
    assert [booking_from_cancel_token(token) for token in tokens] == [mine]


# The cancel link ---------------------------------------------------------------------------------


def test_the_cancel_link_asks_first_and_then_cancels(client, room, monday, patron):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    url = f"/en/rooms/cancel/{booking_cancel_token(booking)}/"
    response = client.get(url)
    assert response.status_code == 200 and "Yes, cancel my booking" in response.content.decode()
    assert Booking.objects.get().status == Status.REQUESTED  # a mail scanner opening the link changes nothing
    response = client.post(url)
    assert response.status_code == 200 and "is cancelled, free of charge" in response.content.decode()
    assert Booking.objects.get().status == Status.CANCELLED_BY_PATRON


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_cancel_link_shows_a_friendly_page_and_changes_nothing(client, room, monday, patron, method):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    token = booking_cancel_token(booking)
    for forged in (token[:-3] + "abc", signing.dumps({"b": booking.pk, "r": room.pk}, salt="other"), "x"):
        response = getattr(client, method)(f"/en/rooms/cancel/{forged}/")
        assert response.status_code == 400
        assert "This cancellation link is not valid." in response.content.decode()
    assert Booking.objects.get().status == Status.REQUESTED


def test_an_expired_cancel_link_shows_a_friendly_page_and_changes_nothing(client, room, monday, patron, time_machine):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    url = f"/en/rooms/cancel/{booking_cancel_token(booking)}/"
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=CANCEL_LINK_MAX_AGE + 60), tick=False)
    response = client.post(url)
    assert response.status_code == 400 and "This cancellation link has expired." in response.content.decode()
    assert Booking.objects.get().status == Status.REQUESTED
    assert CANCEL_SALT == "rooms.booking-cancel"


def test_a_cancel_link_used_after_the_cut_off_shows_a_friendly_page_and_changes_nothing(
    client, room, monday, patron, time_machine
):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    url = f"/en/rooms/cancel/{booking_cancel_token(booking)}/"
    time_machine.move_to(at(monday, "09:00"), tick=False)
    assert "too late to cancel this booking here" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 400 and "Call the branch." in response.content.decode()
    assert Booking.objects.get().status == Status.REQUESTED


def test_a_cancel_link_of_a_booking_already_cancelled_says_so(client, room, monday, patron):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    url = f"/en/rooms/cancel/{booking_cancel_token(booking)}/"
    client.post(url)
    response = client.post(url)
    assert response.status_code == 400 and "can no longer change" in response.content.decode()


def test_a_blackout_cannot_be_cancelled_through_a_link(client, room, monday):
    blackout = room_blackout_add(room=room, start=at(monday, "10:00"), end=at(monday, "12:00"), note="", actor=None)
    response = client.post(f"/en/rooms/cancel/{booking_cancel_token(blackout)}/")
    assert response.status_code == 400
    assert Booking.objects.get().status == Status.APPROVED
