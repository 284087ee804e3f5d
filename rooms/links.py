"""The signed cancel link of a room booking, and the times that follow from the cancellation cut-off.

The link carries the booking's number and room, signed with the portal's secret: whoever holds it may cancel that one
booking, free of charge until ROOMS_CANCEL_CUTOFF_HOURS before its start.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from library_portal.errors import DomainError
from rooms.models import HOLDING, Booking, Kind

CANCEL_SALT = "rooms.booking-cancel"
# A cancel link outlives any booking (the horizon is at most a few months); after the cut-off it shows a page
# saying that only the library can cancel now.
CANCEL_LINK_MAX_AGE = 400 * 24 * 3600


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
    booking = (
        Booking.objects.select_related("room__branch", "user")
        .filter(pk=data["b"], room_id=data["r"], kind=Kind.BOOKING)
        .first()
    )
    if booking is None:
        raise DomainError(invalid, code="bad_token")
    return booking


def cancel_url(booking: Booking) -> str:
    return settings.SITE_URL + reverse("rooms:cancel", kwargs={"token": booking_cancel_token(booking)})


def patron_can_cancel(booking: Booking) -> bool:
    """Whether the patron may still cancel: the booking holds the room and the cut-off is ahead."""
    return booking.status in HOLDING and timezone.now() < cancel_cutoff(booking)
