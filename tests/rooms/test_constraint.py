"""No double booking, by the database: the exclusion constraint rooms_booking_no_overlap itself, without the
application, and twenty patrons racing for one slot through the page on the real PostgreSQL."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test import Client

from rooms.models import Booking, Status
from tests.factories import RoomFactory, UserFactory
from tests.rooms.conftest import at

RACERS = 20


def row(room, start, end, *, status=Status.REQUESTED, user=None) -> Booking:
    """A row written straight to the table, as no service would: only the database's rules apply."""
    return Booking.objects.create(
        room=room,
        kind="blackout" if user is None else "booking",
        status=status,
        start=start,
        end=end,
        held=DateTimeTZRange(start, end, "[)"),
        user=user,
    )


def test_two_overlapping_rows_of_one_room_can_never_both_exist(room, monday, patron):
    row(room, at(monday, "10:00"), at(monday, "12:00"), user=patron)
    with pytest.raises(IntegrityError, match="rooms_booking_no_overlap"), transaction.atomic():
        row(room, at(monday, "11:30"), at(monday, "13:00"))
    with pytest.raises(IntegrityError, match="rooms_booking_no_overlap"), transaction.atomic():
        row(room, at(monday, "09:00"), at(monday, "17:00"), status=Status.APPROVED, user=patron)
    assert Booking.objects.count() == 1


def test_rows_that_touch_other_rooms_or_rows_that_no_longer_hold_do_not_clash(room, monday, patron):
    row(room, at(monday, "10:00"), at(monday, "12:00"), user=patron)
    row(room, at(monday, "12:00"), at(monday, "14:00"), user=patron)  # [10, 12) and [12, 14) only touch
    row(RoomFactory(branch=room.branch), at(monday, "10:00"), at(monday, "12:00"), user=patron)
    for status in (Status.DECLINED, Status.CANCELLED_BY_PATRON, Status.CANCELLED_BY_LIBRARY, Status.NO_SHOW):
        row(room, at(monday, "10:00"), at(monday, "12:00"), status=status, user=patron)
    assert Booking.objects.count() == 7


def test_a_row_cannot_be_moved_back_into_a_holding_status_over_another(room, monday, patron):
    cancelled = row(room, at(monday, "10:00"), at(monday, "12:00"), status=Status.CANCELLED_BY_PATRON, user=patron)
    row(room, at(monday, "10:00"), at(monday, "12:00"), user=patron)
    with pytest.raises(IntegrityError, match="rooms_booking_no_overlap"), transaction.atomic():
        Booking.objects.filter(pk=cancelled.pk).update(status=Status.APPROVED)


@pytest.mark.django_db(transaction=True)
def test_twenty_patrons_racing_for_one_slot_get_one_booking_and_nineteen_translated_refusals(room, monday):
    """Each thread is a patron's browser with its own database connection; a barrier lets all twenty POST at once.
    Whatever the interleaving, PostgreSQL lets one INSERT in and refuses the others on the constraint."""
    patrons = [UserFactory(email=f"racer{number}@example.org") for number in range(RACERS)]
    barrier = threading.Barrier(RACERS)
    answers: list = [None] * RACERS
    form = {
        "start": f"{monday:%Y-%m-%d}T10:00",
        "end": f"{monday:%Y-%m-%d}T12:00",
        "with_equipment": "on",
        "purpose": "Knygos pristatymas",
        "people": "30",
        "phone": "+370 441 12345",
    }

    def race(number: int) -> None:
        try:
            browser = Client()
            browser.force_login(patrons[number])
            barrier.wait(timeout=30)
            answers[number] = browser.post(f"/lt/rooms/{room.slug}/", form)
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=race, args=(number,)) for number in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    (held,) = Booking.objects.filter(room=room, status__in=[Status.REQUESTED, Status.APPROVED])
    assert Booking.objects.count() == 1
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [302] + [409] * (RACERS - 1)
    for number, answer in enumerate(answers):
        if answer.status_code == 302:
            assert held.user == patrons[number]
            continue
        html = answer.content.decode()
        assert "Šį laiką ką tik užėmė kitas žmogus. Tinklelyje pasirinkite kitą laiką." in html
        assert 'class="room-grid"' in html and "slot-taken" in html  # the grid again, with the time now taken
        assert 'value="Knygos pristatymas"' in html  # what was typed stays
