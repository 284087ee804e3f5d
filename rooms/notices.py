"""What room booking tells people: the patron's e-mail at each change of status (in their language, with the .ics
once the booking is approved and never before), the day-before reminder with the cancel link, and the signed cancel
link itself.

Mails are queued in the caller's transaction (`mail_after_commit`): nothing goes out for a change that rolls back.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from library_portal.tasks import mail_after_commit
from library_portal.typography import inner_quotes
from rooms.links import cancel_cutoff, cancel_url
from rooms.models import Booking, Status
from rooms.selectors import zone

PRODID = "-//Library portal//Room booking//EN"


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
