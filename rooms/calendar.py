"""The staff's calendar of a branch's rooms: every booking (with who booked it), blackout, library's own use and
event of a day or a week, with the buffers before and after that the public never sees; printable for the door.

Unlike the public availability (rooms.selectors), this says who and why: it is for staff only
(`rooms.view_booking`)."""

import datetime as dt
from dataclasses import dataclass

from rooms.models import HOLDING, Booking, Kind, Room, Status
from rooms.selectors import local_span, opening_days, zone
from services.models import Branch

# What the calendar shows: what holds a room, and what held it and was used (or not); never what was declined or
# cancelled, which held nothing in the end.
SHOWN = (*HOLDING, Status.COMPLETED, Status.NO_SHOW)


@dataclass(frozen=True)
class Entry:
    booking: Booking
    start: dt.datetime  # the public times, in the library's zone
    end: dt.datetime
    setup_from: dt.datetime | None  # the buffer before, when the room has one
    cleanup_until: dt.datetime | None  # the buffer after

    @property
    def who(self) -> str:
        """The customer (and their organisation), the event, or the note of a blackout or the library's own use."""
        booking = self.booking
        if booking.kind == Kind.BOOKING and booking.user is not None:
            person = booking.user.get_full_name() or booking.user.email
            return f"{booking.organisation_name} ({person})" if booking.organisation_name else person
        if booking.kind == Kind.EVENT and booking.event is not None:
            return str(booking.event.title)
        return booking.purpose


@dataclass(frozen=True)
class DayColumn:
    date: dt.date
    hours: str  # "9:00–18:00", empty when closed
    closed_reason: str  # a holiday's or closure's reason

    @property
    def is_closed(self) -> bool:
        return not self.hours


@dataclass(frozen=True)
class RoomRow:
    room: Room
    cells: list[list[Entry]]  # one list per day of the calendar, in time order


@dataclass(frozen=True)
class BranchCalendar:
    branch: Branch
    days: list[DayColumn]
    rows: list[RoomRow]


def calendar_days(day: dt.date, view: str) -> tuple[dt.date, dt.date]:
    """The first and last date shown: the day, or the week (Monday to Sunday) that holds it."""
    if view == "day":
        return day, day
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def branch_calendar(*, branch: Branch, first: dt.date, last: dt.date) -> BranchCalendar:
    """The branch's rooms with what holds each of them from `first` to `last` (inclusive), each entry in the day it
    starts on. Four queries whatever the number of rooms and bookings: the rooms, the staffed hours and the
    exceptions, the bookings (with their patron and event)."""
    tz = zone()
    rooms = list(Room.objects.filter(branch=branch).order_by("order", "slug"))
    start = dt.datetime.combine(first, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    bookings = (
        Booking.objects.filter(room__branch=branch, status__in=SHOWN, held__overlap=(start, end))
        .select_related("user", "event")
        .order_by("start", "pk")
    )
    dates = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    index = {day: n for n, day in enumerate(dates)}
    cells = {room.pk: [[] for _day in dates] for room in rooms}
    for booking in bookings:
        local_start, local_end = booking.start.astimezone(tz), booking.end.astimezone(tz)
        column = index.get(local_start.date())
        if column is None or booking.room_id not in cells:
            continue  # began before the first day shown: it is on that day's calendar
        lower, upper = booking.held.lower.astimezone(tz), booking.held.upper.astimezone(tz)
        entry = Entry(
            booking,
            local_start,
            local_end,
            lower if lower < local_start else None,
            upper if upper > local_end else None,
        )
        cells[booking.room_id][column].append(entry)
    rooms_by_pk = {room.pk: room for room in rooms}
    return BranchCalendar(
        branch=branch,
        days=_day_columns(rooms[0] if rooms else None, dates),
        rows=[RoomRow(rooms_by_pk[pk], row) for pk, row in cells.items()],
    )


def _day_columns(room: Room | None, dates: list[dt.date]) -> list[DayColumn]:
    """Each day's staffed hours of the branch (the hours rooms are booked in), or why it is closed."""
    if room is None:
        return [DayColumn(day, "", "") for day in dates]
    tz = zone()
    opening = opening_days(room=room, first=dates[0], last=dates[-1])
    columns = []
    for day in dates:
        intervals, reason = opening.intervals(day)
        spans = [local_span(day, interval, tz) for interval in intervals]
        hours = ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in spans)
        columns.append(DayColumn(day, hours, reason if not intervals else ""))
    return columns
