"""ISO 18626, what we refuse: messages without valid credentials, for another partner's or an unknown request,
malformed, oversized or hostile ones are answered with an error confirmation (which validates too), never a 500;
and the HTTP endpoint itself."""

import base64
import hashlib

import pytest
from django.test import Client, RequestFactory
from lxml import etree

from ill.iso18626 import (
    EXCERPT_BYTES,
    MAX_BODY_BYTES,
    iso18626_authenticate,
    iso18626_endpoint,
)
from ill.models import IsoMessage, PartnerLibrary, Status, StatusChange
from ill.services import partner_library_token_issue
from services.models import Library
from tests.factories import _TOKENS, PartnerLibraryFactory, token_of
from tests.ill.iso18626_helpers import (
    ENDPOINT,
    NS,
    SHARED,
    assert_valid,
    basic,
    error_type,
    message_status,
    supplying_message,
    text,
)

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
