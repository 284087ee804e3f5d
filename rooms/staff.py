"""Staff's writes of room booking beyond the moves in rooms/services.py: a booking entered for someone (a phone
call, the desk), the library's own use of a room, an event of the e-services holding a room, and a price set by
staff (the weekly series, made of the first two, are in rooms/series.py).

Every row written here is a `Booking` under the same exclusion constraint as the patrons' requests: a staff
booking, a series' date or an event can no more overlap a held time than a patron can.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import User
from library_portal.transitions import transition
from pricing.calculation import to_cents
from rooms.models import HOLDING, TRANSITIONS, Booking, BookingSeries, Kind, Room, Source, Status
from rooms.services import booking_hold_save, booking_request, held_range

# The price a booking can still be charged: a declined or cancelled one has nothing to pay.
PRICED = frozenset({Status.REQUESTED, Status.APPROVED, Status.COMPLETED, Status.NO_SHOW})


# A booking for someone ----------------------------------------------------------------------------


def check_invoice_details(*, organisation_name: str, organisation_code: str) -> None:
    """Staff may book for an organisation whatever the room's "who may book", but the receipt needs its name and
    registration code. Raises DomainError organisation_details on the missing field."""
    name, code = (organisation_name or "").strip(), (organisation_code or "").strip()
    if code and not name:
        raise DomainError(
            _("Give the organisation's name for the invoice."), code="organisation_details", field="organisation_name"
        )
    if name and not code:
        raise DomainError(
            _("Give the organisation's registration code for the invoice."),
            code="organisation_details",
            field="organisation_code",
        )


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
    False: a series tells them once). Raises DomainError as booking_request does (slot_taken 409 among them), and
    organisation_details when an organisation comes without its name or registration code (the receipt needs both).
    """
    check_invoice_details(organisation_name=organisation_name, organisation_code=organisation_code)
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
        booking = booking_hold_save(
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
            bump(Namespace.ROOMS)  # the event's time is free again in the cached weeks (rooms/availability.py)
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
        booking_hold_save(booking, field="booked_room", force_insert=True)
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
    return booking_hold_save(
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
