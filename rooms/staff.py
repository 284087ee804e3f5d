"""Staff's writes of room booking beyond the moves in rooms/services.py: a booking entered for someone (a phone
call, the desk), the library's own use of a room, a recurring series, an event of the e-services holding a room,
and a price set by staff.

Every row written here is a `Booking` under the same exclusion constraint as the patrons' requests: a staff
booking, a series' date or an event can no more overlap a held time than a patron can.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from library_portal.errors import DomainError
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from library_portal.transitions import transition
from library_portal.typography import inner_quotes
from pricing.calculation import to_cents
from rooms.models import HOLDING, TRANSITIONS, Booking, BookingSeries, Kind, Room, Source, Status
from rooms.notices import PRODID
from rooms.rules import check_details, check_times
from rooms.selectors import zone
from rooms.services import NO_OVERLAP, SLOT_TAKEN, booking_request, held_range

# A series longer than this is most likely a mistyped year; the library books at most a season ahead.
SERIES_MAX_DATES = 60
# The price a booking can still be charged: a declined or cancelled one has nothing to pay.
PRICED = frozenset({Status.REQUESTED, Status.APPROVED, Status.COMPLETED, Status.NO_SHOW})


def _save_guarded(booking: Booking, *, field: str, **save_kwargs) -> Booking:
    """Save a row that holds a room (insert, or move an event's hold) in a savepoint; the exclusion constraint
    refusing it becomes DomainError slot_taken (409) on `field`, as in rooms.services."""
    try:
        with transaction.atomic():
            booking.save(**save_kwargs)
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) == NO_OVERLAP:
            raise DomainError(SLOT_TAKEN, code="slot_taken", field=field, status=409) from None
        raise
    return booking


# A booking for someone ----------------------------------------------------------------------------


def booking_staff_create(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    user: User,
    with_equipment: bool,
    purpose: str,
    people: int | None,
    phone: str,
    organisation_name: str = "",
    organisation_code: str = "",
    actor: User,
    notify: bool = True,
    series: BookingSeries | None = None,
) -> Booking:
    """Book `room` for `user` (or the organisation they book for) on staff's word: a phone request or the desk.

    It goes through `booking_request` (source "staff"): the same times, opening hours, details and constraint,
    but no lead time, horizon, per-person limit or "bookable online", and it is approved at once, since the
    person who would approve it is entering it. The patron gets the approval with the .ics (unless `notify` is
    False: a series tells them once). Raises DomainError as booking_request does (slot_taken 409 among them)."""
    booking = booking_request(
        room=room,
        start=start,
        end=end,
        with_equipment=with_equipment,
        purpose=purpose,
        people=people,
        phone=phone,
        user=user,
        organisation_name=organisation_name,
        organisation_code=organisation_code,
        actor=actor,
        source=Source.STAFF,
        notify=notify,
    )
    if series is not None:
        booking.series = series
        booking.save(update_fields=["series", "updated_at"])
    return booking


def room_internal_book(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str,
    actor: User | None,
    series: BookingSeries | None = None,
) -> Booking:
    """Hold `room` for the library's own use (a meeting, an event of its own), buffers included. Staff may hold a
    room outside the opening hours (an evening event is staffed by its organisers), so only the times themselves
    are checked. Raises DomainError: purpose_required (field purpose), end_before_start (field end), slot_taken
    (409)."""
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Say what the room is for."), code="purpose_required", field="purpose")
    if end <= start:
        raise DomainError(_("The end must be after the start."), code="end_before_start", field="end")
    with transaction.atomic():
        booking = _save_guarded(
            Booking(
                room=room,
                kind=Kind.INTERNAL,
                status=Status.APPROVED,
                start=start,
                end=end,
                held=held_range(room, start, end),
                purpose=purpose[:300],
                source=Source.STAFF,
                created_by=actor,
                series=series,
            ),
            field="start",
            force_insert=True,
        )
        booking.history.create(from_status="", to_status=Status.APPROVED, actor=actor, note=booking.purpose)
    return booking


# A recurring series -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedDate:
    date: dt.date
    code: str
    message: str


@dataclass(frozen=True)
class SeriesResult:
    """The series, the bookings made (one per date) and the dates skipped, each with the refusal's reason."""

    series: BookingSeries
    booked: list[Booking]
    skipped: list[SkippedDate]


def series_dates(*, first_date: dt.date, last_date: dt.date, every_weeks: int = 1) -> list[dt.date]:
    """`first_date` and every `every_weeks` weeks after it, up to `last_date` inclusive."""
    step = dt.timedelta(weeks=every_weeks)
    dates = []
    day = first_date
    while day <= last_date:
        dates.append(day)
        day += step
    return dates


def _check_series(room: Room, *, kind: str, user, first_date, last_date, start_time, end_time, every_weeks, details):
    """What is the same for every date is checked once, on its field; what differs by date (free, open) per date."""
    if kind not in (Kind.BOOKING, Kind.INTERNAL):
        raise DomainError(_("Choose whom the room is booked for."), code="invalid_kind", field="kind")
    if kind == Kind.BOOKING and user is None:
        raise DomainError(_("Choose the patron the booking is for."), code="patron_required", field="user")
    if end_time <= start_time:
        raise DomainError(_("The end must be after the start."), code="end_before_start", field="end_time")
    if last_date < first_date:
        raise DomainError(_("The last date cannot be before the first."), code="dates_reversed", field="last_date")
    if not 1 <= every_weeks <= 8:
        raise DomainError(_("Repeat every 1 to 8 weeks."), code="invalid_interval", field="every_weeks")
    if kind == Kind.BOOKING:
        tz = zone()
        start = dt.datetime.combine(first_date, start_time, tzinfo=tz)
        check_times(room, start, dt.datetime.combine(first_date, end_time, tzinfo=tz), tz)
        check_details(room, **details)
    elif not details["purpose"]:
        raise DomainError(_("Say what the room is for."), code="purpose_required", field="purpose")
    dates = series_dates(first_date=first_date, last_date=last_date, every_weeks=every_weeks)
    if len(dates) > SERIES_MAX_DATES:
        raise DomainError(
            _("A series may have at most %(count)d dates; this one would have %(dates)d. Choose an earlier end.")
            % {"count": SERIES_MAX_DATES, "dates": len(dates)},
            code="too_many_dates",
            field="last_date",
        )
    return dates


def booking_series_create(
    *,
    room: Room,
    kind: str,
    first_date: dt.date,
    last_date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    every_weeks: int = 1,
    user: User | None = None,
    organisation_name: str = "",
    organisation_code: str = "",
    purpose: str,
    people: int | None = None,
    phone: str = "",
    with_equipment: bool = False,
    actor: User,
) -> SeriesResult:
    """A recurring booking: `room` from `start_time` to `end_time` (the library's zone) on `first_date` and every
    `every_weeks` weeks after it until `last_date`, for a patron (`kind` "booking", through booking_staff_create:
    approved at once) or for the library's own use (`kind` "internal").

    Each date is made in a savepoint of its own: a date that is taken, falls on a holiday or outside the opening
    hours is skipped and reported with why (`SeriesResult.skipped`, also kept on the series as facts), and the
    other dates are booked. The patron gets one mail listing the dates booked and skipped, with one .ics of them
    all. A series of which no date can be booked is not made at all: DomainError no_date_free, naming the reasons.

    Raises DomainError before anything is written: invalid_kind, patron_required (field user), end_before_start
    (field end_time), dates_reversed, too_many_dates (field last_date), invalid_interval (field every_weeks), and
    for a patron's series the rules of booking_request that are the same on every date (off_grid, too_short,
    too_long, purpose_required, people_required, too_many_people, phone_required, phone_invalid)."""
    dates = _check_series(
        room,
        kind=kind,
        user=user,
        first_date=first_date,
        last_date=last_date,
        start_time=start_time,
        end_time=end_time,
        every_weeks=every_weeks,
        details={"purpose": (purpose or "").strip(), "people": people, "phone": (phone or "").strip()},
    )
    tz = zone()
    with transaction.atomic():
        series = BookingSeries.objects.create(
            room=room,
            kind=kind,
            user=user if kind == Kind.BOOKING else None,
            organisation_name=organisation_name.strip() if kind == Kind.BOOKING else "",
            organisation_code=organisation_code.strip() if kind == Kind.BOOKING else "",
            purpose=(purpose or "").strip()[:300],
            first_date=first_date,
            last_date=last_date,
            every_weeks=every_weeks,
            start_time=start_time,
            end_time=end_time,
            with_equipment=with_equipment,
            created_by=actor,
        )
        booked, skipped = [], []
        for day in dates:
            start = dt.datetime.combine(day, start_time, tzinfo=tz)
            end = dt.datetime.combine(day, end_time, tzinfo=tz)
            try:
                with transaction.atomic():
                    if kind == Kind.BOOKING:
                        booking = booking_staff_create(
                            room=room,
                            start=start,
                            end=end,
                            user=user,
                            with_equipment=with_equipment,
                            purpose=purpose,
                            people=people,
                            phone=phone,
                            organisation_name=organisation_name,
                            organisation_code=organisation_code,
                            actor=actor,
                            notify=False,
                            series=series,
                        )
                    else:
                        booking = room_internal_book(
                            room=room, start=start, end=end, purpose=purpose, actor=actor, series=series
                        )
            except DomainError as error:
                skipped.append(SkippedDate(day, error.code, str(error.message)))
            else:
                booked.append(booking)
        if not booked:
            reasons = "; ".join(f"{s.date:%Y-%m-%d}: {s.message}" for s in skipped[:5])
            raise DomainError(
                _("No date of this series could be booked, so nothing was saved. %(reasons)s") % {"reasons": reasons},
                code="no_date_free",
            )
        series.skipped = [{"date": s.date.isoformat(), "code": s.code} for s in skipped]
        series.save(update_fields=["skipped", "updated_at"])
        if kind == Kind.BOOKING:
            series_mail(series=series, booked=booked, skipped=skipped)
    return SeriesResult(series, booked, skipped)


def series_ics(*, series: BookingSeries, bookings: list[Booking]) -> str:
    """One iCalendar file with every date booked of a series (public times, never the buffers)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    room = series.room
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    for booking in bookings:
        entry = CalendarEvent()
        entry.add("uid", f"room-booking-{booking.pk}@{host}")
        entry.add("dtstamp", booking.updated_at)
        entry.add("dtstart", booking.start)
        entry.add("dtend", booking.end)
        entry.add("summary", f"{room.name}: {series.purpose}" if series.purpose else room.name)
        entry.add("location", f"{room.branch.name}, {room.branch.address}, {room.name}")
        entry.add("status", "CONFIRMED")
        calendar.add_component(entry)
    return calendar.to_ical().decode()


SKIP_REASONS = {
    "slot_taken": _("the time is already taken"),
    "closed_day": _("the branch is closed"),
    "outside_hours": _("outside the branch's staffed hours"),
}


def skip_reason(code: str) -> str:
    """What a series' skipped date's code means, in the active language."""
    return str(SKIP_REASONS.get(code, _("the rules of the room do not allow it")))


def series_mail(*, series: BookingSeries, booked: list[Booking], skipped: list[SkippedDate]) -> None:
    """The patron's one mail about a series: the dates booked (with one .ics of them all) and those skipped."""
    user = series.user
    if user is None or not user.email:
        return
    with translation.override(user.language), timezone.override(zone()):
        subject = ngettext_lazy(
            "Your booking of “%(room)s” is approved: %(count)d date",
            "Your booking of “%(room)s” is approved: %(count)d dates",
            "count",
        ) % {"room": inner_quotes(series.room.name), "count": len(booked)}
        body = render_to_string(
            "rooms/email/series.txt",
            {
                "user": user,
                "series": series,
                "room": series.room,
                "booked": booked,
                "skipped": [(s.date, skip_reason(s.code)) for s in skipped],
                "account_url": settings.SITE_URL + reverse("account_profile"),
            },
        )
        ics = series_ics(series=series, bookings=booked)
    mail_after_commit(
        subject=str(subject),
        body=body,
        to=[user.email],
        attachments=[(f"room-bookings-{series.pk}.ics", ics, "text/calendar")],
    )


# An event holding a room --------------------------------------------------------------------------


def event_room_hold(*, event, actor: User | None = None) -> Booking | None:
    """Keep `event.booked_room` for the event's time, buffers included, as a row of kind "event" under the
    no-overlap constraint; move that row when the event's time or room changes, and give the room back when the
    room is taken off the event or the event is cancelled. Call inside the transaction that saves the event, so
    that a refusal leaves the event unsaved too.

    Raises DomainError on the field booked_room: other_branch (a room of another branch), slot_taken (409) when
    the time is held by a booking, a blackout or another event."""
    current = (
        Booking.objects.select_for_update()
        .filter(event=event, kind=Kind.EVENT, status__in=HOLDING)
        .order_by("pk")
        .first()
    )
    room = None if event.is_cancelled else event.booked_room
    if room is None:
        if current is not None:
            transition(
                current,
                Status.CANCELLED_BY_LIBRARY,
                table=TRANSITIONS,
                history=current.history,
                refused=_("A booking that is “%(from)s” cannot become “%(to)s”."),
                actor=actor,
            )
        return None
    if room.branch_id != event.branch_id:
        raise DomainError(
            _("Choose a room of the event's branch."), code="other_branch", field="booked_room", status=400
        )
    title = str(event.title)[:300]
    if current is None:
        booking = Booking(
            room=room,
            kind=Kind.EVENT,
            status=Status.APPROVED,
            start=event.starts_at,
            end=event.ends_at,
            held=held_range(room, event.starts_at, event.ends_at),
            purpose=title,
            source=Source.STAFF,
            created_by=actor,
            event=event,
        )
        _save_guarded(booking, field="booked_room", force_insert=True)
        booking.history.create(from_status="", to_status=Status.APPROVED, actor=actor, note=title)
        return booking
    if (current.room_id, current.start, current.end, current.purpose) == (
        room.pk,
        event.starts_at,
        event.ends_at,
        title,
    ):
        return current
    current.room, current.start, current.end, current.purpose = room, event.starts_at, event.ends_at, title
    current.held = held_range(room, event.starts_at, event.ends_at)
    return _save_guarded(
        current, field="booked_room", update_fields=["room", "start", "end", "held", "purpose", "updated_at"]
    )


# The price set by staff ---------------------------------------------------------------------------


def booking_price_override(*, booking: Booking, amount: Decimal, reason: str, actor: User) -> Booking:
    """Set what the customer pays instead of the quoted price (0 for free of charge, e.g. a partner's training),
    with the reason; who and when are recorded on the booking, and a history row (the status unchanged) notes the
    old and the new amount with the reason. The receipt then shows this amount and the reason.

    Raises DomainError: not_a_booking (a blackout or the library's own use has no price), not_priced (a declined
    or cancelled booking), negative_price (field amount), reason_required (field reason)."""
    reason = (reason or "").strip()
    if amount is None or amount < 0:
        raise DomainError(_("Enter an amount of 0 or more."), code="negative_price", field="amount")
    if not reason:
        raise DomainError(
            _("Say why the price is changed: the receipt shows it."), code="reason_required", field="reason"
        )
    amount = to_cents(amount)
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("room__branch").get(pk=booking.pk)
        if booking.kind != Kind.BOOKING:
            raise DomainError(_("Only a booking for a customer has a price."), code="not_a_booking")
        if booking.status not in PRICED:
            raise DomainError(
                _("A booking that is “%(status)s” has nothing to pay.") % {"status": booking.get_status_display()},
                code="not_priced",
                status=409,
            )
        before = booking.amount_due
        booking.price_override = amount
        booking.price_override_reason = reason
        booking.price_override_by = actor
        booking.price_override_at = timezone.now()
        booking.save(
            update_fields=[
                "price_override",
                "price_override_reason",
                "price_override_by",
                "price_override_at",
                "updated_at",
            ]
        )
        # The amounts, not a sentence: the note is read in any language.
        was = "—" if before is None else f"{before} €"
        booking.history.create(
            from_status=booking.status, to_status=booking.status, actor=actor, note=f"{was} → {amount} €: {reason}"
        )
    return booking
