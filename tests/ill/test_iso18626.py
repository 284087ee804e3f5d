"""ISO 18626: what we emit validates against the schema; what partners post moves our requests or is
answered with an error confirmation (which validates too), never a 500."""

import base64
import datetime as dt
import hashlib
import http.server
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from lxml import etree

from ill.iso18626 import (
    EXCERPT_BYTES,
    MAX_BODY_BYTES,
    iso18626_authenticate,
    iso18626_emit,
    iso18626_endpoint,
    iso18626_receive,
    iso18626_refuse_unauthenticated,
    iso18626_request_xml,
    parse_timestamp,
)
from ill.models import CostLine, IsoMessage, Kind, PartnerLibrary, Reason, Status, StatusChange
from ill.services import ill_request_cost_decide, partner_library_token_issue
from ill.tasks import SEND_ATTEMPTS, Iso18626SendError, iso18626_send_task
from library_portal.errors import DomainError
from services.models import Library
from tests.factories import _TOKENS, IllRequestFactory, PartnerLibraryFactory, token_of

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


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / "ISO-18626-v1_2.xsd")))


def assert_valid(schema: etree.XMLSchema, xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    return document


def text(document: etree._Element, path: str) -> str | None:
    found = document.find(path, NS)
    return found.text if found is not None else None


@pytest.fixture
def ordered(partner):
    """A book loan ordered from the partner library."""
    return IllRequestFactory(
        status=Status.ORDERED,
        partner=partner,
        title="Metai",
        author="Donelaitis, Kristijonas",
        isbn="9780306406157",
        publisher="Vaga",
        place="Vilnius",
        year=1977,
        edition="2-asis leid.",
        note="Bet kuris leidimas tinka.",
    )


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


@pytest.fixture
def receive(schema):
    """Post a message as the endpoint handles it (credentials first); every answer must validate against the schema."""

    def post(body: bytes, *, authorization: str | None = None, partner=None) -> tuple[int, etree._Element]:
        if partner is not None:
            authorization = basic(partner)
        sender = iso18626_authenticate(authorization)
        if sender is None:
            status, answer = iso18626_refuse_unauthenticated(excerpt=body[:EXCERPT_BYTES], sender="192.0.2.1")
        else:
            status, answer = iso18626_receive(partner=sender, body=body, sender="192.0.2.1")
        return status, assert_valid(schema, answer)

    return post


def error_type(confirmation: etree._Element) -> str | None:
    return text(confirmation, ".//i:errorData/i:errorType")


def message_status(confirmation: etree._Element) -> str | None:
    return text(confirmation, ".//i:confirmationHeader/i:messageStatus")


# --- What we emit ---------------------------------------------------------------------------------


def test_request_message_for_a_loan_validates_and_describes_the_book(schema, ordered):
    document = assert_valid(schema, iso18626_request_xml(ordered))
    request = document.find("i:request", NS)
    assert text(request, "i:header/i:requestingAgencyId/i:agencyIdValue") == settings.ILL_AGENCY_ID
    assert text(request, "i:header/i:supplyingAgencyId/i:agencyIdValue") == ordered.partner.agency_id
    assert text(request, "i:header/i:requestingAgencyRequestId") == str(ordered.pk)
    assert text(request, "i:bibliographicInfo/i:title") == "Metai"
    assert text(request, "i:bibliographicInfo/i:edition") == "2-asis leid."
    assert text(request, "i:bibliographicInfo/i:bibliographicItemId/i:bibliographicItemIdentifier") == "9780306406157"
    assert text(request, "i:bibliographicInfo/i:bibliographicItemId/i:bibliographicItemIdentifierCode") == "ISBN"
    assert text(request, "i:publicationInfo/i:publicationDate") == "1977"
    assert text(request, "i:publicationInfo/i:placeOfPublication") == "Vilnius"
    assert text(request, "i:serviceInfo/i:serviceType") == "Loan"
    assert text(request, "i:serviceInfo/i:needBeforeDate").startswith(ordered.not_needed_after.isoformat())
    assert text(request, "i:serviceInfo/i:note") == "Bet kuris leidimas tinka."
    assert text(request, "i:billingInfo/i:maximumCosts/i:monetaryValue") == "10.00"
    assert text(request, "i:billingInfo/i:maximumCosts/i:currencyCode") == "EUR"
    assert ordered.pickup_branch.address in text(request, "i:requestedDeliveryInfo/i:address/i:physicalAddress/i:line2")


def test_request_message_names_the_patron_by_number_only(schema, ordered):
    patron_info = etree.fromstring(iso18626_request_xml(ordered)).find("i:request/i:patronInfo", NS)
    assert [etree.QName(child).localname for child in patron_info] == ["patronId"]
    assert patron_info[0].text == str(ordered.patron_id)
    assert ordered.patron.email.encode() not in iso18626_request_xml(ordered)
    assert ordered.patron.last_name.encode() not in iso18626_request_xml(ordered)


def test_request_message_for_a_copy_names_the_article_as_the_component(schema, partner):
    copy = IllRequestFactory(
        status=Status.ORDERED,
        partner=partner,
        kind=Kind.COPY,
        copyright_declared=True,
        title="Lituanus",
        issn="0024-5089",
        volume="61",
        issue="2",
        pages="15-30",
        article_title="Baltų mitologija",
        article_author="Gimbutienė, Marija",
        note="Vert\x0bė",  # a control character XML cannot carry must not break the message
    )
    request = assert_valid(schema, iso18626_request_xml(copy)).find("i:request", NS)
    assert text(request, "i:serviceInfo/i:serviceType") == "Copy"
    assert text(request, "i:bibliographicInfo/i:titleOfComponent") == "Baltų mitologija"
    assert text(request, "i:bibliographicInfo/i:authorOfComponent") == "Gimbutienė, Marija"
    assert text(request, "i:bibliographicInfo/i:volume") == "61"
    assert text(request, "i:bibliographicInfo/i:issue") == "2"
    assert text(request, "i:bibliographicInfo/i:pagesRequested") == "15-30"
    assert text(request, "i:bibliographicInfo/i:bibliographicItemId/i:bibliographicItemIdentifierCode") == "ISSN"


def test_downloading_the_request_message_writes_nothing(ordered):
    iso18626_request_xml(ordered)
    assert IsoMessage.objects.count() == 0


def test_a_request_without_a_lending_library_cannot_be_emitted(db):
    ill_request = IllRequestFactory(status=Status.SUBMITTED)
    with pytest.raises(DomainError) as error:
        iso18626_emit(ill_request=ill_request, kind="request")
    assert error.value.code == "partner_required"
    with pytest.raises(DomainError):
        iso18626_request_xml(ill_request)
    assert IsoMessage.objects.count() == 0


@pytest.mark.parametrize("kind", ["request", "Cancel", "Received", "ShippedReturn"])
def test_every_message_we_emit_validates_and_is_kept(schema, ordered, kind):
    message = iso18626_emit(ill_request=ordered, kind=kind, note="Ačiū" if kind != "request" else "")
    document = assert_valid(schema, message.xml.encode())
    assert message.direction == IsoMessage.Direction.SENT
    assert message.request == ordered
    assert message.partner == ordered.partner
    if kind != "request":
        assert message.message_type == f"requestingAgencyMessage/{kind}"
        assert text(document, "i:requestingAgencyMessage/i:action") == kind
        assert text(document, "i:requestingAgencyMessage/i:note") == "Ačiū"


def test_our_cancellation_carries_the_lenders_own_request_id(schema, ordered, receive):
    receive(supplying_message(ordered, "ExpectToSupply"), partner=ordered.partner)
    IsoMessage.objects.create(  # a later confirmation of ours carries no such id and must not hide it
        direction=IsoMessage.Direction.RECEIVED,
        message_type="requestConfirmation",
        xml=confirmation_from_partner().decode(),
        partner=ordered.partner,
        request=ordered,
    )
    message = iso18626_emit(ill_request=ordered, kind="Cancel")
    document = assert_valid(schema, message.xml.encode())
    assert text(document, "i:requestingAgencyMessage/i:header/i:supplyingAgencyRequestId") == "LENDER-42"


def test_an_unknown_kind_of_message_is_a_programming_error(ordered):
    with pytest.raises(ValueError, match="Unknown ISO 18626 message kind"):
        iso18626_emit(ill_request=ordered, kind="Renew")


def test_the_message_is_queued_for_sending_after_commit_only_when_the_partner_has_an_address(
    ordered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        kept = iso18626_emit(ill_request=ordered, kind="request")
    assert callbacks == []
    assert kept.ok  # nothing to send: staff download it
    ordered.partner.iso18626_address = "https://ill.example.org/iso18626"
    ordered.partner.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = iso18626_emit(ill_request=ordered, kind="request")
        assert DBTaskResult.objects.count() == 0  # not before commit
    assert len(callbacks) == 1
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"message_id": queued.pk}
    assert not queued.ok  # until the partner confirms


# --- Sending (the partner's server mocked by a local one) -----------------------------------------


class Partner(http.server.BaseHTTPRequestHandler):
    """A partner's ISO 18626 server: records what it gets, answers what the test says."""

    answers: list[tuple[int, bytes]] = []
    received: list[dict] = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        Partner.received.append({"authorization": self.headers.get("Authorization"), "body": self.rfile.read(length)})
        status, body = Partner.answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def partner_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Partner.answers, Partner.received = [], []
    yield f"http://127.0.0.1:{server.server_address[1]}/iso18626"
    server.shutdown()
    server.server_close()


def confirmation_from_partner(status: str = "OK", error: str = "") -> bytes:
    error_data = f"<errorData><errorType>{error}</errorType><errorValue>no</errorValue></errorData>" if error else ""
    return f"""<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2">
<requestConfirmation><confirmationHeader><timestamp>2026-11-20T10:00:00+0000</timestamp>
<timestampReceived>2026-11-20T10:00:00+0000</timestampReceived><messageStatus>{status}</messageStatus>
</confirmationHeader>{error_data}</requestConfirmation></ISO18626Message>""".encode()


@pytest.fixture
def sent(ordered, partner_server):
    ordered.partner.iso18626_address = partner_server
    ordered.partner.iso18626_username = "LT-000045"
    ordered.partner.iso18626_password = "slaptas"
    ordered.partner.save()
    return iso18626_emit(ill_request=ordered, kind="request")


def test_the_task_posts_the_message_with_basic_auth_and_records_the_confirmation(sent):
    Partner.answers = [(200, confirmation_from_partner())]
    iso18626_send_task.call(message_id=sent.pk)
    assert Partner.received[0]["body"] == sent.xml.encode()
    assert Partner.received[0]["authorization"] == "Basic " + base64.b64encode(b"LT-000045:slaptas").decode()
    sent.refresh_from_db()
    assert sent.ok
    assert sent.error == ""
    answer = IsoMessage.objects.get(direction=IsoMessage.Direction.RECEIVED)
    assert answer.message_type == "requestConfirmation"
    assert answer.request_id == sent.request_id


def test_a_partner_that_is_down_is_tried_again_later(sent):
    Partner.answers = [(503, b"busy")]
    iso18626_send_task.call(message_id=sent.pk)
    sent.refresh_from_db()
    assert not sent.ok
    assert sent.error.startswith("HTTP 503")
    assert "will retry" in sent.error
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"] == {"message_id": sent.pk, "attempt": 2}
    assert retry.run_after is not None


def test_an_unreachable_partner_is_tried_again_and_given_up_after_the_last_attempt(sent):
    sent.partner.iso18626_address = "http://127.0.0.1:9/iso18626"  # the discard port: nobody listens
    sent.partner.save()
    iso18626_send_task.call(message_id=sent.pk)
    assert DBTaskResult.objects.count() == 1
    with pytest.raises(Iso18626SendError):
        iso18626_send_task.call(message_id=sent.pk, attempt=SEND_ATTEMPTS)
    sent.refresh_from_db()
    assert "given up" in sent.error
    assert DBTaskResult.objects.count() == 1


def test_a_refusal_by_the_partner_is_recorded_and_not_retried(sent):
    Partner.answers = [(400, confirmation_from_partner("ERROR", "BadlyFormedMessage"))]
    iso18626_send_task.call(message_id=sent.pk)
    sent.refresh_from_db()
    assert not sent.ok
    assert "BadlyFormedMessage" in sent.error
    assert DBTaskResult.objects.count() == 0


def test_an_error_confirmation_with_http_200_is_recorded_as_not_processed(sent):
    Partner.answers = [(200, confirmation_from_partner("ERROR", "UnrecognisedDataValue"))]
    iso18626_send_task.call(message_id=sent.pk)
    sent.refresh_from_db()
    assert not sent.ok
    assert "UnrecognisedDataValue" in sent.error
    assert DBTaskResult.objects.count() == 0


# --- Receiving: the round trip and every status -----------------------------------------------------


def test_round_trip_request_then_will_supply_then_loaned_moves_our_request(schema, ordered, receive):
    assert_valid(schema, iso18626_emit(ill_request=ordered, kind="request").xml.encode())
    status, answer = receive(
        supplying_message(ordered, "WillSupply", reason="RequestResponse"), partner=ordered.partner
    )
    assert status == 200
    assert message_status(answer) == "OK"
    assert text(answer, "i:supplyingAgencyMessageConfirmation/i:reasonForMessage") == "RequestResponse"
    ordered.refresh_from_db()
    assert ordered.status == Status.SUPPLIER_ACCEPTED

    loaned = supplying_message(ordered, "Loaned", status_info="<dueDate>2027-01-15T00:00:00+0000</dueDate>")
    status, answer = receive(loaned, partner=ordered.partner)
    assert status == 200
    ordered.refresh_from_db()
    assert ordered.status == Status.IN_TRANSIT
    assert ordered.due_date == dt.date(2027, 1, 15)
    last = ordered.history.last()
    assert (last.from_status, last.to_status, last.actor, last.actor_label) == (
        Status.SUPPLIER_ACCEPTED,
        Status.IN_TRANSIT,
        None,
        ordered.partner.agency_id,
    )
    kept = IsoMessage.objects.filter(direction=IsoMessage.Direction.RECEIVED).order_by("created_at", "pk")
    assert [(m.message_type, m.ok, m.request_id) for m in kept] == [
        ("supplyingAgencyMessage/WillSupply", True, ordered.pk),
        ("supplyingAgencyMessage/Loaned", True, ordered.pk),
    ]


@pytest.mark.parametrize(
    ("iso_status", "start", "expected"),
    [
        ("ExpectToSupply", Status.ORDERED, Status.SUPPLIER_ACCEPTED),
        ("WillSupply", Status.ORDERED, Status.SUPPLIER_ACCEPTED),
        ("Loaned", Status.ORDERED, Status.IN_TRANSIT),
        ("RetryPossible", Status.ORDERED, Status.NEEDS_INFO),
        ("Unfilled", Status.SUPPLIER_ACCEPTED, Status.UNFILLED),
        ("LoanCompleted", Status.RETURNED, Status.COMPLETED),
        ("LoanCompleted", Status.ON_LOAN, Status.COMPLETED),
        ("LoanCompleted", Status.READY, Status.COMPLETED),
        ("CompletedWithoutReturn", Status.ON_LOAN, Status.COMPLETED),
        ("Cancelled", Status.ORDERED, Status.CANCELLED),
        ("RequestReceived", Status.ORDERED, Status.ORDERED),
        ("Overdue", Status.ON_LOAN, Status.ON_LOAN),
        ("Recalled", Status.ON_LOAN, Status.ON_LOAN),
    ],
)
def test_each_partner_status_moves_our_request(receive, partner, iso_status, start, expected):
    ill_request = IllRequestFactory(status=start, partner=partner)
    status, answer = receive(supplying_message(ill_request, iso_status), partner=partner)
    assert (status, message_status(answer)) == (200, "OK")
    ill_request.refresh_from_db()
    assert ill_request.status == expected
    assert ill_request.history.filter(to_status=expected, actor_label=partner.agency_id).exists()


@pytest.mark.parametrize(
    ("kind", "iso_status", "start", "expected"),
    [
        (Kind.LOAN, "Loaned", Status.ORDERED, Status.IN_TRANSIT),
        (Kind.COPY, "CopyCompleted", Status.ORDERED, Status.DELIVERED),
        (Kind.COPY, "CopyCompleted", Status.IN_TRANSIT, Status.DELIVERED),
        (Kind.COPY, "ExpectToSupply", Status.ORDERED, Status.SUPPLIER_ACCEPTED),
    ],
)
def test_a_status_that_fits_the_kind_of_request_moves_it(receive, partner, kind, iso_status, start, expected):
    ill_request = IllRequestFactory(status=start, partner=partner, kind=kind, copyright_declared=True)
    assert receive(supplying_message(ill_request, iso_status), partner=partner)[0] == 200
    ill_request.refresh_from_db()
    assert ill_request.status == expected


@pytest.mark.parametrize(
    ("kind", "iso_status", "start"),
    [
        (Kind.LOAN, "CopyCompleted", Status.IN_TRANSIT),
        (Kind.LOAN, "CopyCompleted", Status.ORDERED),
        (Kind.COPY, "Loaned", Status.ORDERED),
        (Kind.COPY, "Loaned", Status.SUPPLIER_ACCEPTED),
        (Kind.COPY, "LoanCompleted", Status.DELIVERED),
    ],
)
def test_a_status_that_does_not_fit_the_kind_of_request_is_refused_and_changes_nothing(
    receive, partner, kind, iso_status, start
):
    ill_request = IllRequestFactory(status=start, partner=partner, kind=kind, copyright_declared=True)
    status, answer = receive(
        supplying_message(ill_request, iso_status, status_info="<dueDate>2027-01-15T00:00:00Z</dueDate>"),
        partner=partner,
    )
    assert (status, message_status(answer), error_type(answer)) == (409, "ERROR", "UnrecognisedDataValue")
    assert "does not fit" in text(answer, ".//i:errorData/i:errorValue")
    ill_request.refresh_from_db()
    assert (ill_request.status, ill_request.due_date) == (start, None)
    assert not StatusChange.objects.exists()
    assert IsoMessage.objects.get().ok is False


def test_loan_completed_while_on_loan_goes_through_returned(receive, partner):
    ill_request = IllRequestFactory(status=Status.ON_LOAN, partner=partner)
    receive(supplying_message(ill_request, "LoanCompleted"), partner=partner)
    assert [(h.from_status, h.to_status) for h in ill_request.history.all()] == [
        (Status.ON_LOAN, Status.RETURNED),
        (Status.RETURNED, Status.COMPLETED),
    ]


def test_a_copy_completed_without_return_while_in_transit_is_delivered_then_completed(receive, partner):
    copy = IllRequestFactory(status=Status.IN_TRANSIT, partner=partner, kind=Kind.COPY, copyright_declared=True)
    receive(supplying_message(copy, "CompletedWithoutReturn"), partner=partner)
    assert [h.to_status for h in copy.history.all()] == [Status.DELIVERED, Status.COMPLETED]


def test_unfilled_keeps_the_lenders_reason_for_staff(receive, ordered):
    message = supplying_message(
        ordered,
        "Unfilled",
        reason="RequestResponse",
        answer="N",
        message_info="<reasonUnfilled>not-owned</reasonUnfilled>",
    )
    receive(message, partner=ordered.partner)
    ordered.refresh_from_db()
    assert (ordered.status, ordered.reason) == (Status.UNFILLED, Reason.NOT_AVAILABLE)
    change = ordered.history.get()
    assert "not-owned" in change.note_text
    assert not change.note_is_public


def test_a_recall_is_told_to_the_patron_and_an_overdue_only_to_staff(receive, partner):
    ill_request = IllRequestFactory(status=Status.ON_LOAN, partner=partner)
    receive(supplying_message(ill_request, "Recalled", note="Reikia mūsų skaitytojui"), partner=partner)
    receive(supplying_message(ill_request, "Overdue"), partner=partner)
    recalled, overdue = ill_request.history.all()
    assert recalled.note_is_public
    assert "Reikia mūsų skaitytojui" in recalled.note
    assert (recalled.from_status, recalled.to_status) == (Status.ON_LOAN, Status.ON_LOAN)
    assert not overdue.note_is_public


def test_will_supply_within_the_maximum_records_the_charge_and_accepts(receive, ordered):
    costs = "<offeredCosts><currencyCode>EUR</currencyCode><monetaryValue>4.50</monetaryValue></offeredCosts>"
    receive(supplying_message(ordered, "WillSupply", message_info=costs), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.SUPPLIER_ACCEPTED
    assert ordered.costs.get(kind=CostLine.Kind.LENDER).estimate == Decimal("4.50")


def test_will_supply_above_the_maximum_asks_the_patron(receive, ordered):
    costs = "<offeredCosts><currencyCode>EUR</currencyCode><monetaryValue>25.00</monetaryValue></offeredCosts>"
    receive(supplying_message(ordered, "WillSupply", message_info=costs), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.AWAITING_APPROVAL
    assert ordered.costs.get(kind=CostLine.Kind.LENDER).estimate == Decimal("25.00")
    change = ordered.history.get(to_status=Status.AWAITING_APPROVAL)
    assert change.note_is_public
    assert change.system_notes == [{"code": "lender_charge", "amount": "25.00", "currency": "EUR"}]
    for lang, words in (("en", "The lending library charges €25.00."), ("lt", "mokestis: 25,00\u00a0€.")):
        with translation.override(lang):
            assert words in change.note_text


@pytest.mark.parametrize(
    ("value", "currency", "expected", "lines"),
    [("0.00", "EUR", Status.SUPPLIER_ACCEPTED, 0), ("3", "USD", Status.AWAITING_APPROVAL, 0)],
)
def test_a_free_loan_adds_no_charge_and_a_foreign_currency_asks_the_patron(
    receive, ordered, value, currency, expected, lines
):
    costs = (
        f"<offeredCosts><currencyCode>{currency}</currencyCode><monetaryValue>{value}</monetaryValue></offeredCosts>"
    )
    receive(supplying_message(ordered, "WillSupply", message_info=costs), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == expected
    assert ordered.costs.filter(kind=CostLine.Kind.LENDER).count() == lines


def test_will_supply_with_a_loan_condition_asks_the_patron(receive, ordered):
    condition = "<deliveryInfo><dateSent>2026-11-20T10:00:00+0000</dateSent>"
    condition += "<loanCondition>LibraryUseOnly</loanCondition></deliveryInfo>"
    receive(supplying_message(ordered, "WillSupply", delivery_info=condition), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.AWAITING_APPROVAL
    assert "LibraryUseOnly" in ordered.history.get().note_text


def test_an_unreadable_charge_is_refused_rather_than_accepted(receive, ordered):
    costs = "<offeredCosts><currencyCode>EUR</currencyCode><monetaryValue>daug</monetaryValue></offeredCosts>"
    status, answer = receive(supplying_message(ordered, "WillSupply", message_info=costs), partner=ordered.partner)
    assert (status, error_type(answer)) == (400, "UnrecognisedDataValue")
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED


def test_a_repeated_will_supply_does_not_ask_the_patron_again_after_approval(receive, ordered):
    costs = "<offeredCosts><currencyCode>EUR</currencyCode><monetaryValue>25.00</monetaryValue></offeredCosts>"
    message = supplying_message(ordered, "WillSupply", message_info=costs)
    receive(message, partner=ordered.partner)
    ordered.refresh_from_db()
    ill_request_cost_decide(request_id=ordered.pk, patron=ordered.patron, approve=True)
    status, _answer = receive(message, partner=ordered.partner)
    ordered.refresh_from_db()
    assert (status, ordered.status) == (200, Status.SUPPLIER_ACCEPTED)
    assert ordered.costs.filter(kind=CostLine.Kind.LENDER).count() == 1


def test_expect_to_supply_never_skips_the_patrons_approval(receive, partner):
    waiting = IllRequestFactory(status=Status.AWAITING_APPROVAL, partner=partner)
    status, answer = receive(supplying_message(waiting, "ExpectToSupply"), partner=partner)
    waiting.refresh_from_db()
    assert (status, message_status(answer), waiting.status) == (200, "OK", Status.AWAITING_APPROVAL)


def test_the_same_loaned_message_twice_is_answered_ok_and_moves_once(receive, ordered):
    message = supplying_message(ordered, "Loaned")
    assert receive(message, partner=ordered.partner)[0] == 200
    status, answer = receive(message, partner=ordered.partner)
    assert (status, message_status(answer)) == (200, "OK")
    assert ordered.history.filter(to_status=Status.IN_TRANSIT).count() == 1


def test_a_cancel_response_yes_cancels_our_request(receive, ordered):
    receive(supplying_message(ordered, reason="CancelResponse", answer="Y"), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.CANCELLED


def test_a_cancel_response_no_leaves_our_request_and_tells_staff(receive, partner):
    ill_request = IllRequestFactory(status=Status.SUPPLIER_ACCEPTED, partner=partner)
    status, answer = receive(
        supplying_message(ill_request, reason="CancelResponse", answer="N", note="Jau išsiųsta"), partner=partner
    )
    assert (status, text(answer, "i:supplyingAgencyMessageConfirmation/i:reasonForMessage")) == (200, "CancelResponse")
    ill_request.refresh_from_db()
    assert ill_request.status == Status.SUPPLIER_ACCEPTED
    note = ill_request.history.get()
    assert (note.from_status, note.to_status, note.note_is_public) == (
        Status.SUPPLIER_ACCEPTED,
        Status.SUPPLIER_ACCEPTED,
        False,
    )
    assert "Jau išsiųsta" in note.note


def test_a_move_the_table_refuses_is_a_conflict_and_changes_nothing(receive, partner):
    cancelled = IllRequestFactory(status=Status.CANCELLED, partner=partner)
    status, answer = receive(supplying_message(cancelled, "Loaned"), partner=partner)
    assert (status, message_status(answer), error_type(answer)) == (409, "ERROR", "UnrecognisedDataValue")
    cancelled.refresh_from_db()
    assert cancelled.status == Status.CANCELLED
    assert not StatusChange.objects.exists()
    kept = IsoMessage.objects.get()
    assert (kept.ok, kept.request_id) == (False, cancelled.pk)
    assert kept.error.startswith("409")


def test_a_failed_second_step_rolls_back_the_first(receive, partner):
    in_transit = IllRequestFactory(status=Status.IN_TRANSIT, partner=partner)
    status, _answer = receive(supplying_message(in_transit, "LoanCompleted"), partner=partner)
    assert status == 409
    in_transit.refresh_from_db()
    assert in_transit.status == Status.IN_TRANSIT


# --- Receiving: refusals -------------------------------------------------------------------------


def test_a_message_without_credentials_is_refused_and_not_stored(receive, ordered, caplog):
    status, answer = receive(supplying_message(ordered, "Loaned"))
    assert (status, error_type(answer)) == (401, "UnrecognisedDataValue")
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED
    assert not IsoMessage.objects.exists()
    # The log keeps who posted and how the body began, nothing more.
    logged = caplog.text
    assert "192.0.2.1" in logged and "<?xml" in logged and "Loaned" not in logged


def test_the_partners_token_is_kept_only_as_its_digest(partner):
    assert partner.token not in str(PartnerLibrary.objects.filter(pk=partner.pk).values().get())
    assert partner.inbound_token_digest == hashlib.sha256(partner.token.encode()).hexdigest()


def test_a_new_token_works_and_the_old_one_no_longer_does(receive, ordered):
    partner = ordered.partner
    old = token_of(partner)
    new = partner_library_token_issue(partner_id=partner.pk)
    assert new != old and len(new) >= 43  # 32 random bytes
    assert iso18626_authenticate(f"Bearer {old}") is None
    assert iso18626_authenticate(f"Bearer {new}") == partner
    _TOKENS[partner.pk] = new
    assert receive(supplying_message(ordered, "Loaned"), partner=partner)[0] == 200


def test_a_partner_made_without_issuing_a_token_cannot_authenticate(db):
    partner = PartnerLibrary.objects.create(library=Library.objects.create(name="Nauja"), agency_id="LT-NEW-1")
    assert len(partner.inbound_token_digest) == 64
    assert iso18626_authenticate("Basic " + base64.b64encode(b"LT-NEW-1:").decode()) is None


@pytest.mark.parametrize(
    "authorization",
    ["Basic bm90LWJhc2U2NA==", "Basic !!!", "Bearer wrong", "Bearer ", "Digest abc", "Basic " + "A" * 5000],
)
def test_wrong_credentials_are_refused(receive, ordered, authorization):
    status, answer = receive(supplying_message(ordered, "Loaned"), authorization=authorization)
    assert (status, message_status(answer)) == (401, "ERROR")


def test_a_bearer_token_authenticates_the_partner(receive, ordered):
    status, _answer = receive(supplying_message(ordered, "Loaned"), authorization=f"Bearer {token_of(ordered.partner)}")
    assert status == 200


def test_the_agency_id_is_compared_without_regard_to_case(receive, ordered):
    message = supplying_message(ordered, "Loaned", agency=ordered.partner.agency_id.lower())
    assert receive(message, partner=ordered.partner)[0] == 200


def test_an_inactive_partner_is_refused(receive, ordered):
    ordered.partner.is_active = False
    ordered.partner.save()
    assert receive(supplying_message(ordered, "Loaned"), partner=ordered.partner)[0] == 401


def test_a_partner_cannot_speak_for_another_partner(receive, ordered):
    other = PartnerLibraryFactory()
    status, answer = receive(supplying_message(ordered, "Loaned"), partner=other)
    assert (status, error_type(answer)) == (403, "UnrecognisedDataValue")
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED


def test_a_partner_cannot_move_a_request_placed_with_another_library(receive, ordered):
    other = PartnerLibraryFactory()
    status, answer = receive(supplying_message(ordered, "Loaned", agency=other.agency_id), partner=other)
    assert (status, error_type(answer)) == (404, "UnrecognisedDataValue")
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED


@pytest.mark.parametrize("request_id", ["999999", "abc", "", "-1", "1" * 40, "٣"])
def test_an_unknown_request_is_answered_not_found(receive, ordered, request_id):
    status, answer = receive(supplying_message(ordered, "Loaned", request_id=request_id), partner=ordered.partner)
    assert (status, error_type(answer)) == (404, "UnrecognisedDataValue")


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        b"<ISO18626Message><supplyingAgencyMessage>",
        b"<html><body>hello</body></html>",
        b'<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2"/>',
        b"<ISO18626Message>\x00</ISO18626Message>",
        b"\xff\xfe\x00garbage",
    ],
)
def test_malformed_input_is_answered_badly_formed(receive, partner, body):
    status, answer = receive(body, partner=partner)
    assert (status, error_type(answer)) == (400, "BadlyFormedMessage")
    assert answer.find("i:supplyingAgencyMessageConfirmation", NS) is not None
    assert not IsoMessage.objects.get().ok


@pytest.mark.parametrize(
    ("reason", "status", "expected"),
    [("Gossip", "Loaned", "UnsupportedReasonForMessageType"), ("StatusChange", "Teleported", "UnrecognisedDataValue")],
)
def test_unknown_values_are_answered_with_the_matching_error(receive, ordered, reason, status, expected):
    code, answer = receive(supplying_message(ordered, status, reason=reason), partner=ordered.partner)
    assert (code, error_type(answer)) == (400, expected)


def test_a_status_in_another_case_is_understood(receive, ordered):
    assert receive(supplying_message(ordered, "loaned", reason="statuschange"), partner=ordered.partner)[0] == 200
    ordered.refresh_from_db()
    assert ordered.status == Status.IN_TRANSIT


def test_a_message_without_a_header_is_badly_formed(receive, ordered):
    body = etree.fromstring(supplying_message(ordered, "Loaned"))
    header = body.find(".//i:header", NS)
    header.getparent().remove(header)
    code, answer = receive(etree.tostring(body), partner=ordered.partner)
    assert (code, error_type(answer)) == (400, "BadlyFormedMessage")


def test_a_message_without_a_status_is_badly_formed(receive, ordered):
    code, answer = receive(supplying_message(ordered, ""), partner=ordered.partner)
    assert (code, error_type(answer)) == (400, "BadlyFormedMessage")


def test_a_huge_message_is_refused_unread_and_only_its_beginning_kept(receive, ordered):
    body = supplying_message(ordered, "Loaned").replace(b"<multipleItemRequestId/>", b" " * MAX_BODY_BYTES)
    status, answer = receive(body, partner=ordered.partner)
    assert (status, error_type(answer)) == (413, "BadlyFormedMessage")
    kept = IsoMessage.objects.get()
    assert (kept.partner, kept.ok) == (ordered.partner, False)
    assert kept.xml.startswith("<?xml") and len(kept.xml) <= EXCERPT_BYTES
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED


def test_an_external_entity_is_never_resolved(receive, ordered, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    body = supplying_message(ordered, "Loaned", note="&xxe;").replace(
        b"<ISO18626Message",
        f'<!DOCTYPE ISO18626Message [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<ISO18626Message'.encode(),
        1,
    )
    status, answer = receive(body, partner=ordered.partner)
    assert (status, error_type(answer)) == (400, "BadlyFormedMessage")
    assert b"TOP-SECRET-42" not in etree.tostring(answer)
    assert not StatusChange.objects.filter(note__contains="TOP-SECRET").exists()
    ordered.refresh_from_db()
    assert ordered.status == Status.ORDERED


def test_an_entity_bomb_is_refused(receive, partner):
    body = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><ISO18626Message>&lol3;</ISO18626Message>"""
    status, answer = receive(body, partner=partner)
    assert (status, error_type(answer)) == (400, "BadlyFormedMessage")


@pytest.mark.parametrize(
    ("sample", "confirmation"),
    [
        ("crosslink-request-patron-loan.xml", "requestConfirmation"),
        ("crosslink-ram-cancel.xml", "requestingAgencyMessageConfirmation"),
        ("full-requestConfirmation.xml", "requestConfirmation"),
    ],
)
def test_messages_other_than_the_lenders_are_answered_unsupported(receive, partner, sample, confirmation):
    status, answer = receive((SHARED / "samples" / sample).read_bytes(), partner=partner)
    assert (status, error_type(answer)) == (400, "UnsupportedActionType")
    assert answer.find(f"i:{confirmation}", NS) is not None


def test_a_requesting_agency_message_confirmation_echoes_the_action(receive, partner):
    status, answer = receive((SHARED / "samples" / "crosslink-ram-cancel.xml").read_bytes(), partner=partner)
    assert status == 400
    assert text(answer, "i:requestingAgencyMessageConfirmation/i:action") == "Cancel"


# --- The samples real partners send ---------------------------------------------------------------


def retarget(sample: bytes, ill_request) -> bytes:
    """The sample with its header pointing at our request with our partner (its oddities kept)."""
    root = etree.fromstring(sample)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        parent = etree.QName(element.getparent()).localname if element.getparent() is not None else ""
        if name == "agencyIdValue" and parent == "supplyingAgencyId":
            element.text = ill_request.partner.agency_id
        elif name == "agencyIdValue" and parent == "requestingAgencyId":
            element.text = settings.ILL_AGENCY_ID
        elif name == "requestingAgencyRequestId":
            element.text = str(ill_request.pk)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_every_sample_posted_unchanged_is_answered_never_with_a_500(receive, partner, sample):
    status, answer = receive(sample.read_bytes(), partner=partner)
    assert 400 <= status < 500
    assert message_status(answer) == "ERROR"
    assert IsoMessage.objects.get().ok is False


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_every_sample_pointed_at_our_request_is_processed_or_answered_with_an_error(receive, ordered, sample):
    status, answer = receive(retarget(sample.read_bytes(), ordered), partner=ordered.partner)
    assert status < 500
    if sample.name in LENDER_SAMPLES:
        assert (status, message_status(answer)) == (200, "OK"), etree.tostring(answer)
    else:
        assert (status, message_status(answer)) == (400, "ERROR")


def test_the_loaned_sample_moves_our_request(receive, ordered):
    sample = (SHARED / "samples" / "crosslink-sam-statuschange-loaned.xml").read_bytes()
    receive(retarget(sample, ordered), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.IN_TRANSIT


def test_the_unfilled_sample_with_an_unqualified_version_and_placeholder_timestamp_is_understood(receive, ordered):
    sample = (SHARED / "samples" / "reshare-sam-unfilled-notification.xml").read_bytes()
    receive(retarget(sample, ordered), partner=ordered.partner)
    ordered.refresh_from_db()
    assert ordered.status == Status.UNFILLED
    assert "can't find it after all" in ordered.history.get().note


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-12T20:12:00.62959771Z", dt.datetime(2024, 12, 12, 20, 12, 0, 629597, tzinfo=dt.UTC)),
        ("1900-01-01T01:01:01+0000", dt.datetime(1900, 1, 1, 1, 1, 1, tzinfo=dt.UTC)),
        ("2026-11-20T10:00:00+02:00", dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)),
        ("2027-01-15", dt.datetime(2027, 1, 15, tzinfo=dt.UTC)),
        ("_TIMESTAMP_", None),
        ("2026-02-30T00:00:00Z", None),
        ("", None),
    ],
)
def test_partner_timestamps_are_read_leniently(value, expected):
    assert parse_timestamp(value) == expected


# --- The endpoint ------------------------------------------------------------------------------


def test_the_view_answers_xml_with_the_status_of_the_outcome(schema, ordered):
    request = RequestFactory().post(
        ENDPOINT,
        data=supplying_message(ordered, "Loaned"),
        content_type="application/xml",
        headers={"Authorization": basic(ordered.partner)},
    )
    response = iso18626_endpoint(request)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert_valid(schema, response.content)


def test_the_view_asks_for_credentials(ordered):
    request = RequestFactory().post(ENDPOINT, data=supplying_message(ordered, "Loaned"), content_type="text/xml")
    response = iso18626_endpoint(request)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_the_view_refuses_a_body_past_the_limit_without_reading_it_all(ordered):
    request = RequestFactory().post(
        ENDPOINT,
        data=b"<" * (MAX_BODY_BYTES * 3),
        content_type="application/xml",
        headers={"Authorization": basic(ordered.partner)},
    )
    assert iso18626_endpoint(request).status_code == 413
    assert len(IsoMessage.objects.get().xml) <= EXCERPT_BYTES


def test_the_view_authenticates_before_it_reads_or_keeps_the_body(schema, ordered, caplog):
    request = RequestFactory().post(
        ENDPOINT, data=b"<" * (MAX_BODY_BYTES * 3), content_type="application/xml", REMOTE_ADDR="198.51.100.7"
    )
    response = iso18626_endpoint(request)
    assert response.status_code == 401
    assert_valid(schema, response.content)
    assert not IsoMessage.objects.exists()
    assert "198.51.100.7" in caplog.text
    assert "<" * (EXCERPT_BYTES + 1) not in caplog.text


def test_the_endpoint_receives_partner_messages_over_http(client, schema, ordered):
    response = client.post(
        ENDPOINT,
        data=supplying_message(ordered, "ExpectToSupply"),
        content_type="application/xml",
        headers={"Authorization": basic(ordered.partner)},
    )
    assert response.status_code == 200
    assert_valid(schema, response.content)
    ordered.refresh_from_db()
    assert ordered.status == Status.SUPPLIER_ACCEPTED


def test_the_endpoint_needs_no_csrf_token_and_refuses_other_methods(schema, ordered):
    client = Client(enforce_csrf_checks=True)
    assert client.get(ENDPOINT).status_code == 405
    response = client.post(
        ENDPOINT, data=b"garbage", content_type="application/xml", headers={"Authorization": basic(ordered.partner)}
    )
    assert response.status_code == 400
    assert_valid(schema, response.content)
