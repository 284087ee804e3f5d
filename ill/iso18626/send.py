"""Sending our ISO 18626 messages: each is kept as an IsoMessage, and `ill.tasks` posts it to the partner
after commit."""

from django.db import transaction

from ill.iso18626.build import build_message
from ill.models import IllRequest, IsoMessage
from ill.tasks import iso18626_send_task


def iso18626_emit(*, ill_request: IllRequest, kind: str, note: str = "") -> IsoMessage:
    """Build our message of `kind` to the request's lending library, keep it, and send it after commit.

    `kind` is "request" (the `request` message) or an action of `requestingAgencyMessage`: "Cancel",
    "Received", "ShippedReturn". The message is stored as an IsoMessage (sent); when the partner has an
    ISO 18626 address the send task is queued once the transaction commits, and records the outcome on
    that row (`ok` stays False until the partner confirms). Raises DomainError when the request has no
    lending library, ValueError for an unknown kind.
    """
    message_type, xml = build_message(ill_request, kind, note)
    partner = ill_request.partner
    sends = bool(partner.iso18626_address)
    message = IsoMessage.objects.create(
        direction=IsoMessage.Direction.SENT,
        message_type=message_type,
        xml=xml.decode(),
        partner=partner,
        request=ill_request,
        ok=not sends,
    )
    if sends:
        message_id = message.pk
        transaction.on_commit(lambda: iso18626_send_task.enqueue(message_id=message_id))
    return message
