"""What the ISO 18626 tests share: the schema and the partners' samples, and messages as a lender writes them.

The fixtures built on them (`schema`, `ordered`, `receive`) are in tests/ill/conftest.py."""

import base64
import os
from pathlib import Path

from django.conf import settings
from lxml import etree

from tests.factories import token_of

NS = {"i": "http://illtransactions.org/2013/iso18626"}
# The schema and the partners' samples sit beside the checkout; ISO18626_SHARED points elsewhere (a git worktree).
SHARED = Path(os.environ.get("ISO18626_SHARED") or Path(settings.BASE_DIR).parent / "shared" / "iso18626")
SAMPLES = sorted((SHARED / "samples").glob("*.xml"))
# The samples that are a lender's supplyingAgencyMessage: pointed at our request, each one is processed.
LENDER_SAMPLES = {
    "crosslink-sam-notification-requestreceived.xml",
    "crosslink-sam-statuschange-loaned.xml",
    "full-supplyingAgencyMessage.xml",
    "reshare-sam-cancelResponse-no.xml",
    "reshare-sam-unfilled-notification.xml",
}
ENDPOINT = "/api/v1/ill/iso18626/"


def assert_valid(schema: etree.XMLSchema, xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    return document


def text(document: etree._Element, path: str) -> str | None:
    found = document.find(path, NS)
    return found.text if found is not None else None


def basic(partner) -> str:
    return "Basic " + base64.b64encode(f"{partner.agency_id}:{token_of(partner)}".encode()).decode()


def supplying_message(
    ill_request,
    status: str = "",
    *,
    reason: str = "StatusChange",
    agency: str | None = None,
    request_id: str | None = None,
    answer: str = "",
    note: str = "",
    message_info: str = "",
    status_info: str = "",
    delivery_info: str = "",
) -> bytes:
    """A supplyingAgencyMessage from the request's partner, in the `+0000` style real partners use."""
    agency = agency if agency is not None else ill_request.partner.agency_id
    request_id = request_id if request_id is not None else str(ill_request.pk)
    status_element = (
        f"<statusInfo><status>{status}</status>{status_info}<lastChange>2026-11-20T10:00:00+0000</lastChange>"
        "</statusInfo>"
        if status
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2">
  <supplyingAgencyMessage>
    <header>
      <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>{agency}</agencyIdValue></supplyingAgencyId>
      <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>{settings.ILL_AGENCY_ID}</agencyIdValue>
      </requestingAgencyId>
      <multipleItemRequestId/>
      <timestamp>2026-11-20T10:00:00.62959771Z</timestamp>
      <requestingAgencyRequestId>{request_id}</requestingAgencyRequestId>
      <supplyingAgencyRequestId>LENDER-42</supplyingAgencyRequestId>
    </header>
    <messageInfo>
      <reasonForMessage>{reason}</reasonForMessage>
      {f"<answerYesNo>{answer}</answerYesNo>" if answer else ""}
      {f"<note>{note}</note>" if note else ""}
      {message_info}
    </messageInfo>
    {status_element}
    {delivery_info}
  </supplyingAgencyMessage>
</ISO18626Message>""".encode()


def error_type(confirmation: etree._Element) -> str | None:
    return text(confirmation, ".//i:errorData/i:errorType")


def message_status(confirmation: etree._Element) -> str | None:
    return text(confirmation, ".//i:confirmationHeader/i:messageStatus")
