"""Background work of room booking: the staff notice of a new request or a patron's cancellation, and the reminder
sent the day before an approved booking."""

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from library_portal.selectors import staff_mail_language
from library_portal.tasks import mail_send
from rooms.models import Booking
from rooms.notices import staff_subject, zone


@task(takes_context=True)
def booking_staff_notice_task(context, *, booking_id: int, kind: str) -> None:
    """Tell the room staff (ROOMS_STAFF_EMAIL) about a new request (`kind` "requested") or a patron's cancellation,
    rendered here in the worker so that requesting does not wait for it.

    The mail's key is this task's id, which every run of the task shares: a run of it again (reclaimed from a killed
    worker) finds the mark of the first run and sends nothing."""
    booking = Booking.objects.select_related("room__branch", "user").filter(pk=booking_id).first()
    if booking is None:
        return
    address = settings.ROOMS_STAFF_EMAIL
    with translation.override(staff_mail_language(address)), timezone.override(zone()):
        mail_send(
            key=f"rooms-notice-{context.task_result.id}",
            subject=staff_subject(booking, kind),
            body=render_to_string(
                "rooms/email/staff.txt",
                {
                    "booking": booking,
                    "kind": kind,
                    "admin_url": settings.SITE_URL + reverse("admin:rooms_booking_change", args=[booking.pk]),
                },
            ),
            to=[address],
            reply_to=[booking.user.email] if booking.user and booking.user.email else None,
        )


@task()
def booking_reminder_task(*, booking_id: int, starts_at: str) -> bool:
    """Run by `task_worker` at the reminder time queued at approval. It reminds only when the booking is still
    approved and still starts when it did at queueing time."""
    from rooms.services import booking_reminder_send  # noqa: PLC0415 - the services import this module

    return booking_reminder_send(booking_id=booking_id, expected_start=dt.datetime.fromisoformat(starts_at))
