"""ISO 18626, what we send: every message we emit validates against the schema, is kept, and is posted to the
partner by a task that retries while the partner is down and records its confirmation."""

import base64
import http.server
import threading

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult
from lxml import etree

from ill.iso18626 import (
    iso18626_emit,
    iso18626_request_xml,
)
from ill.models import IsoMessage, Kind, Status
from ill.tasks import SEND_ATTEMPTS, Iso18626SendError, iso18626_send_task
from library_portal.errors import DomainError
from tests.factories import IllRequestFactory
from tests.ill.iso18626_helpers import (
    NS,
    assert_valid,
    supplying_message,
    text,
)

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
