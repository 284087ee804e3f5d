"""Staff's writes (rooms/staff.py): a booking entered for someone, the library's own use, a weekly series that skips
and reports the dates it cannot book, an event of the e-services holding a room, and the price set by staff."""

import datetime as dt
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from library_portal.errors import DomainError
from rooms.models import Booking, BookingSeries, Kind, Status
from rooms.series import booking_series_create, series_dates
from rooms.services import booking_request
from rooms.staff import booking_price_override, booking_staff_create, event_room_hold, room_internal_book
from services.events import event_cancel, event_save
from services.models import OpeningException
from tests.factories import EventFactory
from tests.rooms.conftest import at, request_kwargs


def mails() -> list[dict]:
    """The e-mails queued so far (the worker would send them)."""
    rows = DBTaskResult.objects.filter(task_path__endswith="send_mail_task").order_by("enqueued_at")
    return [row.args_kwargs["kwargs"] for row in rows]


def staff_notices() -> list:
    return list(DBTaskResult.objects.filter(task_path__endswith="booking_staff_notice_task"))


# A booking for someone ----------------------------------------------------------------------------


def test_a_booking_staff_enter_for_a_patron_is_approved_at_once_with_one_mail_and_no_staff_notice(
    room, monday, patron, librarian
):
    booking = booking_staff_create(**request_kwargs(room, monday), user=patron, actor=librarian)
    assert booking.status == Status.APPROVED and booking.source == "staff" and booking.created_by == librarian
    assert [(h.from_status, h.to_status, h.actor) for h in booking.history.all()] == [
        ("", Status.REQUESTED, librarian),
        (Status.REQUESTED, Status.APPROVED, librarian),
    ]
    (approval,) = mails()
    assert approval["to"] == [patron.email]
    assert approval["attachments"][0][2] == "text/calendar"
    assert staff_notices() == []


def test_staff_may_book_at_short_notice_but_not_over_a_held_time(room, monday, patron, patron2, librarian):
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with pytest.raises(DomainError) as caught:
        booking_staff_create(**request_kwargs(room, monday, "11:00", "13:00"), user=patron2, actor=librarian)
    assert (caught.value.code, caught.value.status) == ("slot_taken", 409)
    tomorrow = monday - dt.timedelta(days=7)  # within a week from the clock: past a patron's lead time rules
    assert booking_staff_create(**request_kwargs(room, tomorrow), user=patron2, actor=librarian).pk


def test_staff_booking_for_an_organisation_needs_its_name_and_registration_code_for_the_receipt(
    room, monday, patron, librarian
):
    with pytest.raises(DomainError) as caught:
        booking_staff_create(
            **request_kwargs(room, monday, organisation_name="UAB Knyga"), user=patron, actor=librarian
        )
    assert (caught.value.code, caught.value.field) == ("organisation_details", "organisation_code")
    assert not Booking.objects.exists()


def test_the_library_s_own_use_holds_the_room_with_its_buffers_even_after_hours(room, monday, librarian, patron):
    room.buffer_after_minutes = 30
    room.save()
    own = room_internal_book(
        room=room,
        start=at(monday, "17:00"),
        end=at(monday, "19:00"),
        purpose="Darbuotojų susirinkimas",
        actor=librarian,
    )
    assert (own.kind, own.status, own.user) == (Kind.INTERNAL, Status.APPROVED, None)
    assert own.held.upper == at(monday, "19:30")
    with pytest.raises(DomainError) as caught:
        booking_request(**request_kwargs(room, monday, "16:00", "17:30"), user=patron, actor=patron)
    assert caught.value.code == "slot_taken"


def test_the_library_s_own_use_needs_a_purpose_and_an_end_after_the_start(room, monday, librarian):
    with pytest.raises(DomainError) as caught:
        room_internal_book(room=room, start=at(monday, "10:00"), end=at(monday, "11:00"), purpose=" ", actor=librarian)
    assert caught.value.field == "purpose"
    with pytest.raises(DomainError) as caught:
        room_internal_book(room=room, start=at(monday, "10:00"), end=at(monday, "10:00"), purpose="X", actor=librarian)
    assert caught.value.field == "end"
    assert not Booking.objects.exists()


# A weekly series ----------------------------------------------------------------------------------


def series_kwargs(room, first: dt.date, weeks: int, **extra) -> dict:
    return {
        "room": room,
        "kind": Kind.BOOKING,
        "first_date": first,
        "last_date": first + dt.timedelta(weeks=weeks - 1),
        "start_time": dt.time(15),
        "end_time": dt.time(17),
        "purpose": "Kalbų klubas",
        "people": 12,
        "phone": "+370 441 12345",
        **extra,
    }


def test_series_dates_are_every_given_number_of_weeks_up_to_the_last_date_inclusive():
    first = dt.date(2027, 1, 5)
    assert series_dates(first_date=first, last_date=dt.date(2027, 1, 26)) == [
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 19),
        dt.date(2027, 1, 26),
    ]
    assert series_dates(first_date=first, last_date=dt.date(2027, 1, 25), every_weeks=2) == [
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 19),
    ]


def test_a_series_skips_and_reports_the_dates_taken_or_closed_and_books_the_others(
    room, monday, patron, patron2, librarian
):
    tuesday = monday + dt.timedelta(days=1)
    taken = tuesday + dt.timedelta(weeks=1)
    holiday = tuesday + dt.timedelta(weeks=2)
    booking_request(**request_kwargs(room, taken, "16:00", "18:00"), user=patron2, actor=patron2)
    OpeningException.objects.create(branch=room.branch, date=holiday, closed=True, reason="Valstybės šventė")
    result = booking_series_create(**series_kwargs(room, tuesday, 4), user=patron, actor=librarian)
    assert [b.start for b in result.booked] == [at(tuesday, "15:00"), at(tuesday + dt.timedelta(weeks=3), "15:00")]
    assert [(s.date, s.code) for s in result.skipped] == [(taken, "slot_taken"), (holiday, "closed_day")]
    assert "Valstybės šventė" in result.skipped[1].message
    series = BookingSeries.objects.get()
    assert series.skipped == [
        {"date": taken.isoformat(), "code": "slot_taken"},
        {"date": holiday.isoformat(), "code": "closed_day"},
    ]
    assert set(series.bookings.values_list("status", flat=True)) == {Status.APPROVED}
    assert Booking.objects.filter(user=patron).count() == 2


def test_a_series_tells_the_patron_once_with_every_date_in_one_calendar_file(room, monday, patron, librarian):
    tuesday = monday + dt.timedelta(days=1)
    result = booking_series_create(**series_kwargs(room, tuesday, 3), user=patron, actor=librarian)
    (mail,) = mails()
    assert mail["to"] == [patron.email]
    ((name, ics, mimetype),) = mail["attachments"]
    assert (name, mimetype) == (f"room-bookings-{result.series.pk}.ics", "text/calendar")
    assert ics.count("BEGIN:VEVENT") == 3
    assert "Kalbų klubas" in mail["body"]


def test_a_series_of_which_no_date_is_free_saves_nothing_and_says_why(room, monday, patron, patron2, librarian):
    tuesday = monday + dt.timedelta(days=1)
    booking_request(**request_kwargs(room, tuesday, "14:00", "16:00"), user=patron2, actor=patron2)
    with pytest.raises(DomainError) as caught:
        booking_series_create(**series_kwargs(room, tuesday, 1), user=patron, actor=librarian)
    assert caught.value.code == "no_date_free"
    assert tuesday.isoformat() in str(caught.value.message)
    assert not BookingSeries.objects.exists()
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_time": dt.time(14)}, "end_time"),
        ({"weeks_back": True}, "last_date"),
        ({"every_weeks": 9}, "every_weeks"),
        ({"people": 41}, "people"),
        ({"start_time": dt.time(15, 10)}, "start"),
        ({"phone": "skambinti"}, "phone"),
    ],
)
def test_a_series_with_a_mistake_the_same_on_every_date_is_refused_on_its_field(
    room, monday, patron, librarian, change, field
):
    kwargs = series_kwargs(room, monday + dt.timedelta(days=1), 3, user=patron, actor=librarian)
    if change.pop("weeks_back", False):
        kwargs["last_date"] = kwargs["first_date"] - dt.timedelta(days=1)
    kwargs.update(change)
    with pytest.raises(DomainError) as caught:
        booking_series_create(**kwargs)
    assert caught.value.field == field
    assert not BookingSeries.objects.exists() and not Booking.objects.exists()


def test_a_series_longer_than_sixty_dates_is_refused(room, monday, patron, librarian):
    with pytest.raises(DomainError) as caught:
        booking_series_create(**series_kwargs(room, monday, 61), user=patron, actor=librarian)
    assert (caught.value.code, caught.value.field) == ("too_many_dates", "last_date")


def test_a_series_for_a_patron_needs_the_patron(room, monday, librarian):
    with pytest.raises(DomainError) as caught:
        booking_series_create(**series_kwargs(room, monday, 2), actor=librarian)
    assert caught.value.field == "user"


def test_a_series_of_the_library_s_own_use_books_each_free_date_without_mail(room, monday, patron, librarian):
    booking_request(**request_kwargs(room, monday + dt.timedelta(weeks=1), "16:00", "17:00"), user=patron, actor=patron)
    mails_before = len(mails())
    result = booking_series_create(**series_kwargs(room, monday, 3, kind=Kind.INTERNAL), actor=librarian)
    assert [b.kind for b in result.booked] == [Kind.INTERNAL, Kind.INTERNAL]
    assert [s.code for s in result.skipped] == ["slot_taken"]
    assert len(mails()) == mails_before


# An event holding a room --------------------------------------------------------------------------


def test_an_event_with_a_room_holds_it_and_a_booking_over_it_is_refused(room, monday, patron):
    event = EventFactory.build(
        branch=room.branch, booked_room=room, starts_at=at(monday, "10:00"), ends_at=at(monday, "12:00")
    )
    event_save(event=event, site_url="http://testserver")
    hold = Booking.objects.get(event=event)
    assert (hold.kind, hold.status, hold.purpose) == (Kind.EVENT, Status.APPROVED, event.title)
    with pytest.raises(DomainError) as caught:
        booking_request(**request_kwargs(room, monday, "11:00", "13:00"), user=patron, actor=patron)
    assert caught.value.code == "slot_taken"


def test_an_event_over_a_booked_time_is_refused_on_its_room_field_and_not_saved(room, monday, patron):
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    event = EventFactory.build(
        branch=room.branch, booked_room=room, starts_at=at(monday, "11:00"), ends_at=at(monday, "12:30")
    )
    with pytest.raises(DomainError) as caught:
        event_save(event=event, site_url="http://testserver")
    assert (caught.value.code, caught.value.field) == ("slot_taken", "booked_room")
    assert event.__class__.objects.count() == 0


def test_an_event_moved_moves_its_hold_and_one_cancelled_gives_the_room_back(room, monday, patron):
    event = EventFactory(branch=room.branch, starts_at=at(monday, "10:00"), ends_at=at(monday, "12:00"))
    event.booked_room = room
    event_save(event=event, changed_fields=["booked_room"], site_url="http://testserver")
    event.starts_at, event.ends_at = at(monday, "14:00"), at(monday, "16:00")
    event_save(event=event, changed_fields=["starts_at", "ends_at"], site_url="http://testserver")
    (hold,) = Booking.objects.filter(event=event)
    assert (hold.start, hold.end, hold.status) == (at(monday, "14:00"), at(monday, "16:00"), Status.APPROVED)
    assert booking_request(**request_kwargs(room, monday), user=patron, actor=patron).pk  # 10–12 is free again
    event_cancel(event=event, site_url="http://testserver")
    hold.refresh_from_db()
    assert hold.status == Status.CANCELLED_BY_LIBRARY


def test_an_event_cannot_hold_a_room_of_another_branch(room, monday):
    event = EventFactory(starts_at=at(monday, "10:00"), ends_at=at(monday, "12:00"))
    event.booked_room = room
    with pytest.raises(DomainError) as caught:
        event_save(event=event, changed_fields=["booked_room"], site_url="http://testserver")
    assert (caught.value.code, caught.value.field) == ("other_branch", "booked_room")


def test_taking_the_room_off_an_event_gives_it_back(room, monday):
    event = EventFactory(branch=room.branch, starts_at=at(monday, "10:00"), ends_at=at(monday, "12:00"))
    event.booked_room = room
    event_room_hold(event=event)
    event.booked_room = None
    event_room_hold(event=event)
    assert Booking.objects.get(event=event).status == Status.CANCELLED_BY_LIBRARY


# The price set by staff ---------------------------------------------------------------------------


def test_staff_set_a_price_with_a_reason_and_it_is_recorded_with_the_old_amount(room, monday, patron, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    assert booking.total == Decimal("30.00")
    booking_price_override(booking=booking, amount=Decimal("0"), reason="Partnerių mokymai", actor=librarian)
    booking.refresh_from_db()
    assert (booking.price_override, booking.amount_due, booking.price_override_by) == (Decimal("0.00"), 0, librarian)
    assert booking.price_override_reason == "Partnerių mokymai" and booking.price_override_at is not None
    last = booking.history.order_by("-pk").first()
    assert (last.from_status, last.to_status, last.actor) == (Status.REQUESTED, Status.REQUESTED, librarian)
    assert last.note == "30.00 € → 0.00 €: Partnerių mokymai"


@pytest.mark.parametrize(
    ("amount", "reason", "field"), [(Decimal("-1"), "Klaida", "amount"), (Decimal("5"), " ", "reason")]
)
def test_a_price_set_by_staff_needs_an_amount_of_zero_or_more_and_a_reason(
    room, monday, patron, librarian, amount, reason, field
):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    with pytest.raises(DomainError) as caught:
        booking_price_override(booking=booking, amount=amount, reason=reason, actor=librarian)
    assert caught.value.field == field
    booking.refresh_from_db()
    assert booking.price_override is None


def test_a_declined_booking_or_a_blackout_has_no_price_to_set(room, monday, patron, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    Booking.objects.filter(pk=booking.pk).update(status=Status.DECLINED)
    with pytest.raises(DomainError) as caught:
        booking_price_override(booking=booking, amount=Decimal("1"), reason="X", actor=librarian)
    assert caught.value.code == "not_priced"
    own = room_internal_book(room=room, start=at(monday, "15:00"), end=at(monday, "16:00"), purpose="X", actor=None)
    with pytest.raises(DomainError) as caught:
        booking_price_override(booking=own, amount=Decimal("1"), reason="X", actor=librarian)
    assert caught.value.code == "not_a_booking"
