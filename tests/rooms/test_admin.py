"""The back office of room booking: who may see and change what, and the lists' pinned query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from rooms.models import Booking, Room
from rooms.services import booking_request
from tests.factories import RoomFactory
from tests.rooms.conftest import request_kwargs


@pytest.fixture
def bookings(room, monday, patron, patron2):
    for day in range(3):
        booking_request(**request_kwargs(room, monday + dt.timedelta(days=day)), user=patron, actor=patron)
        booking_request(
            **request_kwargs(room, monday + dt.timedelta(days=day), "14:00", "16:00"), user=patron2, actor=patron2
        )
    return Booking.objects.all()


def test_a_patron_never_reaches_the_back_office(client, patron, room):
    client.force_login(patron)
    for name in ("admin:rooms_room_changelist", "admin:rooms_booking_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_librarian_reads_rooms_and_bookings_but_changes_no_room(client, librarian, room, bookings):
    client.force_login(librarian)
    assert client.get(reverse("admin:rooms_booking_changelist")).status_code == 200
    booking = bookings.first()
    page = client.get(reverse("admin:rooms_booking_change", args=[booking.pk]))
    assert page.status_code == 200 and "Knygos pristatymas" in page.content.decode()
    assert client.get(reverse("admin:rooms_room_changelist")).status_code == 200
    assert client.get(reverse("admin:rooms_room_add")).status_code == 403
    assert client.post(reverse("admin:rooms_room_change", args=[room.pk]), {"capacity": 1}).status_code == 403
    assert Room.objects.get(pk=room.pk).capacity == 40


def test_nobody_adds_or_deletes_a_booking_in_the_admin_and_its_status_is_read_only(client, manager, bookings):
    client.force_login(manager)
    assert client.get(reverse("admin:rooms_booking_add")).status_code == 403
    booking = bookings.first()
    assert client.post(reverse("admin:rooms_booking_delete", args=[booking.pk]), {"post": "yes"}).status_code == 403
    client.post(reverse("admin:rooms_booking_change", args=[booking.pk]), {"status": "approved"})
    assert Booking.objects.get(pk=booking.pk).status == "requested"


def test_a_manager_sets_a_rooms_rules(client, manager, room):
    client.force_login(manager)
    page = client.get(reverse("admin:rooms_room_change", args=[room.pk]))
    assert page.status_code == 200
    for field in ("slot_minutes", "buffer_before_minutes", "max_active_per_person", "requires_approval"):
        assert f'name="{field}"' in page.content.decode()


def test_the_bookings_list_costs_the_same_queries_for_many_bookings(
    client, librarian, bookings, django_assert_max_num_queries
):
    client.force_login(librarian)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:rooms_booking_changelist")).status_code == 200


def test_the_rooms_list_costs_the_same_queries_for_many_rooms(client, manager, room, django_assert_max_num_queries):
    for _number in range(8):
        RoomFactory(branch=room.branch)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:rooms_room_changelist")).status_code == 200
