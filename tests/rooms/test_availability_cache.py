"""A room's weeks of free and taken times are kept in the shared cache (rooms/availability.py), and are never shown
out of date: a booking's write, a change of the room's rules in the admin and the time passing a step's lead time each
show at once, in the API and on the room's page."""

import datetime as dt

import time_machine
from django.forms import BooleanField, FileField
from rest_framework.test import APIClient

from rooms.models import Booking
from rooms.services import booking_decline
from tests.conftest import PASSWORD
from tests.rooms.conftest import at
from tests.rooms.test_api import availability_of, body, book, bookings_of, client_of


def states(room, day: dt.date) -> list[tuple[str, str]]:
    """The day's intervals as (local start, state), read through the API."""
    (found,) = APIClient().get(f"{availability_of(room)}?from={day}&to={day}").json()["days"]
    return [(interval["start"][11:16], interval["state"]) for interval in found["intervals"]]


def test_a_booking_and_its_cancellation_show_at_once_in_the_cached_availability(room, monday, patron, librarian):
    assert states(room, monday) == [("09:00", "free")]
    assert states(room, monday) == [("09:00", "free")]  # now from the cache
    response = client_of(patron).post(bookings_of(room), body(monday), format="json")
    assert response.status_code == 201
    assert states(room, monday) == [("09:00", "free"), ("10:00", "taken"), ("12:00", "free")]
    booking_decline(booking=Booking.objects.get(), reason="Salė remontuojama.", actor=librarian)
    assert states(room, monday) == [("09:00", "free")]


def test_a_step_stops_being_free_when_the_lead_time_reaches_it_with_no_write_at_all(room, monday):
    assert states(room, monday)[0] == ("09:00", "free")
    # The lead time (24 h) reaches Monday 9:00 on Sunday 9:00: the week kept in the cache must not outlive it.
    with time_machine.travel(at(monday, "09:00") - dt.timedelta(hours=24) + dt.timedelta(minutes=1), tick=False):
        assert states(room, monday)[:2] == [("09:00", "unavailable"), ("09:30", "free")]


def test_a_change_of_a_rooms_rules_in_the_admin_shows_at_once(client, room, monday, manager):
    assert states(room, monday) == [("09:00", "free")]
    client.login(email=manager.email, password=PASSWORD)
    url = f"/admin/rooms/room/{room.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(field, FileField):
            continue  # no photo: nothing to send
        else:
            data[name] = "" if value is None else value
    data["lead_hours"] = 24 * 60  # two months ahead at least: Monday is then too soon
    assert client.post(url, data).status_code == 302
    assert states(room, monday) == [("09:00", "unavailable")]


def test_the_anonymous_room_page_is_kept_whole_and_shows_a_new_booking_at_once(
    client, room, monday, patron, django_assert_num_queries
):
    page = f"/lt/rooms/{room.slug}/?week={monday}"
    first = client.get(page).content.decode()
    with django_assert_num_queries(0):
        assert client.get(page).content.decode() == first
    assert first.count("slot slot-taken") == 0
    book(room, monday, patron)
    assert client.get(page).content.decode().count("slot slot-taken") == 4  # 10:00 to 12:00, four steps
