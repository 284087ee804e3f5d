"""ISO 18626 with partner libraries: the messages we send, the messages partners send us, the endpoint.

We emit strictly: every element in the schema's order, timestamps as xs:dateTime in UTC, always inside
the `ISO18626Message` envelope. We parse leniently, because real partners send `+0000` offsets,
nanosecond fractions, placeholders, empty optional elements, unqualified attributes and bare
(unwrapped) messages. Whatever we cannot use is answered with a confirmation carrying `errorData`
and a 4xx status, never a 500.

A partner's `supplyingAgencyMessage` moves our request through the same transition services as the
back office (`ill.services.ill_request_move`):

    ISO 18626 status           our status
    RequestReceived            no move; a staff-only history note
    ExpectToSupply             SUPPLIER_ACCEPTED
    WillSupply                 SUPPLIER_ACCEPTED, or AWAITING_APPROVAL when the lender's charge takes the
                               total above the patron's maximum, is in another currency, or comes with a
                               loan condition (the charge becomes a LENDER cost estimate)
    Loaned                     IN_TRANSIT, with the due date from statusInfo/dueDate
    Overdue                    no move; a staff-only history note
    Recalled                   no move; a history note the patron sees
    RetryPossible              NEEDS_INFO
    Unfilled                   UNFILLED, reason NOT_AVAILABLE (the lender's reason in a staff note)
    CopyCompleted              DELIVERED
    LoanCompleted              COMPLETED, through RETURNED when the item is still with us
    CompletedWithoutReturn     COMPLETED, through RETURNED (or DELIVERED for a copy)
    Cancelled                  CANCELLED
    CancelResponse Y / N       CANCELLED / a staff note that the lender refused, then the status as above

Idempotence: partners resend messages (their retry after a lost confirmation, a status they repeat).
A message whose status our request has already reached or passed is answered OK and moves nothing,
so the second `Loaned` of an IN_TRANSIT request, or an `ExpectToSupply` for a request waiting for the
patron's approval, changes nothing. A move the transitions table refuses otherwise (a `Loaned` for a
cancelled request) is a real conflict for staff: error confirmation, HTTP 409. So is a status that does
not fit the request's kind (`STATUS_KINDS`: `Loaned`, `Overdue`, `Recalled`, `LoanCompleted` only for a
loan, `CopyCompleted` only for a copy): it is refused and changes nothing.

Authentication comes first: the endpoint reads the Authorization header, and only an authenticated
partner's body is read in full, parsed and kept.
"""

import base64
import binascii
import datetime as dt
import hmac
import logging
import re
import zoneinfo
from collections import deque
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lxml import etree

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

NS = "http://illtransactions.org/2013/iso18626"
VERSION = "1.2"
AGENCY_ID_TYPE = "ISIL"
CURRENCY = "EUR"
MAX_BODY_BYTES = 1_000_000
EXCERPT_BYTES = 500  # of a body refused unread (unauthenticated, too large), only this much is kept
MAX_PK = 2**63 - 1  # BigAutoField; a larger number would make PostgreSQL fail instead of "unknown request"
ECHO_LIMIT = 200  # how much of a partner's own value we echo back in a confirmation

REQUESTING_ACTIONS = ("Cancel", "Received", "ShippedReturn")
EMIT_KINDS = ("request", *REQUESTING_ACTIONS)

# The schema's enumerations (type_action, type_reasonForMessage, type_status).
ACTIONS = frozenset(["StatusRequest", "Received", "Cancel", "Renew", "ShippedReturn", "ShippedForward", "Notification"])
REASONS = frozenset(
    ["RequestResponse", "StatusRequestResponse", "RenewResponse", "CancelResponse", "StatusChange", "Notification"]
)
STATUSES = frozenset(
    [
        "RequestReceived",
        "ExpectToSupply",
        "WillSupply",
        "Loaned",
        "Overdue",
        "Recalled",
        "RetryPossible",
        "Unfilled",
        "CopyCompleted",
        "LoanCompleted",
        "CompletedWithoutReturn",
        "Cancelled",
    ]
)
# Statuses that only make sense for one kind of request: a lender lends a book and completes a copy.
# Any other status fits both kinds.
STATUS_KINDS = {
    "Loaned": Kind.LOAN,
    "Overdue": Kind.LOAN,
    "Recalled": Kind.LOAN,
    "LoanCompleted": Kind.LOAN,
    "CopyCompleted": Kind.COPY,
}
CONFIRMATION_KINDS = frozenset(
    ["requestConfirmation", "supplyingAgencyMessageConfirmation", "requestingAgencyMessageConfirmation"]
)
CONFIRMATIONS = {
    "request": "requestConfirmation",
    "requestConfirmation": "requestConfirmation",
    "supplyingAgencyMessage": "supplyingAgencyMessageConfirmation",
    "supplyingAgencyMessageConfirmation": "supplyingAgencyMessageConfirmation",
    "requestingAgencyMessage": "requestingAgencyMessageConfirmation",
    "requestingAgencyMessageConfirmation": "requestingAgencyMessageConfirmation",
}

# errorType values of the schema.
BADLY_FORMED = "BadlyFormedMessage"
UNRECOGNISED_VALUE = "UnrecognisedDataValue"
UNSUPPORTED_ACTION = "UnsupportedActionType"
UNSUPPORTED_REASON = "UnsupportedReasonForMessageType"

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
# XML 1.0 cannot carry most control characters; a patron's note may contain one.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


# --- Building (strictly in the schema's order) ---------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: etree._Element, name: str, text: object = None) -> etree._Element:
    element = etree.SubElement(parent, _q(name))
    if text is not None:
        element.text = NOT_XML.sub("", str(text))
    return element


def _opt(parent: etree._Element, name: str, text: object) -> None:
    """An optional element, left out when there is nothing to say."""
    if text not in (None, ""):
        _sub(parent, name, text)


def _agency(parent: etree._Element, name: str, value: str, id_type: str = AGENCY_ID_TYPE) -> None:
    agency = _sub(parent, name)
    _sub(agency, "agencyIdType", id_type or AGENCY_ID_TYPE)
    _sub(agency, "agencyIdValue", value)


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _envelope(name: str) -> tuple[etree._Element, etree._Element]:
    # The schema qualifies attributes (attributeFormDefault="qualified"), so `version` needs a prefix.
    root = etree.Element(_q("ISO18626Message"), nsmap={None: NS, "ill": NS})
    root.set(_q("version"), VERSION)
    return root, _sub(root, name)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _partner_request_id(ill_request: IllRequest) -> str:
    """The lender's own id for our request, from the last message it sent us (we keep no field for it)."""
    received = (
        IsoMessage.objects.filter(
            request=ill_request,
            partner=ill_request.partner,
            direction=IsoMessage.Direction.RECEIVED,
            ok=True,
            message_type__startswith="supplyingAgencyMessage/",
        )
        .order_by("-created_at", "-pk")
        .values_list("xml", flat=True)[:5]
    )
    for xml in received:
        try:
            incoming = _parse(xml.encode())
        except _Refusal:
            continue
        if incoming.supplying_request_id:
            return incoming.supplying_request_id
    return ""


def _header(parent: etree._Element, ill_request: IllRequest, now: dt.datetime, *, partner_request_id: str) -> None:
    header = _sub(parent, "header")
    _agency(header, "supplyingAgencyId", ill_request.partner.agency_id)
    _agency(header, "requestingAgencyId", settings.ILL_AGENCY_ID)
    _sub(header, "multipleItemRequestId", "")
    _sub(header, "timestamp", _timestamp(now))
    _sub(header, "requestingAgencyRequestId", str(ill_request.pk))
    _opt(header, "supplyingAgencyRequestId", partner_request_id)


def _build_request(ill_request: IllRequest, now: dt.datetime) -> etree._Element:
    r = ill_request
    root, message = _envelope("request")
    _header(message, r, now, partner_request_id="")

    bibliographic = _sub(message, "bibliographicInfo")
    _opt(bibliographic, "title", r.title)
    _opt(bibliographic, "author", r.author)
    _opt(bibliographic, "edition", r.edition)
    if r.kind == Kind.COPY:
        _opt(bibliographic, "titleOfComponent", r.article_title)
        _opt(bibliographic, "authorOfComponent", r.article_author)
    _opt(bibliographic, "volume", r.volume)
    _opt(bibliographic, "issue", r.issue)
    _opt(bibliographic, "pagesRequested", r.pages)
    for code, value in (("ISBN", r.isbn), ("ISSN", r.issn)):
        if value:
            item = _sub(bibliographic, "bibliographicItemId")
            _sub(item, "bibliographicItemIdentifier", value)
            _sub(item, "bibliographicItemIdentifierCode", code)

    if r.publisher or r.year or r.place:
        publication = _sub(message, "publicationInfo")
        _opt(publication, "publisher", r.publisher)
        _opt(publication, "publicationDate", r.year)
        _opt(publication, "placeOfPublication", r.place)

    service = _sub(message, "serviceInfo")
    _sub(service, "requestType", "New")
    _sub(service, "requestSubType", "PatronRequest")
    _sub(service, "serviceType", "Copy" if r.kind == Kind.COPY else "Loan")
    # "Not needed after" is a whole day at the library: the end of that day, local time.
    need_before = dt.datetime.combine(r.not_needed_after, dt.time(23, 59, 59), zoneinfo.ZoneInfo(settings.TIME_ZONE))
    _sub(service, "needBeforeDate", _timestamp(need_before))
    _opt(service, "note", r.note)

    # The lender sends the item to the branch where the patron collects it.
    branch = r.pickup_branch
    library = branch.library
    delivery = _sub(message, "requestedDeliveryInfo")
    _sub(delivery, "sortOrder", 1)
    physical = _sub(_sub(delivery, "address"), "physicalAddress")
    _sub(physical, "line1", library.name)
    _sub(physical, "line2", f"{branch.name}, {branch.address}")
    _opt(physical, "locality", branch.municipality)
    _opt(physical, "country", library.country)

    requesting = _sub(message, "requestingAgencyInfo")
    _sub(requesting, "name", library.name)
    if library.email:
        electronic = _sub(_sub(requesting, "address"), "electronicAddress")
        _sub(electronic, "electronicAddressType", "email")
        _sub(electronic, "electronicAddressData", library.email)

    # The lender deals with our library, not with the patron: an opaque number lets both sides speak
    # of the same reader without handing over a name or an address (data minimisation).
    patron = _sub(message, "patronInfo")
    _sub(patron, "patronId", r.patron_id)

    billing = _sub(message, "billingInfo")
    costs = _sub(billing, "maximumCosts")
    _sub(costs, "currencyCode", CURRENCY)
    _sub(costs, "monetaryValue", format(r.max_cost, "f"))
    return root


def _build(ill_request: IllRequest, kind: str, note: str = "") -> tuple[str, bytes]:
    if kind not in EMIT_KINDS:
        raise ValueError(f"Unknown ISO 18626 message kind {kind!r}; expected one of {EMIT_KINDS}.")
    if ill_request.partner_id is None:
        raise DomainError(
            gettext_lazy("Choose the lending library before sending it an ISO 18626 message."),
            code="partner_required",
            field="partner",
        )
    now = timezone.now()
    # Names of our library and branches go out as they are officially written, whoever clicks.
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "request":
            return "request", _serialise(_build_request(ill_request, now))
        root, message = _envelope("requestingAgencyMessage")
        _header(message, ill_request, now, partner_request_id=_partner_request_id(ill_request))
        _sub(message, "action", kind)
        _opt(message, "note", note)
        return f"requestingAgencyMessage/{kind}", _serialise(root)


def iso18626_request_xml(ill_request: IllRequest) -> bytes:
    """The ISO 18626 `request` message for a request placed with a partner, for staff to download.

    Writes nothing. Raises DomainError when the request has no lending library.
    """
    return _build(ill_request, "request")[1]


def iso18626_emit(*, ill_request: IllRequest, kind: str, note: str = "") -> IsoMessage:
    """Build our message of `kind` to the request's lending library, keep it, and send it after commit.

    `kind` is "request" (the `request` message) or an action of `requestingAgencyMessage`: "Cancel",
    "Received", "ShippedReturn". The message is stored as an IsoMessage (sent); when the partner has an
    ISO 18626 address the send task is queued once the transaction commits, and records the outcome on
    that row (`ok` stays False until the partner confirms). Raises DomainError when the request has no
    lending library, ValueError for an unknown kind.
    """
    message_type, xml = _build(ill_request, kind, note)
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
        # ill.tasks imports this module (to read the partner's confirmation), so import it here.
        from ill.tasks import iso18626_send_task

        message_id = message.pk
        transaction.on_commit(lambda: iso18626_send_task.enqueue(message_id=message_id))
    return message


# --- Parsing (leniently) ---------------------------------------------------------------------------


class _Refusal(Exception):
    """A message we answer with an error confirmation."""

    def __init__(self, status: int, error_type: str, error_value: str):
        super().__init__(error_value)
        self.status = status
        self.error_type = error_type
        self.error_value = error_value


@dataclass
class _Incoming:
    kind: str
    element: etree._Element
    supplying_agency: str = ""
    supplying_agency_type: str = ""
    requesting_agency: str = ""
    requesting_agency_type: str = ""
    request_id: str = ""
    supplying_request_id: str = ""
    multiple_item_id: str = ""
    reason: str = ""
    action: str = ""
    status: str = ""

    @property
    def label(self) -> str:
        """The message type as kept on IsoMessage: the element, and the status, reason or action when known."""
        detail = ""
        if self.kind == "supplyingAgencyMessage":
            detail = self.reason if self.reason == "CancelResponse" else self.status if self.status in STATUSES else ""
        elif self.kind == "requestingAgencyMessage" and self.action in ACTIONS:
            detail = self.action
        return (f"{self.kind}/{detail}" if detail else self.kind)[:60]


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first descendant along `path`, whatever namespace (or none) the partner put it in."""
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child) == name), None)
    return element


def _text(element: etree._Element | None, *path: str) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD, no network: an ISO 18626 message never needs any of them (XXE).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _parse(body: bytes) -> _Incoming:
    try:
        root = etree.fromstring(body, _parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise _Refusal(400, BADLY_FORMED, f"The message is not well-formed XML: {error}"[:ECHO_LIMIT]) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _Refusal(400, BADLY_FORMED, "Document type declarations are not accepted in ISO 18626 messages.")
    message = root
    if _local(root) == "ISO18626Message":
        children = [child for child in root if isinstance(child.tag, str)]
        message = children[0] if len(children) == 1 else None
    if message is None or _local(message) not in CONFIRMATIONS:
        raise _Refusal(400, BADLY_FORMED, "The message is not an ISO 18626 message.")
    header = _child(message, "confirmationHeader" if _local(message) in CONFIRMATION_KINDS else "header")
    if header is None:
        raise _Refusal(400, BADLY_FORMED, f"The {_local(message)} has no header.")
    return _Incoming(
        kind=_local(message),
        element=message,
        supplying_agency=_text(header, "supplyingAgencyId", "agencyIdValue"),
        supplying_agency_type=_text(header, "supplyingAgencyId", "agencyIdType"),
        requesting_agency=_text(header, "requestingAgencyId", "agencyIdValue"),
        requesting_agency_type=_text(header, "requestingAgencyId", "agencyIdType"),
        request_id=_text(header, "requestingAgencyRequestId"),
        supplying_request_id=_text(header, "supplyingAgencyRequestId"),
        multiple_item_id=_text(header, "multipleItemRequestId"),
        reason=_canonical(
            _text(message, "messageInfo", "reasonForMessage") or _text(message, "reasonForMessage"), REASONS
        ),
        action=_canonical(_text(message, "action"), ACTIONS),
        status=_canonical(_text(message, "statusInfo", "status"), STATUSES),
    )


def _canonical(value: str, choices: frozenset[str]) -> str:
    """The schema's spelling of an enumerated value a partner wrote in another case ("loaned")."""
    return next((choice for choice in choices if choice.casefold() == value.casefold()), value)


def parse_timestamp(text: str) -> dt.datetime | None:
    """A partner's date-time, leniently: `Z`, `+0000` or `+00:00`, any fraction, or a date alone.

    None when it is not a date at all (placeholders such as `_TIMESTAMP_`). Without an offset the
    value is taken as UTC, which is what partners we know send.
    """
    match = TIMESTAMP.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        if offset in (None, "Z", "z"):
            tzinfo = dt.UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            tzinfo = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))
        return dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tzinfo,
        )
    except ValueError:
        return None


def _money(element: etree._Element | None, name: str) -> tuple[Decimal, str] | None:
    """A type_costs element as (value, currency); None when absent or empty.

    A charge we cannot read is refused rather than ignored: ignoring it would accept unknown costs
    on the patron's behalf."""
    text = _text(element, "monetaryValue")
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not 0 <= value < 10**6:
        raise _Refusal(400, UNRECOGNISED_VALUE, f"{name}/monetaryValue {text[:ECHO_LIMIT]!r}")
    return value, (_text(element, "currencyCode") or CURRENCY).upper()


@dataclass(frozen=True)
class Confirmation:
    """What a partner answered to a message of ours."""

    message_type: str
    ok: bool
    error: str


def parse_confirmation(body: bytes) -> Confirmation | None:
    """Read a partner's confirmation leniently; None when the answer is not an ISO 18626 confirmation."""
    if len(body) > MAX_BODY_BYTES:
        return None
    try:
        incoming = _parse(body)
    except _Refusal:
        return None
    if not incoming.kind.endswith("Confirmation"):
        return None
    status = _text(incoming.element, "confirmationHeader", "messageStatus").upper()
    error = ": ".join(
        part
        for part in (
            _text(incoming.element, "errorData", "errorType"),
            _text(incoming.element, "errorData", "errorValue"),
        )
        if part
    )
    return Confirmation(message_type=incoming.kind, ok=status == "OK", error=error[:500])


# --- Receiving -------------------------------------------------------------------------------------


def _confirmation(
    incoming: _Incoming | None, *, received_at: dt.datetime, error_type: str = "", error_value: str = ""
) -> bytes:
    name = CONFIRMATIONS.get(incoming.kind if incoming else "", "supplyingAgencyMessageConfirmation")
    root, message = _envelope(name)
    header = _sub(message, "confirmationHeader")
    if incoming and incoming.supplying_agency:
        _agency(
            header,
            "supplyingAgencyId",
            incoming.supplying_agency[:ECHO_LIMIT],
            incoming.supplying_agency_type[:ECHO_LIMIT],
        )
    if incoming and incoming.requesting_agency:
        _agency(
            header,
            "requestingAgencyId",
            incoming.requesting_agency[:ECHO_LIMIT],
            incoming.requesting_agency_type[:ECHO_LIMIT],
        )
    _sub(header, "timestamp", _timestamp(timezone.now()))
    if incoming and incoming.request_id:
        _sub(header, "requestingAgencyRequestId", incoming.request_id[:ECHO_LIMIT])
    if incoming and incoming.multiple_item_id:
        _sub(header, "multipleItemRequestId", incoming.multiple_item_id[:ECHO_LIMIT])
    _sub(header, "timestampReceived", _timestamp(received_at))
    _sub(header, "messageStatus", "ERROR" if error_type else "OK")
    if incoming and name == "supplyingAgencyMessageConfirmation" and incoming.reason in REASONS:
        _sub(message, "reasonForMessage", incoming.reason)
    if incoming and name == "requestingAgencyMessageConfirmation" and incoming.action in ACTIONS:
        _sub(message, "action", incoming.action)
    if error_type:
        error = _sub(message, "errorData")
        _sub(error, "errorType", error_type)
        _opt(error, "errorValue", error_value)
    return _serialise(root)


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


def _apply_status(move: _Move, status: str, message: etree._Element) -> None:
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


def _supplying_agency_message(incoming: _Incoming, partner: PartnerLibrary, log: IsoMessage) -> None:
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
        answer = _confirmation(
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
        answer = _confirmation(
            incoming, received_at=received_at, error_type=refusal.error_type, error_value=refusal.error_value
        )
        status = refusal.status
    else:
        answer = _confirmation(incoming, received_at=received_at)
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
    answer = _confirmation(
        None,
        received_at=timezone.now(),
        error_type=UNRECOGNISED_VALUE,
        error_value=f"Too many messages: try again in {throttled.retry_after} seconds.",
    )
    response = HttpResponse(answer, status=throttled.status, content_type="application/xml; charset=utf-8")
    response["Retry-After"] = str(throttled.retry_after)
    return response
