"""A room's free and taken times, week by week, from the shared cache.

The room page and `GET /api/v1/rooms/<slug>/availability/` built the week from PostgreSQL on every request (the
branch's hours, its exceptions and the held times: three queries, and every step of the grid). `make bench`
(BENCH_ONLY=rooms, 5 s a page, on the shared 2-core machine at a load of about 7) measured them against the bare
Django page of the same run (63 requests/s): the API 16.9 requests/s (0.27x), the page 10.8 (0.17x), for a target of
1.0x. So each week (Monday to Sunday) of a room is kept in the shared cache, in `library_portal.caching.namespaced`,
and an anonymous visitor's room page whole (`cached_public_page`, in rooms/views.py), until:

- Namespace.ROOMS is bumped: by every write of a booking (`rooms.services`: a row inserted, a status moved) and of a
  room's rules in the admin;
- Namespace.BRANCHES is bumped: opening hours, exceptions and the library's time zone;
- the time reaches a step of the week that then stops being bookable (the lead time passing its start), or midnight
  (the horizon moving on): `valid_until`, checked on every read, so that nothing is ever shown free that the
  booking service would refuse as too soon.

A cache that does not answer is no fault: the week is built from the database (`namespaced`).
"""

import datetime as dt
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from library_portal.caching import Namespace, namespaced
from rooms.models import Room
from rooms.selectors import MIDNIGHT, DayAvailability, room_availability, zone


@dataclass(frozen=True)
class Availability:
    days: list[DayAvailability]
    valid_until: dt.datetime  # the first moment a step changes state with the time alone
    slot_minutes: int  # the room's grid


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _build_week(room: Room, monday: dt.date) -> Availability:
    now = timezone.now()
    days = room_availability(room=room, start_date=monday, end_date=monday + dt.timedelta(days=6), now=now)
    lead = dt.timedelta(hours=room.lead_hours)
    tz = zone()
    # The horizon is counted in whole days of the library's zone: it moves on at midnight.
    midnight = dt.datetime.combine(now.astimezone(tz).date() + dt.timedelta(days=1), MIDNIGHT, tzinfo=tz)
    changes = [slot.start - lead for day in days for slot in day.slots if slot.start - lead > now]
    return Availability(days, min([*changes, midnight]), room.slot_minutes)


def _still_valid(week: Availability) -> bool:
    return timezone.now() < week.valid_until


def room_availability_cached(
    *, slug: str, start_date: dt.date, end_date: dt.date, room: Room | None = None
) -> Availability:
    """`rooms.selectors.room_availability` of the room `slug` from `start_date` to `end_date`, from the weeks kept in
    the shared cache (one round trip a week), built where missing or out of date. The weeks are kept by the room's
    slug, so that a week in the cache costs no query at all: the room (`room`, or read by its slug) is needed only to
    build one. The holiday reasons are in the active language: each language has its own entries.

    Raises Http404 when a week is to be built and no room has the slug."""
    weeks = []
    monday = _monday(start_date)
    while monday <= end_date:

        def build(monday: dt.date = monday) -> Availability:
            nonlocal room
            if room is None:
                room = get_object_or_404(Room, slug=slug)
            return _build_week(room, monday)

        key = f"rooms-week:{slug}:{monday.isoformat()}:{get_language()}"
        weeks.append(namespaced(key, [Namespace.ROOMS, Namespace.BRANCHES], build, fresh=_still_valid))
        monday += dt.timedelta(days=7)
    days = [day for week in weeks for day in week.days if start_date <= day.date <= end_date]
    return Availability(days, min(week.valid_until for week in weeks), weeks[0].slot_minutes)
