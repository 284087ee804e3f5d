"""The rules a booking request must keep, each raising a DomainError that names the field at fault.

`rooms.services.booking_request` calls them in order; the page's form and the API show the error next to the field
the error names (start, end, people, phone, purpose, organisation_name, organisation_code, with_equipment) or above
the form when it names none.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from library_portal.errors import DomainError
from rooms.models import Room
from rooms.selectors import OpeningDays, booking_window, local_span

PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,30}$")


def check_times(room: Room, start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> None:
    """The end after the start, both on the room's grid, the length between its shortest and longest booking.
    Raises DomainError: missing_time, end_before_start, off_grid, too_short, too_long."""
    if start is None:
        raise DomainError(_("Choose when the booking starts."), code="missing_time", field="start")
    if end is None:
        raise DomainError(_("Choose when the booking ends."), code="missing_time", field="end")
    if timezone_naive(start) or timezone_naive(end):
        raise DomainError(_("Give the time with its time zone."), code="missing_time", field="start")
    if end <= start:
        raise DomainError(_("The end must be after the start."), code="end_before_start", field="end")
    for field, moment in (("start", start), ("end", end)):
        local = moment.astimezone(tz)
        if local.second or local.microsecond or (local.hour * 60 + local.minute) % room.slot_minutes:
            raise DomainError(
                ngettext_lazy(
                    "Bookings of this room start and end on a grid of %(minutes)d minute.",
                    "Bookings of this room start and end on a grid of %(minutes)d minutes (e.g. 10:00, 10:30).",
                    "minutes",
                )
                % {"minutes": room.slot_minutes},
                code="off_grid",
                field=field,
            )
    minutes = (end - start).total_seconds() / 60
    if minutes < room.min_minutes:
        raise DomainError(
            _("The shortest booking of this room is %(duration)s.") % {"duration": duration_text(room.min_minutes)},
            code="too_short",
            field="end",
        )
    if minutes > room.max_minutes:
        raise DomainError(
            _("The longest booking of this room is %(duration)s.") % {"duration": duration_text(room.max_minutes)},
            code="too_long",
            field="end",
        )


def timezone_naive(moment: dt.datetime) -> bool:
    return moment.tzinfo is None or moment.utcoffset() is None


def check_window(room: Room, start: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> None:
    """Not in the past, not within the lead time, not beyond the horizon. Raises DomainError: in_past, too_soon,
    too_far."""
    if start <= now:
        raise DomainError(_("This time has already passed. Choose a later time."), code="in_past", field="start")
    window = booking_window(room, now, tz)
    if start < window.earliest:
        raise DomainError(
            ngettext_lazy(
                "Book at least %(hours)d hour ahead.",
                "Book at least %(hours)d hours ahead.",
                "hours",
            )
            % {"hours": room.lead_hours},
            code="too_soon",
            field="start",
        )
    if start >= window.latest:
        raise DomainError(
            ngettext_lazy(
                "This room can be booked at most %(days)d day ahead.",
                "This room can be booked at most %(days)d days ahead.",
                "days",
            )
            % {"days": room.horizon_days},
            code="too_far",
            field="start",
        )


def check_opening(start: dt.datetime, end: dt.datetime, opening: OpeningDays, tz: ZoneInfo) -> None:
    """The whole booking within one interval of the branch's staffed hours of its day, never on a holiday or
    closure. Raises DomainError: closed_day, outside_hours."""
    day = start.astimezone(tz).date()
    intervals, reason = opening.intervals(day)
    if not intervals and opening.is_exception_closed(day):
        raise DomainError(
            _("The branch is closed on this day (%(reason)s). Choose another day.") % {"reason": reason}
            if reason
            else _("The branch is closed on this day. Choose another day."),
            code="closed_day",
            field="start",
        )
    for interval in intervals:
        opens, closes = local_span(day, interval, tz)
        if opens <= start and end <= closes:
            return
    if not intervals:
        raise DomainError(_("The branch is closed on this day. Choose another day."), code="closed_day", field="start")
    hours = ", ".join(f"{i.opens:%H:%M}–{i.closes:%H:%M}" for i in intervals)
    # A start within the hours with an end past the closing is the end's fault; any other, the start's.
    starts_inside = any(opens <= start < closes for opens, closes in (local_span(day, i, tz) for i in intervals))
    raise DomainError(
        _("The room can be booked only while the branch is staffed: %(hours)s on this day.") % {"hours": hours},
        code="outside_hours",
        field="end" if starts_inside else "start",
    )


def check_details(room: Room, *, purpose: str, people, phone: str) -> None:
    """A purpose, a number of people from 1 to the capacity, a phone number. Raises DomainError: purpose_required,
    people_required, too_many_people, phone_invalid."""
    if not purpose:
        raise DomainError(_("Say what the room is for."), code="purpose_required", field="purpose")
    if people is None or people < 1:
        raise DomainError(_("Give the expected number of people."), code="people_required", field="people")
    if people > room.capacity:
        raise DomainError(
            ngettext_lazy(
                "This room holds at most %(capacity)d person.",
                "This room holds at most %(capacity)d people.",
                "capacity",
            )
            % {"capacity": room.capacity},
            code="too_many_people",
            field="people",
        )
    if not phone:
        raise DomainError(_("Give a phone number we can call you on."), code="phone_required", field="phone")
    if not PHONE.match(phone):
        raise DomainError(
            _("Enter the phone number with digits only, e.g. +370 441 12345."), code="phone_invalid", field="phone"
        )


# The longest text each field keeps (the columns' lengths): the API has no form to cut what a client sends.
MAX_LENGTHS = {"purpose": 300, "phone": 32, "organisation_name": 200, "organisation_code": 40}


def check_lengths(fields: dict) -> None:
    """Raises DomainError text_too_long naming the first text longer than its column."""
    for name, limit in MAX_LENGTHS.items():
        if len(fields.get(name) or "") > limit:
            raise DomainError(
                _("Write at most %(limit)d characters here.") % {"limit": limit}, code="text_too_long", field=name
            )


def check_who(room: Room, *, organisation_name: str, organisation_code: str) -> None:
    """Who may book this room: patrons with an account, organisations with their invoice details, or both.
    Raises DomainError: organisations_only, patrons_only, organisation_details."""
    as_organisation = bool(organisation_name or organisation_code)
    if not as_organisation and not room.patrons_may_book:
        raise DomainError(
            _("This room is booked by organisations only: give the organisation's name and registration code."),
            code="organisations_only",
            field="organisation_name",
        )
    if as_organisation and not room.organisations_may_book:
        raise DomainError(
            _("This room cannot be booked by organisations."), code="patrons_only", field="organisation_name"
        )
    if as_organisation and not organisation_name:
        raise DomainError(
            _("Give the organisation's name for the invoice."), code="organisation_details", field="organisation_name"
        )
    if as_organisation and not organisation_code:
        raise DomainError(
            _("Give the organisation's registration code for the invoice."),
            code="organisation_details",
            field="organisation_code",
        )


def duration_text(minutes: int) -> str:
    """ "1 h 30 min" in the active language."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}
