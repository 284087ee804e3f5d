"""Opening hours arithmetic: pure functions over hours rows, no ORM.

Hours are wall-clock times in the library's time zone. "Now" is converted to that zone first,
so a daylight-saving change moves nothing: a branch that opens at 10:00 opens at 10:00 local
time on both sides of the change.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

MIDNIGHT = dt.time(0, 0)


class HoursRow(Protocol):
    kind: str
    weekday: int
    opens: dt.time
    closes: dt.time


class ExceptionRow(Protocol):
    kind: str
    date: dt.date
    closed: bool
    opens: dt.time | None
    closes: dt.time | None


@dataclass(frozen=True, order=True)
class Interval:
    opens: dt.time
    closes: dt.time

    @property
    def runs_past_midnight(self) -> bool:
        # 22:00–02:00 runs into the next day; 08:00–00:00 ends exactly at midnight.
        return self.closes < self.opens and self.closes != MIDNIGHT

    def contains(self, moment: dt.time) -> bool:
        if self.closes == MIDNIGHT or self.runs_past_midnight:
            return moment >= self.opens
        return self.opens <= moment < self.closes


@dataclass(frozen=True)
class DayStatus:
    kind: str
    open_now: bool
    today: list[Interval]
    closes_at: dt.time | None
    opens_next: dt.time | None
    exception_reason: str


def intervals_on(
    day: dt.date, kind: str, weekly: Iterable[HoursRow], exceptions: Iterable[ExceptionRow]
) -> tuple[list[Interval], str]:
    """The intervals of one kind on one date, and the reason when an exception decided them.

    Exceptions of the date replace the weekly pattern; an exception for this kind wins over one
    for every kind.
    """
    of_day = [e for e in exceptions if e.date == day and e.kind in ("", kind)]
    specific = [e for e in of_day if e.kind == kind]
    chosen = specific or of_day
    if chosen:
        reason = next((e.reason for e in chosen if getattr(e, "reason", "")), "")
        return sorted(Interval(e.opens, e.closes) for e in chosen if not e.closed), reason
    return sorted(Interval(h.opens, h.closes) for h in weekly if h.kind == kind and h.weekday == day.weekday()), ""


def day_status(
    now: dt.datetime, tz: ZoneInfo, kind: str, weekly: Iterable[HoursRow], exceptions: Iterable[ExceptionRow]
) -> DayStatus:
    """Whether one kind of service is open at `now`, and today's hours, in the library's zone."""
    weekly = list(weekly)
    exceptions = list(exceptions)
    local = now.astimezone(tz)
    today, moment = local.date(), local.time().replace(tzinfo=None)
    todays, reason = intervals_on(today, kind, weekly, exceptions)
    yesterdays, _ = intervals_on(today - dt.timedelta(days=1), kind, weekly, exceptions)

    for interval in yesterdays:
        if interval.runs_past_midnight and moment < interval.closes:
            return DayStatus(kind, True, todays, interval.closes, None, reason)
    for interval in todays:
        if interval.contains(moment):
            return DayStatus(kind, True, todays, interval.closes, None, reason)
    opens_next = next((i.opens for i in todays if i.opens > moment), None)
    return DayStatus(kind, False, todays, None, opens_next, reason)


def next_change(status: DayStatus, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """When `status` (computed at `now`) next stops being right: the closing when open, the next opening of the
    day when closed, and midnight at the latest, when "today" moves on. A page showing it is cached until then."""
    local = now.astimezone(tz)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), MIDNIGHT, tzinfo=tz)
    moments = [midnight]
    for moment in (status.closes_at, status.opens_next):
        if moment is not None:
            at = dt.datetime.combine(local.date(), moment, tzinfo=tz)
            if at > local:
                moments.append(at)
    return min(moments)


# Hours as open data: the days of a date range, and the state of a branch now ----------------------------------

STAFFED, SELF_SERVICE, PHONE = "staffed", "self_service", "phone"
CLOSED = "closed"
# The kinds that make a branch "open" for a visitor, strongest first: staffed service wins over self-service.
VISIT_KINDS = (STAFFED, SELF_SERVICE)


@dataclass(frozen=True)
class HoursDay:
    """One date's hours per kind, exceptions applied. `changed`: an exception of the date decided some of them."""

    date: dt.date
    intervals: dict[str, list[Interval]]
    changed: bool
    reason: str

    @property
    def weekday(self) -> int:
        return self.date.weekday()


def hours_days(
    first: dt.date, last: dt.date, kinds: Iterable[str], weekly: Iterable[HoursRow], exceptions: Iterable[ExceptionRow]
) -> list[HoursDay]:
    """Every date from `first` to `last` inclusive with its intervals of each of `kinds`.

    An interval belongs to the date it starts on: 22:00–02:00 is listed on the evening's date.
    """
    weekly, exceptions, kinds = list(weekly), list(exceptions), list(kinds)
    days = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        intervals, reasons = {}, []
        for kind in kinds:
            intervals[kind], reason = intervals_on(day, kind, weekly, exceptions)
            reasons.append(reason)
        changed = any(e.date == day and e.kind in ("", *kinds) for e in exceptions)
        days.append(HoursDay(day, intervals, changed, next((r for r in reasons if r), "")))
    return days


@dataclass(frozen=True)
class LiveState:
    """A branch's state at `now`: closed, staffed or self-service; `until` it changes (None: not within the
    horizon looked at); `next_opening` when closed (None when open, or no opening within the horizon)."""

    now: dt.datetime
    state: str
    until: dt.datetime | None
    next_opening: dt.datetime | None


def _segments(day: dt.date, kind: str, tz: ZoneInfo, weekly: list, exceptions: list) -> list[tuple]:
    intervals, _reason = intervals_on(day, kind, weekly, exceptions)
    segments = []
    for interval in intervals:
        # Closing at or before the opening time (00:00 included) is on the next day.
        ends_on = day + dt.timedelta(days=1) if interval.closes <= interval.opens else day
        segments.append(
            (
                kind,
                dt.datetime.combine(day, interval.opens, tzinfo=tz),
                dt.datetime.combine(ends_on, interval.closes, tzinfo=tz),
            )
        )
    return segments


def live_state(
    now: dt.datetime,
    tz: ZoneInfo,
    weekly: Iterable[HoursRow],
    exceptions: Iterable[ExceptionRow],
    *,
    horizon_days: int,
) -> LiveState:
    """Whether a branch is staffed, self-service only or closed at `now`, in the library's zone, and until when.

    Looks from yesterday (an interval running past midnight) to `horizon_days` ahead; `exceptions` must cover them.
    The times compared are wall-clock times in `tz` (as the hours are), so a daylight-saving change moves nothing;
    the moments returned carry the offset in force at them.
    """
    weekly, exceptions = list(weekly), list(exceptions)
    local = now.astimezone(tz)
    today = local.date()
    segments = [
        segment
        for offset in range(-1, horizon_days + 1)
        for kind in VISIT_KINDS
        for segment in _segments(today + dt.timedelta(days=offset), kind, tz, weekly, exceptions)
    ]

    def state_at(moment: dt.datetime) -> str:
        running = {kind for kind, starts, ends in segments if starts <= moment < ends}
        return next((kind for kind in VISIT_KINDS if kind in running), CLOSED)

    horizon = dt.datetime.combine(today + dt.timedelta(days=horizon_days + 1), MIDNIGHT, tzinfo=tz)
    state = state_at(local)
    moments = sorted({moment for _kind, *bounds in segments for moment in bounds if local < moment < horizon})
    until = next((moment for moment in moments if state_at(moment) != state), None)
    return LiveState(local, state, until, until if state == CLOSED else None)
