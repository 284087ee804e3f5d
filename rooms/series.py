"""A weekly series entered by staff ("every Tuesday 15:00–17:00 until 31 March"): each date booked on its own, in
a savepoint, through rooms/staff.py; the dates that cannot be booked are skipped and reported with why, and the
patron gets one mail for the whole series."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
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
from library_portal.typography import inner_quotes
from rooms.models import Booking, BookingSeries, Kind, Room
from rooms.notices import PRODID
from rooms.rules import check_details, check_times
from rooms.selectors import zone
from rooms.staff import booking_staff_create, check_invoice_details, room_internal_book

# A series longer than this is most likely a mistyped year; the library books at most a season ahead.
SERIES_MAX_DATES = 60


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


def _check_series(
    room: Room, *, kind: str, user, first_date, last_date, start_time, end_time, every_weeks, details, invoice
):
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
        check_invoice_details(**invoice)
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
    too_long, purpose_required, people_required, too_many_people, phone_required, phone_invalid,
    organisation_details)."""
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
        invoice={"organisation_name": organisation_name, "organisation_code": organisation_code},
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
