"""Every write of room booking: quoting and requesting a booking, its moves (approve, decline, cancel, complete,
no-show), blackouts and the day-before reminder. Pages, the API and the admin all call these.

No double booking is kept by the database, not here: `rooms_booking_no_overlap` refuses any row that would hold a
room at a time another holding row overlaps, buffers included. The code below never asks "is it free?" before it
inserts (two requests could both hear "yes"); it inserts and turns the constraint's refusal into `slot_taken`.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import User
from library_portal.transitions import transition
from pricing.calculation import QuoteLine, price_line, to_cents
from pricing.models import PriceList
from rooms.links import cancel_cutoff, reminder_at
from rooms.models import TRANSITIONS, Booking, Kind, Room, Source, Status
from rooms.notices import booking_mail
from rooms.rules import check_details, check_lengths, check_opening, check_times, check_who, check_window
from rooms.selectors import active_count, opening_days, patron_category_code, room_price, zone
from rooms.tasks import booking_reminder_task, booking_staff_notice_task

SLOT_TAKEN = _("This time was just taken by someone else. Choose another time in the grid.")
# The constraint whose refusal means "someone holds this time": any other refusal is a bug, and is raised as it is.
NO_OVERLAP = "rooms_booking_no_overlap"


# The price ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingQuote:
    """The price of a booking: `hours` × `unit_price` from the item `code` of `price_list`, rounded once to
    `total`. `unit_price` and `total` are None when the list in force has no fixed price for it (the library prices
    it individually; `note` says so)."""

    price_list: PriceList | None
    code: str
    name: str
    category: str
    hours: Decimal
    unit_price: Decimal | None
    total: Decimal | None
    note: str = ""


def booking_hours(start: dt.datetime, end: dt.datetime) -> Decimal:
    return (Decimal(int((end - start).total_seconds())) / Decimal(3600)).quantize(Decimal("0.01"))


def booking_quote(
    *, room: Room, start: dt.datetime, end: dt.datetime, with_equipment: bool, category: str | None = None
) -> BookingQuote:
    """The price of booking `room` from `start` to `end`: the duration in hours times the hourly price of the
    room's item (with or without equipment) in the price list in force on the booking's date (in the library's
    zone), for the patron `category` (a code) where the item is priced by category; through `pricing.calculation`.

    Raises DomainError: end_before_start (field end), no_equipment (field with_equipment)."""
    if end <= start:
        raise DomainError(_("The end must be after the start."), code="end_before_start", field="end")
    if with_equipment and not room.has_equipment:
        raise DomainError(_("This room has no presentation equipment."), code="no_equipment", field="with_equipment")
    hours = booking_hours(start, end)
    price = room_price(room=room, on=start.astimezone(zone()).date(), with_equipment=with_equipment)
    if price.rule is None or price.rule.unit != "hour":
        note = str(_("The price list in force has no hourly price for this room: the library tells you the price."))
        return BookingQuote(price.price_list, price.code, "", category or "", hours, None, None, note)
    line = price_line(price.rule, QuoteLine(item=price.code, quantity=hours), category or "", index=0)
    total = None if line.subtotal is None else to_cents(line.subtotal)
    return BookingQuote(
        price.price_list, price.code, price.rule.name, category or "", hours, line.unit_price, total, line.note
    )


# Requesting ---------------------------------------------------------------------------------------


def booking_hold_save(booking: Booking, *, field: str = "start", **save_kwargs) -> Booking:
    """Save a row that holds a room (a new booking, blackout or event hold, or an event's hold moved) with
    `save_kwargs`; the exclusion constraint refusing it becomes DomainError slot_taken (409) on `field`. In a
    savepoint, so that the caller's transaction goes on after a refusal (a weekly series skips the date)."""
    try:
        with transaction.atomic():
            booking.save(**save_kwargs)
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) == NO_OVERLAP:
            raise DomainError(SLOT_TAKEN, code="slot_taken", field=field, status=409) from None
        raise
    bump(Namespace.ROOMS)  # the weeks of free and taken times kept in the cache (rooms/availability.py)
    return booking


def held_range(room: Room, start: dt.datetime, end: dt.datetime) -> DateTimeTZRange:
    """[start - buffer before, end + buffer after): what a booking of `room` keeps the room for."""
    return DateTimeTZRange(
        start - dt.timedelta(minutes=room.buffer_before_minutes),
        end + dt.timedelta(minutes=room.buffer_after_minutes),
        "[)",
    )


def _check_online(room: Room) -> None:
    if not room.bookable_online:
        raise DomainError(
            _("This room cannot be booked online. Call the branch to book it."), code="not_bookable_online"
        )


def _check_time(room: Room, start, end, *, staff: bool, now: dt.datetime) -> None:
    tz = zone()
    check_times(room, start, end, tz)
    if not staff:
        check_window(room, start, now, tz)
    day = start.astimezone(tz).date()
    check_opening(start, end, opening_days(room=room, first=day, last=day), tz)


def _check_request(room: Room, *, start, end, user, source: str, now: dt.datetime, fields: dict) -> None:
    """Every rule of a request, in the order a person reads the form; staff (source "staff") may book a room that is
    not offered online, in the past, at short notice or far ahead, for anyone, beyond the per-person limit."""
    if source not in Source.values:
        raise DomainError(_("Choose how the booking was received."), code="bad_source", field="source")
    staff = source == Source.STAFF
    if not staff:
        _check_online(room)
    if user is None:
        raise DomainError(_("Log in to book a room."), code="login_required", status=403)
    if not staff:
        check_who(room, organisation_name=fields["organisation_name"], organisation_code=fields["organisation_code"])
    check_lengths(fields)
    _check_time(room, start, end, staff=staff, now=now)
    check_details(room, purpose=fields["purpose"], people=fields["people"], phone=fields["phone"])


def booking_preview(
    *, room: Room, start: dt.datetime, end: dt.datetime, with_equipment: bool, user: User | None = None
) -> BookingQuote:
    """The price of the time a patron is choosing, once the rules of the time itself are kept (online booking,
    grid, length, lead time, horizon, opening hours); nothing is held. Whether the time is still free is known only
    when it is requested. Raises DomainError as booking_request does for these rules, and no_equipment."""
    _check_online(room)
    _check_time(room, start, end, staff=False, now=timezone.now())
    return booking_quote(
        room=room, start=start, end=end, with_equipment=with_equipment, category=patron_category_code(user)
    )


def booking_request(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    with_equipment: bool,
    purpose: str,
    people: int | None,
    phone: str,
    user: User | None = None,
    organisation_name: str = "",
    organisation_code: str = "",
    actor: User | None,
    source: str = Source.WEB,
    notify: bool = True,
) -> Booking:
    """Request `room` from `start` to `end` (aware datetimes, the public times) for `user`, as a person or, with
    the organisation's name and registration code, for an organisation. The request is Requested and holds the
    slot (buffers included); staff are told and the patron gets a notice (no .ics: it may not take place). A room
    that needs no approval is approved at once, and the approval notice carries the .ics. Staff's entries (source
    "staff") are approved at once, and nobody is told of a request; `notify` False leaves out the patron's approval
    mail (a series tells them once). The price is quoted from the list in force on the booking's date and stored
    with it.

    Raises DomainError naming the field: not_bookable_online, login_required, organisations_only, patrons_only,
    organisation_details, missing_time, end_before_start, off_grid, too_short, too_long, in_past, too_soon,
    too_far, closed_day, outside_hours, purpose_required, people_required, too_many_people, phone_required,
    phone_invalid, text_too_long, bad_source, no_equipment, too_many_pending, and slot_taken (409) when the time is
    held by another row, also when it was taken a moment before by a request racing with this one."""
    now = timezone.now()
    fields = {
        "purpose": (purpose or "").strip(),
        "people": people,
        "phone": (phone or "").strip(),
        "organisation_name": (organisation_name or "").strip(),
        "organisation_code": (organisation_code or "").strip(),
    }
    _check_request(room, start=start, end=end, user=user, source=source, now=now, fields=fields)
    quote = booking_quote(
        room=room, start=start, end=end, with_equipment=with_equipment, category=patron_category_code(user)
    )
    with transaction.atomic():
        # The person's row is locked first, so that two requests of one person at once are counted one after the
        # other against the limit; people booking different rooms or times never wait for each other here.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if source != Source.STAFF and active_count(room=room, user=user, now=now) >= room.max_active_per_person:
            raise DomainError(
                _(
                    "You already have %(count)d requested or coming bookings of this room, the most one person may "
                    "have. Cancel one or wait until it is over."
                )
                % {"count": room.max_active_per_person},
                code="too_many_pending",
            )
        booking = booking_hold_save(
            Booking(
                room=room,
                kind=Kind.BOOKING,
                status=Status.REQUESTED,
                start=start,
                end=end,
                held=held_range(room, start, end),
                user=user,
                with_equipment=with_equipment,
                language=user.language,
                source=source,
                created_by=actor,
                price_list=quote.price_list,
                price_code=quote.code,
                category_code=quote.category,
                unit_price=quote.unit_price,
                hours=quote.hours,
                total=quote.total,
                **fields,
            ),
            force_insert=True,
        )
        booking.history.create(from_status="", to_status=Status.REQUESTED, actor=actor)
        if source == Source.STAFF:
            # Staff entered it themselves (a phone call, the desk, a series): the person who would approve it has
            # decided already, so it is approved at once, by them, and nobody is told of a request.
            _move(booking, Status.APPROVED, actor=actor)
            _approved(booking, notify=notify)
        else:
            booking_staff_notice_task.enqueue(booking_id=booking.pk, kind="requested")
            if room.requires_approval:
                booking_mail(booking=booking, kind="requested")
            else:
                _move(booking, Status.APPROVED, actor=None, note=str(_("Approved automatically: no approval needed.")))
                _approved(booking)
    return booking


# Moves --------------------------------------------------------------------------------------------


def _move(booking: Booking, to: str, *, actor: User | None, note: str = "", fields=()) -> str:
    """Move `booking` through `transition` (TRANSITIONS), writing its history row. Raises DomainError
    illegal_move (409)."""
    moved = transition(
        booking,
        to,
        table=TRANSITIONS,
        history=booking.history,
        refused=_("A booking that is “%(from)s” cannot become “%(to)s”."),
        closed=_("This booking is “%(from)s” and can no longer change."),
        actor=actor,
        note=note,
        fields=fields,
    )
    bump(Namespace.ROOMS)  # a row that holds the room no longer, or now does: the cached weeks are out of date
    return moved


def _approved(booking: Booking, *, notify: bool = True) -> None:
    """The approval's notice with the .ics (unless `notify` is False), and the day-before reminder queued."""
    if notify:
        booking_mail(booking=booking, kind=Status.APPROVED)
    remind = reminder_at(booking)
    if remind > timezone.now():
        arguments = {"booking_id": booking.pk, "starts_at": booking.start.isoformat()}
        transaction.on_commit(lambda: booking_reminder_task.using(run_after=remind).enqueue(**arguments))


def _fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("room__branch", "user").get(pk=booking.pk)


def booking_approve(*, booking: Booking, actor: User | None) -> Booking:
    """Approve a request: the patron gets the approval with the .ics, and the reminder is queued. Raises
    DomainError illegal_move when the booking is not Requested."""
    with transaction.atomic():
        booking = _fresh(booking)
        _move(booking, Status.APPROVED, actor=actor)
        _approved(booking)
    return booking


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason the patron will read."), code="reason_required", field="reason")
    return reason


def booking_decline(*, booking: Booking, reason: str, actor: User | None) -> Booking:
    """Decline a request with a reason the patron reads; the slot is free again. Raises DomainError:
    reason_required, illegal_move."""
    reason = _reason(reason)
    with transaction.atomic():
        booking = _fresh(booking)
        booking.reason = reason
        _move(booking, Status.DECLINED, actor=actor, note=reason, fields=["reason"])
        booking_mail(booking=booking, kind=Status.DECLINED)
    return booking


def booking_cancel_by_patron(*, booking: Booking, actor: User | None = None) -> Booking:
    """The patron cancels (logged in, `actor` the booking's patron, or through the signed link, `actor` None), free
    of charge until ROOMS_CANCEL_CUTOFF_HOURS before the start; staff are told. Raises DomainError: not_found (404)
    for someone else's booking, too_late after the cut-off, illegal_move when it no longer holds the room."""
    with transaction.atomic():
        booking = _fresh(booking)
        if booking.kind != Kind.BOOKING or (actor is not None and booking.user_id != actor.pk):
            raise DomainError(_("There is no such booking."), code="not_found", status=404)
        if booking.is_holding and timezone.now() >= cancel_cutoff(booking):
            raise DomainError(
                ngettext_lazy(
                    "A booking can be cancelled here only until %(hours)d hour before it starts. Call the branch.",
                    "A booking can be cancelled here only until %(hours)d hours before it starts. Call the branch.",
                    "hours",
                )
                % {"hours": settings.ROOMS_CANCEL_CUTOFF_HOURS},
                code="too_late",
                status=409,
            )
        _move(booking, Status.CANCELLED_BY_PATRON, actor=actor)
        booking_mail(booking=booking, kind=Status.CANCELLED_BY_PATRON)
        booking_staff_notice_task.enqueue(booking_id=booking.pk, kind="cancelled")
    return booking


def booking_cancel_by_library(*, booking: Booking, reason: str, actor: User | None) -> Booking:
    """Staff cancel a booking (at any time before it is over) with a reason the patron reads. Raises DomainError:
    reason_required, illegal_move."""
    reason = _reason(reason)
    with transaction.atomic():
        booking = _fresh(booking)
        booking.reason = reason
        _move(booking, Status.CANCELLED_BY_LIBRARY, actor=actor, note=reason, fields=["reason"])
        booking_mail(booking=booking, kind=Status.CANCELLED_BY_LIBRARY)
    return booking


def _after_start(booking: Booking, to: str, *, actor: User | None) -> Booking:
    with transaction.atomic():
        booking = _fresh(booking)
        if booking.start > timezone.now():
            raise DomainError(_("This booking has not begun yet."), code="not_begun", status=409)
        _move(booking, to, actor=actor)
        booking_mail(booking=booking, kind=to)
    return booking


def booking_complete(*, booking: Booking, actor: User | None) -> Booking:
    """Mark an approved booking that has begun as completed. Raises DomainError: not_begun, illegal_move."""
    return _after_start(booking, Status.COMPLETED, actor=actor)


def booking_no_show(*, booking: Booking, actor: User | None) -> Booking:
    """Mark an approved booking that has begun as not used (no-show). Raises DomainError: not_begun, illegal_move."""
    return _after_start(booking, Status.NO_SHOW, actor=actor)


# Blackouts ----------------------------------------------------------------------------------------


def room_blackout_add(*, room: Room, start: dt.datetime, end: dt.datetime, note: str, actor: User | None) -> Booking:
    """Close `room` from `start` to `end` (repairs, the library's own use). A blackout is a row under the same
    constraint as the bookings, so it cannot be put over a booking that holds the room: cancel that first. Raises
    DomainError: end_before_start, slot_taken (409)."""
    if end <= start:
        raise DomainError(_("The end must be after the start."), code="end_before_start", field="end")
    with transaction.atomic():
        blackout = booking_hold_save(
            Booking(
                room=room,
                kind=Kind.BLACKOUT,
                status=Status.APPROVED,
                start=start,
                end=end,
                held=DateTimeTZRange(start, end, "[)"),
                purpose=(note or "").strip()[:300],
                source=Source.STAFF,
                created_by=actor,
            ),
            force_insert=True,
        )
        blackout.history.create(from_status="", to_status=Status.APPROVED, actor=actor, note=blackout.purpose)
    return blackout


def room_blackout_remove(*, blackout: Booking, actor: User | None) -> Booking:
    """Lift a blackout: the room is bookable again at that time. Raises DomainError: not_blackout, illegal_move."""
    if blackout.kind != Kind.BLACKOUT:
        raise DomainError(_("This is not a blackout."), code="not_blackout")
    with transaction.atomic():
        _move(blackout, Status.CANCELLED_BY_LIBRARY, actor=actor)
    return blackout


# The reminder -------------------------------------------------------------------------------------


def booking_reminder_send(*, booking_id: int, expected_start: dt.datetime) -> bool:
    """Send the day-before reminder once; True when it was sent. Nothing is sent for a booking that is no longer
    approved, has moved since the reminder was queued, or has begun."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("room__branch", "user")
            .filter(pk=booking_id)
            .first()
        )
        if booking is None or booking.status != Status.APPROVED or booking.reminder_sent_at:
            return False
        if booking.start != expected_start or booking.start <= timezone.now():
            return False
        booking.reminder_sent_at = timezone.now()
        booking.save(update_fields=["reminder_sent_at", "updated_at"])
        booking_mail(booking=booking, kind="reminder")
    return True
