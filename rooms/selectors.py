"""Reads of room booking: the rooms by branch, a room's free and taken times, a patron's bookings, the price rule of a
room.

Availability is public: it says which times are taken, never by whom or why (a booking, a blackout and a buffer all
read "taken").
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Case, Prefetch, QuerySet, Value, When
from django.utils import timezone

from library_portal.models import PatronProfile
from pricing.calculation import PriceRule
from pricing.models import CategoryPrice, PriceItem, PriceList
from pricing.selectors import price_list_in_force
from rooms.links import booking_cancel_token, patron_can_cancel
from rooms.models import HOLDING, Booking, Kind, Room
from services.models import HoursKind, OpeningException, OpeningHours
from services.opening import MIDNIGHT, Interval, intervals_on
from services.selectors import library_zone, portal_library

FREE = "free"
TAKEN = "taken"
CLOSED = "closed"  # outside the branch's staffed hours, or a holiday
UNAVAILABLE = "unavailable"  # in the past, within the lead time or beyond the horizon: open, but not bookable now


def zone() -> ZoneInfo:
    """The library's time zone: opening hours, the booking grid and every date of a booking are in it."""
    return library_zone(portal_library())


def bookable_rooms() -> QuerySet[Room]:
    """The rooms shown to the public, with their branch, in the branches' order."""
    return Room.objects.select_related("branch").order_by("branch__order", "branch__name", "order", "slug")


def rooms_by_branch() -> list[tuple]:
    """[(branch, [rooms])] for the rooms page; one query."""
    rooms = list(bookable_rooms())
    return [(branch, list(group)) for branch, group in groupby(rooms, key=lambda room: room.branch)]


# Opening hours ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningDays:
    """A branch's staffed hours and the opening exceptions of a span of dates, read once."""

    weekly: list
    exceptions: list

    def intervals(self, day: dt.date) -> tuple[list[Interval], str]:
        """The staffed intervals of `day` and, when an exception decided them (a holiday), its reason."""
        return intervals_on(day, HoursKind.STAFFED, self.weekly, self.exceptions)

    def is_exception_closed(self, day: dt.date) -> bool:
        return any(e.date == day and e.closed and e.kind in ("", HoursKind.STAFFED) for e in self.exceptions)


def opening_days(*, room: Room, first: dt.date, last: dt.date) -> OpeningDays:
    """Two queries: the branch's weekly staffed hours and its exceptions from `first` to `last`."""
    weekly = list(OpeningHours.objects.filter(branch_id=room.branch_id, kind=HoursKind.STAFFED))
    exceptions = list(OpeningException.objects.filter(branch_id=room.branch_id, date__range=(first, last)))
    return OpeningDays(weekly, exceptions)


def local_span(day: dt.date, interval: Interval, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """An interval of `day` as aware datetimes. Rooms are booked within a day: an interval that runs past midnight
    ends at midnight here."""
    start = dt.datetime.combine(day, interval.opens, tzinfo=tz)
    if interval.closes == MIDNIGHT or interval.runs_past_midnight:
        return start, dt.datetime.combine(day + dt.timedelta(days=1), MIDNIGHT, tzinfo=tz)
    return start, dt.datetime.combine(day, interval.closes, tzinfo=tz)


# Availability -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    state: str  # FREE, TAKEN, CLOSED or UNAVAILABLE


@dataclass(frozen=True)
class DayAvailability:
    date: dt.date
    slots: list[Slot]  # every grid step of the day's staffed hours
    intervals: list[Slot]  # the same, with neighbouring steps of one state joined
    closed_reason: str  # the exception's reason when a holiday or closure closes the day

    @property
    def is_closed(self) -> bool:
        return not self.slots


def held_ranges(*, room: Room, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The times held in the room (bookings with their buffers, blackouts) that overlap [start, end); one query,
    served by the exclusion constraint's GiST index."""
    rows = Booking.objects.filter(room=room, status__in=HOLDING, held__overlap=(start, end)).values_list(
        "held", flat=True
    )
    return sorted((row.lower, row.upper) for row in rows)


def _overlaps(start: dt.datetime, end: dt.datetime, held: Iterable[tuple[dt.datetime, dt.datetime]]) -> bool:
    return any(lower < end and start < upper for lower, upper in held)


@dataclass(frozen=True)
class Window:
    """When a booking may start now: not before `earliest` (the lead time), not after `latest` (the horizon)."""

    earliest: dt.datetime
    latest: dt.datetime


def booking_window(room: Room, now: dt.datetime, tz: ZoneInfo) -> Window:
    """The lead time counts from now; the horizon is whole days: the last bookable day is today + horizon days."""
    last_day = now.astimezone(tz).date() + dt.timedelta(days=room.horizon_days)
    latest = dt.datetime.combine(last_day + dt.timedelta(days=1), MIDNIGHT, tzinfo=tz)
    return Window(earliest=now + dt.timedelta(hours=room.lead_hours), latest=latest)


def _state(room: Room, start: dt.datetime, end: dt.datetime, held, window: Window) -> str:
    if start < window.earliest or start >= window.latest:
        return UNAVAILABLE
    # A new booking of this step would hold its buffers too: the step is free only when they fit as well.
    before = dt.timedelta(minutes=room.buffer_before_minutes)
    after = dt.timedelta(minutes=room.buffer_after_minutes)
    return TAKEN if _overlaps(start - before, end + after, held) else FREE


def _joined(slots: list[Slot]) -> list[Slot]:
    joined: list[Slot] = []
    for slot in slots:
        if joined and joined[-1].state == slot.state and joined[-1].end == slot.start:
            joined[-1] = Slot(joined[-1].start, slot.end, slot.state)
        else:
            joined.append(slot)
    return joined


def day_slots(room: Room, day: dt.date, opening: OpeningDays, tz: ZoneInfo) -> tuple[list[dt.datetime], str]:
    """The starts of the grid steps of `day` within the staffed hours, and the reason of a closing exception."""
    intervals, reason = opening.intervals(day)
    step = dt.timedelta(minutes=room.slot_minutes)
    starts = []
    for interval in intervals:
        opens, closes = local_span(day, interval, tz)
        # Steps keep to the grid counted from midnight, so that 09:15 opening hours still give 09:30, 10:00, …
        midnight = dt.datetime.combine(day, MIDNIGHT, tzinfo=tz)
        minutes = (opens - midnight).total_seconds() / 60
        moment = midnight + dt.timedelta(minutes=-(-minutes // room.slot_minutes) * room.slot_minutes)
        while moment + step <= closes:
            starts.append(moment)
            moment += step
    return starts, (reason if not intervals else "")


def room_availability(
    *, room: Room, start_date: dt.date, end_date: dt.date, now: dt.datetime | None = None
) -> list[DayAvailability]:
    """The free and taken steps of the booking grid of each date from `start_date` to `end_date` (inclusive), in
    the library's time zone, within the branch's staffed opening hours and never on a closing exception (a
    holiday). A step is free when a booking of it, buffers included, would overlap nothing held; steps in the past,
    within the room's lead time or beyond its horizon are "unavailable". Four queries at most (the library's zone is
    cached): hours, exceptions, held times."""
    tz = zone()
    now = now or timezone.now()
    opening = opening_days(room=room, first=start_date, last=end_date)
    step = dt.timedelta(minutes=room.slot_minutes)
    days = []
    day = start_date
    while day <= end_date:
        days.append((day, *day_slots(room, day, opening, tz)))
        day += dt.timedelta(days=1)
    starts = [start for _day, day_starts, _reason in days for start in day_starts]
    held = []
    if starts:
        margin = dt.timedelta(minutes=room.buffer_before_minutes + room.buffer_after_minutes)
        held = held_ranges(room=room, start=min(starts) - margin, end=max(starts) + step + margin)
    window = booking_window(room, now, tz)
    result = []
    for day, day_starts, reason in days:
        slots = [Slot(start, start + step, _state(room, start, start + step, held, window)) for start in day_starts]
        result.append(DayAvailability(day, slots, _joined(slots), reason))
    return result


# A patron's bookings ------------------------------------------------------------------------------


def patron_bookings(*, user) -> QuerySet[Booking]:
    """The patron's bookings, the latest start first, with their room and branch; one query."""
    return (
        Booking.objects.filter(user=user, kind=Kind.BOOKING)
        .select_related("room", "room__branch")
        .order_by("-start", "-pk")
    )


def bookings_for_account(*, user, limit: int = 20) -> list[Booking]:
    """The patron's bookings for My account: those still holding a room and not over first, then the others, each
    group latest first; one query. Each carries `cancel_token` while the patron may still cancel it."""
    now = timezone.now()
    rows = list(
        patron_bookings(user=user)
        .annotate(rank=Case(When(status__in=HOLDING, end__gt=now, then=Value(0)), default=Value(1)))
        .order_by("rank", "-start", "-pk")[:limit]
    )
    for booking in rows:
        booking.cancel_token = booking_cancel_token(booking) if patron_can_cancel(booking) else ""
    return rows


def active_count(*, room: Room, user, now: dt.datetime) -> int:
    """How many bookings of `room` the person has that hold it and are not over yet."""
    return Booking.objects.filter(room=room, user=user, kind=Kind.BOOKING, status__in=HOLDING, end__gt=now).count()


def patron_category_code(user) -> str:
    """The patron category that prices for `user`: one the library has confirmed, or one that needs no proof."""
    if user is None:
        return ""
    profile = PatronProfile.objects.select_related("category").filter(user=user).first()
    if profile is None or profile.category is None:
        return ""
    if profile.category.needs_proof and not profile.category_confirmed:
        return ""
    return profile.category.code


# Prices -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomPrice:
    """The price list in force on a date and the rule of the room's item in it (None: the list has no such item)."""

    price_list: PriceList | None
    code: str
    rule: PriceRule | None


def room_price(*, room: Room, on: dt.date, with_equipment: bool) -> RoomPrice:
    """The rule of the item that prices `room` (with or without equipment) in the list in force `on`; two or three
    queries."""
    code = room.price_code_with_equipment if with_equipment else room.price_code
    price_list = price_list_in_force(on)
    if price_list is None or not code:
        return RoomPrice(price_list, code, None)
    item = (
        PriceItem.objects.filter(price_list=price_list, code=code)
        .prefetch_related(Prefetch("category_prices", queryset=CategoryPrice.objects.select_related("category")))
        .first()
    )
    if item is None:
        return RoomPrice(price_list, code, None)
    rule = PriceRule(
        code=item.code,
        name=item.name,
        unit=item.unit,
        pricing=item.pricing,
        amount=item.amount,
        by_category={price.category.code: price.amount for price in item.category_prices.all()},
    )
    return RoomPrice(price_list, code, rule)


def hourly_prices(rooms: Iterable[Room], *, on: dt.date) -> dict[str, Decimal | None]:
    """{price code: fixed amount per hour} of the list in force `on`, for the rooms page; two queries."""
    codes = {code for room in rooms for code in (room.price_code, room.price_code_with_equipment) if code}
    price_list = price_list_in_force(on)
    if price_list is None or not codes:
        return {}
    return dict(
        PriceItem.objects.filter(price_list=price_list, code__in=codes, pricing="fixed").values_list("code", "amount")
    )
