"""Background work shared by every app: sending e-mail after the transaction commits, with retries.

A failing mail server never loses a notice: the task sends the message, and when the server is
down it enqueues itself again with a growing delay (MAIL_RETRY_DELAY, doubled each time), up to
MAIL_TASK_ATTEMPTS attempts; the last failure stays in the task results (admin, "Failed or stuck
tasks") for staff to see and retry.

A mail is sent at least once and, short of one window explained in `mail_send`, never twice: each
mail gets a key when it is queued, carried across its retries, and the send writes a SentMail row
with that key. A task run again (a retry, a task reclaimed from a killed worker, a manager's retry)
finds the mark and does not send.
"""

import datetime as dt
import logging
import re
import smtplib
import time
import unicodedata
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django_tasks import task

from library_portal.models import SentMail

logger = logging.getLogger(__name__)

# The errors of a database that does not answer (restarting, network gone): worth waiting out.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_backoff(failures: int) -> float:
    """Seconds to wait after the `failures`-th failure in a row to reach the database: 0.5, 1, 2, 4,
    then 5 s. Short, so that work resumes within seconds of the database answering again."""
    return min(0.5 * 2 ** max(failures - 1, 0), 5.0)


def retry_delay(attempt: int) -> dt.timedelta:
    """MAIL_RETRY_DELAY (60 s by default) after the first attempt, then twice as long each time, at most an hour."""
    return dt.timedelta(seconds=min(settings.MAIL_RETRY_DELAY * 2 ** (attempt - 1), 3600))


# Whitespace-like control characters become a space; every other control character goes. Line and
# paragraph separators count as line breaks too.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")


def clean_subject(subject: str) -> str:
    """One line of printable text: a subject built from a patron's title ("Metai\\r\\nBcc: …", a bell
    character) can neither inject a header nor make the mail server refuse the message."""
    text = _BREAKS.sub(" ", str(subject))
    text = "".join(char for char in text if unicodedata.category(char) != "Cc")
    return " ".join(text.split())


def _storable(text: str) -> str:
    """PostgreSQL's JSON cannot hold NUL, and the task arguments are JSON: keep the rest of the text."""
    return str(text).replace("\x00", "\ufffd")


def message_id(key: str) -> str:
    """The Message-ID header of the mail with this key: the same on every attempt, so a receiver (or a
    test's mail sink) can tell a repeated delivery from two mails."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "library-portal.invalid"
    return f"<{key}@{domain}>"


# An attachment travels through the task queue as JSON: [filename, text content, MIME type].
Attachment = tuple[str, str, str]


def mail_send(
    *,
    key: str,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attempt: int = 1,
    attachments: list[Attachment] | None = None,
) -> bool:
    """Send the mail with this key unless its SentMail mark says it went out before; True when sent now.

    When the mail server fails, queue the next attempt (same key) after `retry_delay`, or after
    MAIL_TASK_ATTEMPTS attempts raise the error, so that the task is FAILED and visible in the admin.
    """
    if SentMail.objects.filter(key=key).exists():
        logger.info("Mail %s was sent before; not sending it again.", key)
        return False
    message = EmailMessage(
        subject=clean_subject(subject),
        body=body,
        to=to,
        reply_to=reply_to or None,
        headers={"Message-ID": message_id(key)},
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        return _send_and_mark(message, key=key)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= settings.MAIL_TASK_ATTEMPTS:
            logger.error("Giving up sending mail %s to %s after %d attempts: %s", key, to, attempt, error)
            raise
        logger.warning("Sending mail %s to %s failed (attempt %d), retrying: %s", key, to, attempt, error)
        send_mail_task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            key=key,
            subject=subject,
            body=body,
            to=to,
            reply_to=reply_to,
            attempt=attempt + 1,
            attachments=attachments,
        )
        return False


def _send_and_mark(message: EmailMessage, *, key: str) -> bool:
    """Send `message` and commit its mark with as little time as possible in between.

    The mark is inserted in an open transaction before the message goes out and committed as soon
    as the server has accepted it; when sending fails, the transaction rolls back and the mail is
    retried. Inserting first also makes a second run of the same mail (another worker that reclaimed
    the task too early) wait on the key's unique index and then find the mark.

    The window that remains is RFC 1047's: if the worker dies after the server's "250 OK" to the
    message and before PostgreSQL has the COMMIT (a few microseconds of our code plus one round trip
    to the database), the mark is rolled back and the reclaimed task sends the mail a second time,
    with the same Message-ID. No protocol between two systems without a shared transaction closes it.
    The connection to the mail server is opened before the transaction and closed (QUIT) after the
    commit, so that neither the greeting nor the goodbye falls inside the window. When it is the
    database that fails after the mail went out (a restart), the mark is written once it answers again.
    """
    mailer = get_connection()
    mailer.open()
    sent = False
    try:
        with transaction.atomic():
            SentMail.objects.create(key=key)
            message.connection = mailer
            message.send()
            sent = True
    except IntegrityError:
        logger.info("Mail %s was sent meanwhile by another run of its task; not sending it again.", key)
        return False
    except DATABASE_ERRORS:
        if not sent:
            raise
        _mark_after_outage(key)
    finally:
        try:
            mailer.close()
        except (smtplib.SMTPException, OSError) as error:  # the mail is accepted (or not) by now
            logger.info("Closing the mail connection failed: %s", error)
    return True


def _mark_after_outage(key: str) -> None:
    """The mail went out but the database failed before the mark was committed: write the mark as
    soon as the database answers again, so that no later run sends the mail a second time."""
    failures = 0
    while True:
        try:
            connection.close()
            SentMail.objects.get_or_create(key=key)
            return
        except DATABASE_ERRORS as error:
            failures += 1
            if failures == 1:
                logger.error("The database does not answer (%s); mail %s is sent, its mark waits for it.", error, key)
            time.sleep(database_backoff(failures))


@task(takes_context=True)
def send_mail_task(
    context,
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attempt: int = 1,
    attachments: list[Attachment] | None = None,
    key: str = "",
) -> bool:
    # A mail queued without a key (by a release before keys existed) is known by its task's id.
    return mail_send(
        key=key or f"task-{context.task_result.id}",
        subject=subject,
        body=body,
        to=to,
        reply_to=reply_to,
        attempt=attempt,
        attachments=attachments,
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
    (filename, content, MIME type), such as an iCalendar invitation. The mail gets its key here
    (see the module's docstring); the subject is made one clean line.
    """
    extra = {"attachments": [[_storable(part) for part in a] for a in attachments]} if attachments else {}
    send_mail_task.enqueue(
        key=uuid.uuid4().hex,
        subject=clean_subject(subject),  # also drops NUL
        body=_storable(body),
        to=list(to),
        reply_to=reply_to,
        **extra,
    )
