"""Background work shared by every app: sending e-mail after the transaction commits, with retries.

A failing mail server never loses a notice: the task sends the message, and when the server is
down it enqueues itself again with a growing delay, up to MAIL_TASK_ATTEMPTS attempts; the last
failure stays in the task results (admin) for staff to see.
"""

import datetime as dt
import functools
import logging
import smtplib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes, at most an hour."""
    return dt.timedelta(minutes=min(2 ** (attempt - 1), 60))


# An attachment travels through the task queue as JSON: [filename, text content, MIME type].
Attachment = tuple[str, str, str]


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attempt: int = 1,
    attachments: list[Attachment] | None = None,
):
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= settings.MAIL_TASK_ATTEMPTS:
            logger.error("Giving up sending %r to %s after %d attempts: %s", subject, to, attempt, error)
            raise
        logger.warning("Sending %r to %s failed (attempt %d), retrying: %s", subject, to, attempt, error)
        send_mail_task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            subject=subject, body=body, to=to, reply_to=reply_to, attempt=attempt + 1, attachments=attachments
        )


@functools.cache
def _validated_backend(task):
    """The task's backend, once it has checked that it can run the task (a task does not change)."""
    backend = task.get_backend()
    backend.validate_task(task)
    return backend


def task_row(task, /, **kwargs) -> "DBTaskResult":
    """The row `task.enqueue(**kwargs)` writes to the database queue, built but not saved.

    For a statement that inserts a change together with the task that tells about it (one round
    trip instead of a transaction of four: see `ill.services`), with `library_portal.inserts`.
    It is built exactly as the database backend's `enqueue` builds it; a test compares the two
    rows, so an upgrade of django-tasks that changes the row fails the suite instead of the queue.
    """
    from django_tasks_db.compat import normalize_json
    from django_tasks_db.models import DBTaskResult

    backend = _validated_backend(task)
    return DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": [], "kwargs": kwargs}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )


def mail_after_commit(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    """Queue an e-mail that goes out only once the current transaction commits; nothing on rollback.

    The task row is written in the caller's transaction (the queue is in the same database): it
    commits together with the change it tells about, so a crash between the commit and the queueing
    cannot lose a notice, and the worker cannot see the row before the commit. Render `subject` and
    `body` in the recipient's language before calling this. `attachments` are text files
    (filename, content, MIME type), such as an iCalendar invitation.
    """
    extra = {"attachments": [list(a) for a in attachments]} if attachments else {}
    send_mail_task.enqueue(subject=str(subject), body=str(body), to=list(to), reply_to=reply_to, **extra)
