"""ISO 18626, what partners post: a lender's message moves our request along the table (every status, charges,
cancellations), and every sample real partners send is processed or answered with an error confirmation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from lxml import etree

from ill.iso18626 import (
    iso18626_emit,
    parse_timestamp,
)
from ill.models import CostLine, IsoMessage, Kind, Reason, Status, StatusChange
from ill.services import ill_request_cost_decide
from tests.factories import IllRequestFactory
from tests.ill.iso18626_helpers import (
    LENDER_SAMPLES,
    SAMPLES,
    SHARED,
    assert_valid,
    error_type,
    message_status,
    supplying_message,
    text,
)

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
