"""Demo room booking (rooms/fixtures/demo/): the rooms of seed 004's price list and the sample branches, and the
demo patrons' bookings in every status, made and moved through the services a patron and a librarian use.

Rooms are matched by slug and brought up to date; a booking is known again by its patron, room and purpose, a
blackout by its room and note, so a second load adds nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from library_portal.demo.fixtures import demo_fixture, language_fields
from library_portal.errors import DomainError
from library_portal.models import User
from rooms.models import Booking, Kind, Room, Source, Status
from rooms.selectors import zone
from rooms.services import (
    booking_approve,
    booking_cancel_by_library,
    booking_cancel_by_patron,
    booking_complete,
    booking_decline,
    booking_no_show,
    booking_request,
    room_blackout_add,
)
from services.models import Branch

RULES = ("capacity", "has_equipment", "price_code", "price_code_with_equipment", "order")
BUFFERS = ("buffer_before_minutes", "buffer_after_minutes")
# Refusals that mean "not on this day": the loader tries the next one.
NEXT_DAY = frozenset({"closed_day", "outside_hours", "slot_taken", "too_soon"})


@transaction.atomic
def demo_load_rooms(*, with_bookings: bool) -> dict[str, int]:
    """Create or update the demo rooms; with `with_bookings` also the demo patrons' bookings and the blackouts
    (once). Returns counts."""
    rooms = {}
    for item in demo_fixture("rooms", "rooms"):
        rooms[item["slug"]], _created = Room.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "branch": Branch.objects.get(slug=item["branch"]),
                **language_fields("name", item["name"]),
                **language_fields("description", item["description"]),
                **language_fields("accessibility_notes", item["accessibility_notes"]),
                **{name: item[name] for name in (*RULES, *BUFFERS)},
            },
        )
    created = 0
    if with_bookings:
        data = demo_fixture("rooms", "bookings")
        staff = User.objects.filter(email="librarian@example.org").first()
        for item in data["bookings"]:
            created += _booking(item, rooms[item["room"]], staff)
        for item in data["blackouts"]:
            created += _blackout(item, rooms[item["room"]], staff)
    return {"rooms": len(rooms), "demo room bookings": created}


def _times(item: dict, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.fromisoformat(item["start"]), tzinfo=zone())
    return start, start + dt.timedelta(hours=item["hours"])


def _on_a_working_day(item: dict, make):
    """Call `make(start, end)` for the item's day, or the next ones, until the branch is staffed then."""
    first = timezone.now().astimezone(zone()).date() + dt.timedelta(days=item["days"])
    for offset in range(14):
        try:
            return make(*_times(item, first + dt.timedelta(days=offset)))
        except DomainError as error:
            if error.code not in NEXT_DAY:
                raise
    return None


def _booking(item: dict, room: Room, staff: User | None) -> int:
    user = User.objects.filter(email=item["user"]).first()
    if user is None or Booking.objects.filter(user=user, room=room, purpose=item["purpose"]).exists():
        return 0
    past = item["days"] < 0

    def make(start, end):
        return booking_request(
            room=room,
            start=start,
            end=end,
            with_equipment=item["with_equipment"],
            purpose=item["purpose"],
            people=item["people"],
            phone="+370 441 78216",
            user=user,
            organisation_name=item.get("organisation_name", ""),
            organisation_code=item.get("organisation_code", ""),
            actor=staff if past else user,
            # A booking in the past can only have been entered by staff: a patron's request must be ahead.
            source=Source.STAFF if past else Source.WEB,
        )

    booking = _on_a_working_day(item, make)
    if booking is None:
        return 0
    for move in item["moves"]:
        booking = _move(booking, move, item, staff)
    return 1


def _move(booking: Booking, move: str, item: dict, staff: User | None) -> Booking:
    reason = item.get("reason", "")
    moves = {
        Status.APPROVED: lambda: booking_approve(booking=booking, actor=staff),
        Status.DECLINED: lambda: booking_decline(booking=booking, reason=reason, actor=staff),
        Status.CANCELLED_BY_PATRON: lambda: booking_cancel_by_patron(booking=booking, actor=booking.user),
        Status.CANCELLED_BY_LIBRARY: lambda: booking_cancel_by_library(booking=booking, reason=reason, actor=staff),
        Status.COMPLETED: lambda: booking_complete(booking=booking, actor=staff),
        Status.NO_SHOW: lambda: booking_no_show(booking=booking, actor=staff),
    }
    return moves[move]()


def _blackout(item: dict, room: Room, staff: User | None) -> int:
    if Booking.objects.filter(room=room, kind=Kind.BLACKOUT, purpose=item["note"]).exists():
        return 0
    blackout = _on_a_working_day(
        item, lambda start, end: room_blackout_add(room=room, start=start, end=end, note=item["note"], actor=staff)
    )
    return 1 if blackout else 0
