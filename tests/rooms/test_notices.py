"""Room booking's mails end to end: queued with the change, rendered and sent by the task worker."""

import datetime as dt

from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rooms.services import booking_approve, booking_request
from tests.library_portal.test_tasks import run_worker
from tests.rooms.conftest import request_kwargs


def test_a_request_reaches_the_staff_and_the_patron_and_the_approval_brings_the_calendar_and_the_reminder(
    transactional_db, room, monday, patron, librarian, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ROOMS_STAFF_EMAIL = "patalpos@example.org"
    booking = booking_request(
        **request_kwargs(room, monday, organisation_name="Bendruomenė", organisation_code="3001"),
        user=patron,
        actor=patron,
    )
    run_worker()
    staff = next(message for message in mail.outbox if message.to == ["patalpos@example.org"])
    assert room.name in staff.subject and staff.reply_to == [patron.email]
    assert "Bendruomenė (3001)" in staff.body and f"/admin/rooms/booking/{booking.pk}/change/" in staff.body
    received = next(message for message in mail.outbox if message.to == [patron.email])
    assert received.attachments == []  # a request may not take place: no calendar file yet
    assert "/rooms/cancel/" in received.body and "30,00\u00a0€" in received.body

    mail.outbox.clear()
    booking_approve(booking=booking, actor=librarian)
    run_worker()
    (approval,) = mail.outbox
    assert approval.attachments[0][2] == "text/calendar"
    # The reminder waits until the day before; when its time comes the worker sends it, with the cancel link.
    DBTaskResult.objects.filter(task_path__endswith="booking_reminder_task").update(run_after=timezone.now())
    mail.outbox.clear()
    run_worker()
    (reminder,) = mail.outbox
    assert "/rooms/cancel/" in reminder.body and reminder.attachments
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None
    assert booking.start - booking.reminder_sent_at > dt.timedelta(days=1)
