"""Sending our ISO 18626 messages to partner libraries in the background, with retries.

`iso18626_emit` stores the message and queues this task after commit. The task posts the stored XML to
the partner's ISO 18626 address with HTTP Basic (the partner's user name and password for us) and
records the outcome on the IsoMessage row: `ok` once the partner confirms, otherwise `error` says what
happened. A partner that is down (no connection, HTTP 5xx or 429) is tried again with a growing delay,
like e-mail, up to SEND_ATTEMPTS attempts; a refusal (other 4xx, or an error confirmation) is final,
because sending the same message again would be refused again. The partner's confirmation is kept as
an IsoMessage (received) too.
"""

import base64
import http.client
import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from ill.iso18626.parse import MAX_BODY_BYTES, parse_confirmation
from ill.models import IllRequest, IsoMessage, Message
from library_portal.selectors import staff_mail_language
from library_portal.tasks import mail_send, retry_delay

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 5
TIMEOUT_SECONDS = 30


class Iso18626SendError(Exception):
    """The partner could not be reached after the last attempt (kept in the task results for staff)."""


def post_xml(*, url: str, body: bytes, username: str = "", password: str = "") -> tuple[int, bytes]:
    """POST `body` to a partner; (HTTP status, answer). Raises OSError when there is no answer at all."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"Not an HTTP address: {url!r}")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/xml; charset=utf-8", "Accept": "application/xml"},
    )
    if username or password:
        credentials = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {credentials}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status, response.read(MAX_BODY_BYTES + 1)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(MAX_BODY_BYTES + 1)


def _record(message: IsoMessage, *, ok: bool, error: str) -> None:
    message.ok = ok
    message.error = error[:500]
    message.save(update_fields=["ok", "error"])


@task()
def iso18626_send_task(*, message_id: int, attempt: int = 1) -> None:  # noqa: C901 - every outcome of one HTTP exchange is recorded here, where they are read together
    message = (
        IsoMessage.objects.select_related("partner").filter(pk=message_id, direction=IsoMessage.Direction.SENT).first()
    )
    partner = message.partner if message else None
    if partner is None or not partner.iso18626_address:
        logger.warning("ISO 18626 message %s has no partner address any more; not sent.", message_id)
        return
    try:
        status, answer = post_xml(
            url=partner.iso18626_address,
            body=message.xml.encode(),
            username=partner.iso18626_username,
            password=partner.iso18626_password,
        )
    except ValueError as error:
        _record(message, ok=False, error=str(error))
        return
    except (OSError, http.client.HTTPException) as error:
        status, answer, outcome = None, b"", f"no answer: {error}"
    confirmation = parse_confirmation(answer) if answer else None
    if confirmation is not None:
        IsoMessage.objects.create(
            direction=IsoMessage.Direction.RECEIVED,
            message_type=confirmation.message_type,
            xml=answer.decode("utf-8", errors="replace").replace("\x00", "\ufffd"),
            partner=partner,
            request_id=message.request_id,
            ok=confirmation.ok,
            error=confirmation.error,
        )
    if status is not None:
        outcome = f"HTTP {status}"
        if confirmation is not None and confirmation.error:
            outcome += f", {confirmation.error}"
        elif confirmation is None:
            outcome += ", the answer is not an ISO 18626 confirmation"
    if status is not None and 200 <= status < 300:
        _record(
            message,
            ok=confirmation is not None and confirmation.ok,
            error="" if confirmation and confirmation.ok else outcome,
        )
        return
    if status is not None and status < 500 and status != 429:
        _record(message, ok=False, error=f"{outcome} (refused, not retried)")
        logger.error("Partner %s refused ISO 18626 message %s: %s", partner.agency_id, message_id, outcome)
        return
    if attempt >= SEND_ATTEMPTS:
        _record(message, ok=False, error=f"{outcome} (attempt {attempt} of {SEND_ATTEMPTS}, given up)")
        logger.error("Giving up sending ISO 18626 message %s to %s: %s", message_id, partner.agency_id, outcome)
        raise Iso18626SendError(outcome)
    _record(message, ok=False, error=f"{outcome} (attempt {attempt} of {SEND_ATTEMPTS}, will retry)")
    logger.warning("Sending ISO 18626 message %s failed (attempt %d), retrying: %s", message_id, attempt, outcome)
    iso18626_send_task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
        message_id=message_id, attempt=attempt + 1
    )


@task(takes_context=True)
def ill_staff_notice_task(
    context, *, request_id: int, template: str, note: str = "", message_id: int | None = None
) -> None:
    """Tell the ILL staff (new request, cancellation request, a patron's message), rendered here in the worker
    so that placing a request does not wait for it; sending retries like every other mail.

    The mail's key is this task's id, which every run of the task shares: a run of it again (reclaimed
    from a killed worker) finds the mark of the first run and sends nothing."""
    key = f"ill-notice-{context.task_result.id}"
    request = IllRequest.objects.select_related("patron", "pickup_branch").get(pk=request_id)
    values = {
        "request": request,
        "patron": request.patron,
        "note": note,
        "message": Message.objects.filter(pk=message_id).first() if message_id else None,
    }
    with translation.override(staff_mail_language(settings.ILL_STAFF_EMAIL)):
        mail_send(
            key=key,
            subject=render_to_string(f"ill/email/{template}_subject.txt", values).strip(),
            body=render_to_string(f"ill/email/{template}.txt", values),
            to=[settings.ILL_STAFF_EMAIL],
            reply_to=[request.patron.email] if request.patron.email else None,
        )
