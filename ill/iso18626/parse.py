"""Reading ISO 18626 messages leniently: the schema's vocabulary, a partner's message, a partner's confirmation.

Real partners send `+0000` offsets, nanosecond fractions, placeholders, empty optional elements,
unqualified attributes and bare (unwrapped) messages; all of that is read. What cannot be used raises
`_Refusal`, which `receive` answers with an error confirmation.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

CURRENCY = "EUR"
MAX_BODY_BYTES = 1_000_000
ECHO_LIMIT = 200  # how much of a partner's own value we echo back in a confirmation

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

TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


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
