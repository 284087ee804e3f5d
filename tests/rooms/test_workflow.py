"""A booking's moves (rooms.models.TRANSITIONS, through library_portal.transitions): every allowed move and every
forbidden one, the history, what each tells the patron and the staff, the reminder, and the price kept from the
request."""

import datetime as dt
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from library_portal.errors import DomainError
from library_portal.models import PatronProfile
from pricing.models import CategoryPrice, PatronCategory
from rooms.models import TRANSITIONS, Booking, Status
from rooms.services import (
    booking_approve,
    booking_cancel_by_library,
    booking_cancel_by_patron,
    booking_complete,
    booking_decline,
    booking_no_show,
    booking_quote,
    booking_reminder_send,
    booking_request,
    room_blackout_add,
    room_blackout_remove,
)
from tests.factories import PriceItemFactory, PriceListFactory
from tests.rooms.conftest import at, request_kwargs

MOVES = {
    Status.APPROVED: lambda booking, actor: booking_approve(booking=booking, actor=actor),
    Status.DECLINED: lambda booking, actor: booking_decline(booking=booking, reason="Užimta", actor=actor),
    Status.CANCELLED_BY_PATRON: lambda booking, actor: booking_cancel_by_patron(booking=booking),
    Status.CANCELLED_BY_LIBRARY: lambda booking, actor: booking_cancel_by_library(
        booking=booking, reason="Remontas", actor=actor
    ),
    Status.COMPLETED: lambda booking, actor: booking_complete(booking=booking, actor=actor),
    Status.NO_SHOW: lambda booking, actor: booking_no_show(booking=booking, actor=actor),
}
# Completed and no-show come only after the start: those moves are tried on a booking that has begun.
AFTER_START = {Status.COMPLETED, Status.NO_SHOW}
ALLOWED = [(origin, target) for origin, targets in TRANSITIONS.items() for target in sorted(targets)]
FORBIDDEN = [(origin, target) for origin in Status.values for target in MOVES if target not in TRANSITIONS[origin]]


def booking_in(status: str, room, day, patron, librarian, *, begun: bool) -> Booking:
    """A booking of `patron` put in `status` (its history is not replayed); `begun`: two weeks ago."""
    if begun:
        day = day - dt.timedelta(days=28)
    booking = booking_request(**request_kwargs(room, day), user=patron, actor=librarian, source="staff")
    Booking.objects.filter(pk=booking.pk).update(status=status)
    booking.refresh_from_db()
    return booking


def mails() -> list[dict]:
    """The e-mails queued so far (the worker would send them): subject, body, to and attachments."""
    rows = DBTaskResult.objects.filter(task_path__endswith="send_mail_task").order_by("enqueued_at")
    return [row.args_kwargs["kwargs"] for row in rows]


def staff_notices() -> list[dict]:
    rows = DBTaskResult.objects.filter(task_path__endswith="booking_staff_notice_task")
    return [row.args_kwargs["kwargs"] for row in rows]


@pytest.mark.parametrize(("origin", "target"), ALLOWED)
def test_every_move_in_the_table_is_made_with_its_history(room, monday, patron, librarian, origin, target):
    booking = booking_in(origin, room, monday, patron, librarian, begun=target in AFTER_START)
    moved = MOVES[target](booking, librarian)
    assert moved.status == target
    assert Booking.objects.get(pk=booking.pk).status == target
    last = booking.history.order_by("-pk").first()
    assert (last.from_status, last.to_status) == (origin, target)


@pytest.mark.parametrize(("origin", "target"), FORBIDDEN)
def test_every_move_outside_the_table_is_refused_and_changes_nothing(room, monday, patron, librarian, origin, target):
    booking = booking_in(origin, room, monday, patron, librarian, begun=target in AFTER_START)
    with pytest.raises(DomainError) as caught:
        MOVES[target](booking, librarian)
    assert caught.value.code == "illegal_move" and caught.value.status == 409
    assert Booking.objects.get(pk=booking.pk).status == origin
    assert not booking.history.filter(to_status=target).exists()


def test_a_booking_cannot_be_completed_or_missed_before_it_begins(room, monday, patron, librarian):
    booking = booking_in(Status.APPROVED, room, monday, patron, librarian, begun=False)
    for move in (booking_complete, booking_no_show):
        with pytest.raises(DomainError) as caught:
            move(booking=booking, actor=librarian)
        assert caught.value.code == "not_begun"
    assert Booking.objects.get(pk=booking.pk).status == Status.APPROVED


def test_declining_and_cancelling_by_the_library_need_a_reason(room, monday, patron, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    for move in (booking_decline, booking_cancel_by_library):
        with pytest.raises(DomainError) as caught:
            move(booking=booking, reason=" ", actor=librarian)
        assert (caught.value.code, caught.value.field) == ("reason_required", "reason")
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_a_declined_request_frees_its_time_for_someone_else(room, monday, patron, patron2, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with pytest.raises(DomainError):
        booking_request(**request_kwargs(room, monday), user=patron2, actor=patron2)
    booking_decline(booking=booking, reason="Salė remontuojama", actor=librarian)
    assert booking_request(**request_kwargs(room, monday), user=patron2, actor=patron2).user == patron2


# Notices ------------------------------------------------------------------------------------------


def test_a_request_tells_the_staff_and_the_patron_without_a_calendar_file(room, monday, patron):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert staff_notices() == [{"booking_id": booking.pk, "kind": "requested"}]
    (notice,) = mails()
    assert notice["to"] == [patron.email]
    assert "attachments" not in notice
    assert "/rooms/cancel/" in notice["body"]


def test_the_approval_carries_the_calendar_file_with_the_public_times_and_queues_the_reminder(
    room, monday, patron, librarian, django_capture_on_commit_callbacks
):
    room.buffer_before_minutes = 30
    room.save()
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with django_capture_on_commit_callbacks(execute=True):
        booking_approve(booking=booking, actor=librarian)
    approval = mails()[-1]
    ((name, ics, mimetype),) = approval["attachments"]
    assert (name, mimetype) == (f"room-booking-{booking.pk}.ics", "text/calendar")
    start = at(monday, "10:00").astimezone(dt.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in ics  # the public start, not the buffer's
    reminder = DBTaskResult.objects.get(task_path__endswith="booking_reminder_task")
    assert reminder.run_after == at(monday, "10:00") - dt.timedelta(hours=26)


@pytest.mark.parametrize(
    ("target", "word"),
    [
        (Status.APPROVED, "hyväksytty"),
        (Status.DECLINED, "hylätty"),
        (Status.CANCELLED_BY_LIBRARY, "peruuttanut"),
        (Status.CANCELLED_BY_PATRON, "peruttu"),
    ],
)
def test_the_patron_is_told_of_each_move_in_their_language(room, monday, patron, librarian, target, word):
    patron.preferred_language = "fi"
    patron.save()
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    MOVES[target](booking, librarian)
    notice = mails()[-1]
    assert word in notice["subject"]
    if target in (Status.DECLINED, Status.CANCELLED_BY_LIBRARY):
        assert ("Užimta" if target == Status.DECLINED else "Remontas") in notice["body"]


@pytest.mark.parametrize("target", sorted(AFTER_START))
def test_the_patron_is_told_when_a_booking_is_completed_or_missed(room, monday, patron, librarian, target):
    booking = booking_in(Status.APPROVED, room, monday, patron, librarian, begun=True)
    MOVES[target](booking, librarian)
    assert mails()[-1]["to"] == [patron.email]


def test_a_room_without_approval_confirms_at_once_with_the_calendar_file(room, monday, patron):
    room.requires_approval = False
    room.save()
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert booking.status == Status.APPROVED
    (approval,) = mails()
    assert approval["attachments"][0][2] == "text/calendar"
    assert [row.to_status for row in booking.history.all()] == [Status.REQUESTED, Status.APPROVED]


def test_the_reminder_goes_once_with_the_cancel_link_and_not_for_a_moved_or_cancelled_booking(
    room, monday, patron, librarian
):
    booking = booking_approve(
        booking=booking_request(**request_kwargs(room, monday), user=patron, actor=patron), actor=librarian
    )
    assert booking_reminder_send(booking_id=booking.pk, expected_start=at(monday, "09:00")) is False  # moved since
    assert booking_reminder_send(booking_id=booking.pk, expected_start=booking.start) is True
    reminder = mails()[-1]
    assert "/rooms/cancel/" in reminder["body"] and reminder["attachments"]
    assert booking_reminder_send(booking_id=booking.pk, expected_start=booking.start) is False  # once
    other = booking_request(**request_kwargs(room, monday, "14:00", "16:00"), user=patron, actor=patron)
    booking_cancel_by_patron(booking=other, actor=patron)
    assert booking_reminder_send(booking_id=other.pk, expected_start=other.start) is False


# Cancelling by the patron ------------------------------------------------------------------------


def test_the_patron_cancels_free_until_the_cut_off_and_then_only_staff_can(
    room, monday, patron, librarian, time_machine, settings
):
    settings.ROOMS_CANCEL_CUTOFF_HOURS = 24
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    time_machine.move_to(at(monday, "10:00") - dt.timedelta(hours=23), tick=False)
    with pytest.raises(DomainError) as caught:
        booking_cancel_by_patron(booking=booking, actor=patron)
    assert caught.value.code == "too_late"
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED
    booking_cancel_by_library(booking=booking, reason="Paskambino", actor=librarian)
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED_BY_LIBRARY


def test_a_patron_cannot_cancel_someone_elses_booking(room, monday, patron, patron2):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with pytest.raises(DomainError) as caught:
        booking_cancel_by_patron(booking=booking, actor=patron2)
    assert caught.value.code == "not_found"
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_the_patrons_cancellation_tells_the_staff(room, monday, patron):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    booking_cancel_by_patron(booking=booking, actor=patron)
    assert {"booking_id": booking.pk, "kind": "cancelled"} in staff_notices()


# The price ---------------------------------------------------------------------------------------


def test_the_price_is_hours_times_the_hourly_price_with_or_without_equipment(room, monday):
    quote = booking_quote(room=room, start=at(monday, "10:00"), end=at(monday, "11:30"), with_equipment=False)
    assert (quote.hours, quote.unit_price, quote.total) == (Decimal("1.50"), Decimal("15.00"), Decimal("22.50"))
    quote = booking_quote(room=room, start=at(monday, "10:00"), end=at(monday, "12:00"), with_equipment=True)
    assert quote.total == Decimal("40.00")


def test_the_price_list_in_force_on_the_bookings_date_prices_it_and_a_later_list_never_changes_it(
    room, monday, patron, price_list
):
    booked = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    # A new list comes into force the day after: it prices bookings on its days, not those already made.
    price_list.effective_until = monday
    price_list.save()
    newer = PriceListFactory(effective_from=monday + dt.timedelta(days=1))
    PriceItemFactory(price_list=newer, amount=Decimal("18.00"))
    booked.refresh_from_db()
    assert (booked.unit_price, booked.total, booked.price_list) == (Decimal("15.00"), Decimal("30.00"), price_list)
    later = booking_request(**request_kwargs(room, monday + dt.timedelta(days=1)), user=patron, actor=patron)
    assert (later.unit_price, later.total, later.price_list) == (Decimal("18.00"), Decimal("36.00"), newer)
    same_day = booking_request(**request_kwargs(room, monday, "14:00", "16:00"), user=patron, actor=patron)
    assert same_day.unit_price == Decimal("15.00")


def test_an_item_priced_by_patron_category_uses_the_patrons_confirmed_category(room, monday, patron, price_list):
    item = price_list.items.get(code="room-t12-hall")
    item.pricing, item.amount = "by_category", None
    item.save()
    pupils = PatronCategory.objects.create(code="pupil", name="Moksleiviai", needs_proof=True)
    CategoryPrice.objects.create(item=item, category=pupils, amount=Decimal("5.00"))
    PatronProfile.objects.create(user=patron, category=pupils)
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert booking.unit_price is None and booking.total is None  # the category is not yet confirmed
    PatronProfile.objects.filter(user=patron).update(category_confirmed_at=at(monday, "09:00"))
    booking = booking_request(**request_kwargs(room, monday, "14:00", "16:00"), user=patron, actor=patron)
    assert (booking.category_code, booking.total) == ("pupil", Decimal("10.00"))


# Blackouts ---------------------------------------------------------------------------------------


def test_a_blackout_holds_the_room_under_the_same_rule_and_can_be_lifted(room, monday, patron, librarian):
    blackout = room_blackout_add(
        room=room, start=at(monday, "09:00"), end=at(monday, "13:00"), note="Remontas", actor=librarian
    )
    with pytest.raises(DomainError) as caught:
        booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert caught.value.code == "slot_taken"
    room_blackout_remove(blackout=blackout, actor=librarian)
    assert booking_request(**request_kwargs(room, monday), user=patron, actor=patron).pk


def test_a_blackout_cannot_cover_a_booking(room, monday, patron, librarian):
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with pytest.raises(DomainError) as caught:
        room_blackout_add(room=room, start=at(monday, "11:00"), end=at(monday, "15:00"), note="", actor=librarian)
    assert caught.value.code == "slot_taken"
    assert Booking.objects.count() == 1
