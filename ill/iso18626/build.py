"""Writing ISO 18626 messages strictly: every element in the schema's order, timestamps as xs:dateTime in
UTC, always inside the `ISO18626Message` envelope. Our `request` and `requestingAgencyMessage`, and the
confirmations we answer partners with."""

import datetime as dt
import re
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from lxml import etree

from ill.iso18626.parse import (
    ACTIONS,
    CONFIRMATIONS,
    CURRENCY,
    ECHO_LIMIT,
    REASONS,
    _Incoming,
    _parse,
    _Refusal,
)
from ill.models import IllRequest, IsoMessage, Kind
from library_portal.errors import DomainError

NS = "http://illtransactions.org/2013/iso18626"
VERSION = "1.2"
AGENCY_ID_TYPE = "ISIL"

REQUESTING_ACTIONS = ("Cancel", "Received", "ShippedReturn")
EMIT_KINDS = ("request", *REQUESTING_ACTIONS)

# XML 1.0 cannot carry most control characters; a patron's note may contain one.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def build_message(ill_request: IllRequest, kind: str, note: str = "") -> tuple[str, bytes]:
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
    return build_message(ill_request, "request")[1]


def build_confirmation(
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
