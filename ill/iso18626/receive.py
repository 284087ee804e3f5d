"""Receiving partners' ISO 18626 messages: the endpoint, who is posting, and what a lender's
`supplyingAgencyMessage` does to our request (the table in the package's docstring)."""

import base64
import binascii
import hmac
import logging
from collections import deque
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lxml import etree

from ill.iso18626.build import build_confirmation
from ill.iso18626.parse import (
    BADLY_FORMED,
    CURRENCY,
    ECHO_LIMIT,
    MAX_BODY_BYTES,
    REASONS,
    STATUSES,
    UNRECOGNISED_VALUE,
    UNSUPPORTED_ACTION,
    UNSUPPORTED_REASON,
    _child,
    _Incoming,
    _money,
    _parse,
    _Refusal,
    _text,
    parse_timestamp,
)
from ill.models import (
    TRANSITIONS,
    CostLine,
    IllRequest,
    IsoMessage,
    Kind,
    PartnerLibrary,
    Reason,
    Status,
    StatusChange,
    system_note,
    token_digest,
)
from ill.services import ill_cost_add, ill_request_move
from library_portal.clients import client_address
from library_portal.errors import DomainError
from library_portal.throttling import Throttled, client_key, throttle

logger = logging.getLogger(__name__)

EXCERPT_BYTES = 500  # of a body refused unread (unauthenticated, too large), only this much is kept
MAX_PK = 2**63 - 1  # BigAutoField; a larger number would make PostgreSQL fail instead of "unknown request"

# Statuses that only make sense for one kind of request: a lender lends a book and completes a copy.
# Any other status fits both kinds.
STATUS_KINDS = {
    "Loaned": Kind.LOAN,
    "Overdue": Kind.LOAN,
    "Recalled": Kind.LOAN,
    "LoanCompleted": Kind.LOAN,
    "CopyCompleted": Kind.COPY,
}

S = Status
# How far along the normal road a request is. A partner's status that maps onto a rank our request has
# reached or passed is a repeat (or arrives late) and moves nothing. AWAITING_APPROVAL ranks above
# SUPPLIER_ACCEPTED so that a lender's late "ExpectToSupply" never skips the patron's approval.
PROGRESS = {
    S.ORDERED: 0,
    S.SUPPLIER_ACCEPTED: 1,
    S.AWAITING_APPROVAL: 2,
    S.IN_TRANSIT: 3,
    S.READY: 4,
    S.DELIVERED: 4,
    S.ON_LOAN: 5,
    S.RETURNED: 6,
    S.COMPLETED: 7,
}


NOT_AUTHENTICATED = (
    "Not authenticated: send HTTP Basic with your agency id and the token we gave you, or a Bearer token."
)


def iso18626_authenticate(authorization: str | None) -> PartnerLibrary | None:
    """The active partner presenting HTTP Basic (agency id and its token) or a Bearer token; else None.

    Reads nothing but the header, so the endpoint knows who is posting before it reads or keeps the
    body. We hold only each token's SHA-256 digest (see `ill.models.token_digest`) and compare
    digests in constant time. Looking a Bearer token up by its digest leaks no more than which
    digests exist: timing could at best tell an attacker a prefix of a digest, and no digest yields
    its 256-bit token.
    """
    scheme, _space, credentials = (authorization or "").strip().partition(" ")
    scheme, credentials = scheme.lower(), credentials.strip()
    candidate, token = None, ""
    if scheme == "basic" and credentials:
        try:
            user, colon, token = base64.b64decode(credentials, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            user, colon = "", ""
        # PostgreSQL cannot compare text containing NUL; such a value is no partner's id anyway.
        if user and colon and "\x00" not in user:
            candidate = PartnerLibrary.objects.filter(agency_id__iexact=user, is_active=True).first()
    elif scheme == "bearer" and credentials:
        token = credentials
        candidate = PartnerLibrary.objects.filter(inbound_token_digest=token_digest(token), is_active=True).first()
    if candidate is not None and token and hmac.compare_digest(candidate.inbound_token_digest, token_digest(token)):
        return candidate
    return None


# The history notes a message writes are codes with their facts (ill.models.SYSTEM_NOTES), put into words in
# the reader's language when shown; the partner's own note is kept as it came.


class _Move:
    """The moves and notes one message makes, as the partner."""

    def __init__(self, ill_request: IllRequest, partner: PartnerLibrary, partner_note: str):
        self.request = ill_request
        self.partner = partner
        self.partner_note = partner_note

    def note(self, code: str, *, public: bool) -> None:
        """A history row without a move (from == to): the request stays where it is."""
        StatusChange.objects.create(
            request=self.request,
            from_status=self.request.status,
            to_status=self.request.status,
            actor_label=self.partner.agency_id,
            note=self.partner_note,
            system_notes=[system_note(code)],
            note_is_public=public,
        )

    def advance(self, target: str, *, via: frozenset[str] = frozenset(), notes=(), public: bool = False, **kw):
        """Move forward to `target`, or nothing when the request is already there or beyond."""
        current = self.request.status
        if current in PROGRESS and PROGRESS[current] >= PROGRESS[target]:
            return
        self.move(target, via=via, notes=notes, public=public, **kw)

    def move(self, target: str, *, via: frozenset[str] = frozenset(), notes=(), public: bool = False, **kw):
        """Move to `target` through `via` where the transitions table needs a step first.

        Raises DomainError (code illegal_move) when the table allows no such road."""
        current = self.request.status
        if current == target:
            return
        # Without a road, the move to the target itself raises the transitions table's own error.
        for step in _path(current, target, via) or [target]:
            self.request = ill_request_move(
                request_id=self.request.pk,
                to_status=step,
                actor=None,
                actor_label=self.partner.agency_id,
                note=self.partner_note,
                system_notes=list(notes),
                note_is_public=public,
                **(kw if step == target else {}),
            )


def _path(current: str, target: str, via: frozenset[str]) -> list[str] | None:
    """The shortest road from `current` to `target` in the transitions table, stopping only in `via`."""
    queue = deque([(current, [])])
    seen = {current}
    while queue:
        status, path = queue.popleft()
        for following in sorted(TRANSITIONS[status]):
            if following == target:
                return [*path, following]
            if following in via and following not in seen:
                seen.add(following)
                queue.append((following, [*path, following]))
    return None


def _will_supply(move: _Move, message: etree._Element) -> None:
    ill_request = move.request
    offered = _money(_child(message, "messageInfo", "offeredCosts"), "offeredCosts") or _money(
        _child(message, "deliveryInfo", "deliveryCosts"), "deliveryCosts"
    )
    condition = _text(message, "deliveryInfo", "loanCondition")
    if PROGRESS.get(ill_request.status, -1) >= PROGRESS[S.SUPPLIER_ACCEPTED]:
        # A repeat, or terms the patron has already been asked about: only new terms reopen the question.
        asked = ill_request.history.filter(to_status=S.AWAITING_APPROVAL).exists()
        if offered is None:
            new_charge = False
        elif offered[1] == CURRENCY:
            new_charge = not ill_request.costs.filter(kind=CostLine.Kind.LENDER, estimate=offered[0]).exists()
        else:
            new_charge = not asked
        new_condition = bool(condition) and not asked
        if not (new_charge or new_condition):
            return
    reasons = []
    if offered is not None:
        value, currency = offered
        if currency == CURRENCY and value:
            ill_cost_add(
                request_id=ill_request.pk,
                kind=CostLine.Kind.LENDER,
                actor=None,
                lender_agency=move.partner.agency_id,  # put into words when shown (CostLine.details)
                estimate=value,
            )
        # The patron's maximum covers everything (postage too); staff convert another currency first.
        others = sum(
            (line.amount if line.amount is not None else line.estimate or Decimal(0))
            for line in ill_request.costs.exclude(kind=CostLine.Kind.LENDER)
        )
        if currency != CURRENCY or others + value > ill_request.max_cost:
            reasons.append(system_note("lender_charge", amount=value, currency=currency[:3]))
    if condition:
        reasons.append(system_note("lender_condition", condition=condition))
    if reasons:
        move.advance(S.AWAITING_APPROVAL, notes=reasons, public=True)
    else:
        move.advance(S.SUPPLIER_ACCEPTED)


def _apply_status(move: _Move, status: str, message: etree._Element) -> None:  # noqa: C901 - one branch per ISO 18626 status, in the standard's order; a table of functions would scatter them
    if status == "RequestReceived":
        move.note("lender_received", public=False)
    elif status == "ExpectToSupply":
        move.advance(S.SUPPLIER_ACCEPTED)
    elif status == "WillSupply":
        _will_supply(move, message)
    elif status == "Loaned":
        due = parse_timestamp(_text(message, "statusInfo", "dueDate"))
        # The due date as the lender wrote it: its calendar day, not moved into our time zone.
        move.advance(S.IN_TRANSIT, due_date=due.date() if due else None)
    elif status == "Overdue":
        move.note("lender_overdue", public=False)
    elif status == "Recalled":
        move.note("lender_recalled", public=True)
    elif status in ("RetryPossible", "Unfilled"):
        reason = _text(message, "messageInfo", "reasonRetry" if status == "RetryPossible" else "reasonUnfilled")
        notes = [system_note("lender_reason", reason=reason)] if reason else []
        if status == "RetryPossible":
            move.move(S.NEEDS_INFO, notes=notes)
        else:
            move.move(S.UNFILLED, notes=notes, reason=Reason.NOT_AVAILABLE)
    elif status == "CopyCompleted":
        move.advance(S.DELIVERED)
    elif status == "LoanCompleted":
        move.advance(S.COMPLETED, via=frozenset({S.RETURNED}))
    elif status == "CompletedWithoutReturn":
        via = {S.RETURNED, S.DELIVERED} if move.request.kind == Kind.COPY else {S.RETURNED}
        move.advance(S.COMPLETED, via=frozenset(via), notes=[system_note("lender_no_return")])
    elif status == "Cancelled":
        move.move(S.CANCELLED)


def _supplying_agency_message(incoming: _Incoming, partner: PartnerLibrary, log: IsoMessage) -> None:  # noqa: C901 - the checks ISO 18626 asks for in order (agency, request, reason, status, kind), each with its own error element
    if incoming.supplying_agency.casefold() != partner.agency_id.casefold():
        raise _Refusal(
            403,
            UNRECOGNISED_VALUE,
            f"supplyingAgencyId {incoming.supplying_agency[:ECHO_LIMIT]!r} does not match the credentials you sent.",
        )
    request_id = incoming.request_id
    ill_request = None
    if request_id.isascii() and request_id.isdigit() and 0 < int(request_id) <= MAX_PK:
        # Locked for the whole message: a partner resending while the first copy is processed waits,
        # then finds the request moved and is answered OK instead of with a conflict.
        ill_request = (
            IllRequest.objects.select_for_update(of=("self",))
            .filter(pk=int(request_id), partner=partner)
            .select_related("patron")
            .first()
        )
    if ill_request is None:
        raise _Refusal(
            404,
            UNRECOGNISED_VALUE,
            f"requestingAgencyRequestId {request_id[:ECHO_LIMIT]!r} is not a request we placed with you.",
        )
    log.request = ill_request
    reason = incoming.reason or "StatusChange"  # required by the schema, but its absence tells us nothing
    if reason not in REASONS:
        raise _Refusal(400, UNSUPPORTED_REASON, reason[:ECHO_LIMIT])
    status = incoming.status
    if status and status not in STATUSES:
        raise _Refusal(400, UNRECOGNISED_VALUE, f"status {status[:ECHO_LIMIT]!r}")
    if STATUS_KINDS.get(status, ill_request.kind) != ill_request.kind:
        # A "CopyCompleted" would otherwise mark a lent book as a delivered copy (the transitions
        # table allows IN_TRANSIT -> DELIVERED), and a "Loaned" would put a copy on a due date.
        raise _Refusal(
            409,
            UNRECOGNISED_VALUE,
            f"status {status!r} does not fit request {ill_request.pk}, which is a {ill_request.kind} request.",
        )
    message = incoming.element
    move = _Move(ill_request, partner, _text(message, "messageInfo", "note"))
    if reason == "CancelResponse":
        answer = _text(message, "messageInfo", "answerYesNo").upper()
        if answer == "Y":
            move.move(S.CANCELLED)
            return
        if answer != "N":
            raise _Refusal(400, UNRECOGNISED_VALUE, "answerYesNo must be Y or N in a CancelResponse.")
        move.note("lender_refused_cancel", public=False)
        move.partner_note = ""  # already in the note above
    elif not status:
        raise _Refusal(400, BADLY_FORMED, "statusInfo/status is missing.")
    if status:
        _apply_status(move, status, message)


def _excerpt(body: bytes) -> str:
    """The beginning of what was posted, readable and short: all we keep of a refused body."""
    # PostgreSQL text cannot hold NUL; what was posted is kept as readable as it can be.
    return body[:EXCERPT_BYTES].decode("utf-8", errors="replace").replace("\x00", "\ufffd")


def iso18626_refuse_unauthenticated(*, excerpt: bytes, sender: str) -> tuple[int, bytes]:
    """Answer a message without valid credentials: 401 with an error confirmation, and store nothing.

    Anyone can post here, so an unauthenticated body is not written to the database (it would let
    anyone fill it); the log gets the sender's address and the first EXCERPT_BYTES bytes, for staff
    who wonder why a partner's messages do not arrive.
    """
    logger.warning("ISO 18626 message from %s refused, not authenticated; it began %r", sender, _excerpt(excerpt))
    with translation.override("en"):
        answer = build_confirmation(
            None, received_at=timezone.now(), error_type=UNRECOGNISED_VALUE, error_value=NOT_AUTHENTICATED
        )
    return 401, answer


def iso18626_receive(*, partner: PartnerLibrary, body: bytes, sender: str = "") -> tuple[int, bytes]:
    """Process a message an authenticated partner library posted to us; return (HTTP status, confirmation XML).

    `partner` comes from `iso18626_authenticate` (a message without one is answered by
    `iso18626_refuse_unauthenticated`). Only `supplyingAgencyMessage` is acted on: it moves the
    request (our requestingAgencyRequestId, placed with this partner) through `ill_request_move` as
    the module docstring's table says. Every message is kept as an IsoMessage (received) with its
    outcome; one over MAX_BODY_BYTES keeps only its first EXCERPT_BYTES. Errors are answered, never
    raised: 400 malformed or unsupported, 403 another partner's message, 404 unknown request, 409 a
    move the transitions table refuses or a status that does not fit the request's kind, 413 too large.
    """
    received_at = timezone.now()
    too_large = len(body) > MAX_BODY_BYTES
    log = IsoMessage(
        direction=IsoMessage.Direction.RECEIVED,
        message_type="?",
        partner=partner,
        xml=_excerpt(body) if too_large else body.decode("utf-8", errors="replace").replace("\x00", "\ufffd"),
    )
    incoming = None
    try:
        if too_large:
            logger.warning("ISO 18626 message from %s (%s) refused, too large", partner.agency_id, sender)
            raise _Refusal(413, BADLY_FORMED, f"The message is larger than {MAX_BODY_BYTES} bytes.")
        incoming = _parse(body)
        log.message_type = incoming.label
        if incoming.kind != "supplyingAgencyMessage":
            raise _Refusal(
                400,
                UNSUPPORTED_ACTION,
                f"{incoming.kind} is not accepted here: this address receives lenders' supplyingAgencyMessage only.",
            )
        # Errors to partners in English, the protocol's common language; notes choose their own.
        with translation.override("en"), transaction.atomic():
            try:
                _supplying_agency_message(incoming, partner, log)
            except DomainError as error:
                status = 409 if error.code == "illegal_move" else 400
                raise _Refusal(status, UNRECOGNISED_VALUE, str(error.message)) from None
    except _Refusal as refusal:
        log.ok = False
        log.error = f"{refusal.status} {refusal.error_type}: {refusal.error_value}"[:500]
        logger.info("ISO 18626 message refused: %s", log.error)
        answer = build_confirmation(
            incoming, received_at=received_at, error_type=refusal.error_type, error_value=refusal.error_value
        )
        status = refusal.status
    else:
        answer = build_confirmation(incoming, received_at=received_at)
        status = 200
    log.save()
    return status, answer


@csrf_exempt
@require_POST
def iso18626_endpoint(request: HttpRequest) -> HttpResponse:
    """POST /api/v1/ill/iso18626/: partners' ISO 18626 messages in, confirmations out.

    First who is posting (from the header alone), then everything else: nothing of an
    unauthenticated body is read past its first bytes, nor stored.
    """
    sender = client_address(request)
    try:
        # By the sender's address until the partner is known, then by the partner; a refused
        # message is answered and not kept.
        throttle(scope="iso18626-client", key=client_key(request))
        partner = iso18626_authenticate(request.headers.get("Authorization"))
        if partner is None:
            status, answer = iso18626_refuse_unauthenticated(excerpt=request.read(EXCERPT_BYTES), sender=sender)
        else:
            throttle(scope="iso18626-partner", key=str(partner.pk))
            # Read one byte past the limit ourselves instead of request.body, whose own limit answers in HTML.
            status, answer = iso18626_receive(partner=partner, body=request.read(MAX_BODY_BYTES + 1), sender=sender)
    except Throttled as throttled:
        return _throttled_answer(throttled)
    response = HttpResponse(answer, status=status, content_type="application/xml; charset=utf-8")
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="ISO 18626"'
    return response


def _throttled_answer(throttled: Throttled) -> HttpResponse:
    """429 with Retry-After and an error confirmation; a flood of messages is not stored."""
    answer = build_confirmation(
        None,
        received_at=timezone.now(),
        error_type=UNRECOGNISED_VALUE,
        error_value=f"Too many messages: try again in {throttled.retry_after} seconds.",
    )
    response = HttpResponse(answer, status=throttled.status, content_type="application/xml; charset=utf-8")
    response["Retry-After"] = str(throttled.retry_after)
    return response
