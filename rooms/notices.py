"""What room booking tells people: the patron's e-mail at each change of status (in their language, with the .ics
once the booking is approved and never before), the day-before reminder with the cancel link, and the signed cancel
link itself.

Mails are queued in the caller's transaction (`mail_after_commit`): nothing goes out for a change that rolls back.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from library_portal.errors import DomainError
from library_portal.tasks import mail_after_commit
from library_portal.typography import inner_quotes
from rooms.models import Booking, Status
from rooms.selectors import zone

CANCEL_SALT = "rooms.booking-cancel"
# A cancel link outlives any booking (the horizon is at most a few months); after the cut-off it shows a page
# saying that only the library can cancel now.
CANCEL_LINK_MAX_AGE = 400 * 24 * 3600
PRODID = "-//Library portal//Room booking//EN"


def cancel_cutoff(booking: Booking) -> dt.datetime:
    """Until when the patron may cancel free of charge (ROOMS_CANCEL_CUTOFF_HOURS before the start)."""
    return booking.start - dt.timedelta(hours=settings.ROOMS_CANCEL_CUTOFF_HOURS)


def reminder_at(booking: Booking) -> dt.datetime:
    """The day before, and early enough that the reminder's cancel link still works: never after the cut-off."""
    before = max(dt.timedelta(days=1), dt.timedelta(hours=settings.ROOMS_CANCEL_CUTOFF_HOURS + 2))
    return booking.start - before


# The signed cancel link -----------------------------------------------------------------------------


def booking_cancel_token(booking: Booking) -> str:
    return signing.dumps({"b": booking.pk, "r": booking.room_id}, salt=CANCEL_SALT)


def booking_from_cancel_token(token: str) -> Booking:
    """The booking a cancel link was made for. Raises DomainError: bad_token (forged, or no such booking),
    expired."""
    invalid = gettext_lazy("This cancellation link is not valid.")
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(gettext_lazy("This cancellation link has expired."), code="expired") from None
    except signing.BadSignature:
        raise DomainError(invalid, code="bad_token") from None
    if not isinstance(data, dict) or not isinstance(data.get("b"), int) or not isinstance(data.get("r"), int):
        raise DomainError(invalid, code="bad_token")
    booking = Booking.objects.select_related("room__branch", "user").filter(pk=data["b"], room_id=data["r"]).first()
    if booking is None:
        raise DomainError(invalid, code="bad_token")
    return booking


def cancel_url(booking: Booking) -> str:
    return settings.SITE_URL + reverse("rooms:cancel", kwargs={"token": booking_cancel_token(booking)})


# iCalendar ------------------------------------------------------------------------------------------


def booking_ics(*, booking: Booking, language: str) -> str:
    """An iCalendar file with the booking's public times (never the buffers) in `language`."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    room = booking.room
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        entry = CalendarEvent()
        entry.add("uid", f"room-booking-{booking.pk}@{host}")
        entry.add("dtstamp", booking.updated_at)
        entry.add("dtstart", booking.start)
        entry.add("dtend", booking.end)
        entry.add("summary", f"{room.name}: {booking.purpose}" if booking.purpose else room.name)
        entry.add("location", f"{room.branch.name}, {room.branch.address}, {room.name}")
        entry.add("url", settings.SITE_URL + room.get_absolute_url())
        entry.add("status", "CONFIRMED")
        calendar.add_component(entry)
        return calendar.to_ical().decode()


# The patron's mail ----------------------------------------------------------------------------------

SUBJECTS = {
    "requested": gettext_lazy("We received your request to book “%(room)s”"),
    Status.APPROVED: gettext_lazy("Your booking of “%(room)s” is approved"),
    Status.DECLINED: gettext_lazy("Your request to book “%(room)s” is declined"),
    Status.CANCELLED_BY_PATRON: gettext_lazy("Your booking of “%(room)s” is cancelled"),
    Status.CANCELLED_BY_LIBRARY: gettext_lazy("The library has cancelled your booking of “%(room)s”"),
    Status.COMPLETED: gettext_lazy("Thank you for using “%(room)s”"),
    Status.NO_SHOW: gettext_lazy("Your booking of “%(room)s” was not used"),
    "reminder": gettext_lazy("Reminder: you have booked “%(room)s” for tomorrow"),
}


def booking_mail(*, booking: Booking, kind: str) -> None:
    """Queue the patron's e-mail of `kind` (a status, "requested" or "reminder") in their language; an approved
    booking's mails carry the .ics, a request's never does. Nobody without an e-mail address is written to."""
    user = booking.user
    if user is None or not user.email:
        return
    language = user.language
    with translation.override(language), timezone.override(zone()):
        subject = SUBJECTS[kind] % {"room": inner_quotes(booking.room.name)}
        context = {
            "kind": kind,
            "booking": booking,
            "room": booking.room,
            "user": user,
            "cutoff": cancel_cutoff(booking),
            "cancel_url": cancel_url(booking) if booking.is_holding else "",
            "account_url": settings.SITE_URL + reverse("account_profile"),
        }
        body = render_to_string("rooms/email/booking.txt", context)
        attachments = None
        if booking.status == Status.APPROVED and kind in (Status.APPROVED, "reminder"):
            attachments = [
                (f"room-booking-{booking.pk}.ics", booking_ics(booking=booking, language=language), "text/calendar")
            ]
    mail_after_commit(subject=subject, body=body, to=[user.email], attachments=attachments)


def staff_subject(booking: Booking, kind: str) -> str:
    """The subject of a staff notice, in the active language."""
    if kind == "requested":
        return _("New room booking request: %(room)s, %(when)s") % {
            "room": booking.room.name,
            "when": timezone.localtime(booking.start, zone()).strftime("%Y-%m-%d %H:%M"),
        }
    return _("A patron cancelled a room booking: %(room)s, %(when)s") % {
        "room": booking.room.name,
        "when": timezone.localtime(booking.start, zone()).strftime("%Y-%m-%d %H:%M"),
    }
