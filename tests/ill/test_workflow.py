"""The ILL workflow: every move the table allows works and is recorded, every other one is refused."""

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from ill.models import FINAL, PATRON_CANCELLABLE, TRANSITIONS, CostLine, IllRequest, Reason, Status, StatusChange
from ill.services import (
    ill_cost_add,
    ill_message_post,
    ill_request_cancel,
    ill_request_cancellation_request,
    ill_request_cost_decide,
    ill_request_move,
    ill_request_submit,
)
from library_portal.errors import DomainError
from tests.factories import IllRequestFactory

ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in sorted(targets)]
FORBIDDEN = [
    (source, target) for source in Status.values for target in Status.values if target not in TRANSITIONS[source]
]


def queued_mails() -> list[dict]:
    """The e-mails the queue holds, as the worker would send them (staff notices are rendered by their task)."""
    from django.core import mail
    from django_tasks_db.compat import TaskContext

    from ill.tasks import ill_staff_notice_task

    mails = []
    for row in DBTaskResult.objects.order_by("enqueued_at"):
        kwargs = row.args_kwargs["kwargs"]
        if row.task_path.endswith("ill_staff_notice_task"):
            mail.outbox = []
            ill_staff_notice_task.call(TaskContext(task_result=row.task_result), **kwargs)  # its key: the task's id
            (message,) = mail.outbox
            kwargs = {"to": message.to, "subject": message.subject, "body": message.body}
        mails.append(kwargs)
    return mails


def move_arguments(target: str, partner) -> dict:
    return (
        {"reason": Reason.NOT_AVAILABLE, "partner": partner}
        if target in {Status.UNFILLED, Status.REJECTED}
        else {"partner": partner}
    )


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move_changes_the_status_and_writes_history(source, target, librarian, partner):
    request = IllRequestFactory(status=source)
    ill_request_move(
        request_id=request.pk, to_status=target, actor=librarian, note="ok", **move_arguments(target, partner)
    )
    request.refresh_from_db()
    assert request.status == target
    change = StatusChange.objects.get(request=request)
    assert (change.from_status, change.to_status, change.actor, change.note) == (source, target, librarian, "ok")


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_move_outside_the_table_is_refused_and_changes_nothing(source, target, librarian, partner):
    request = IllRequestFactory(status=source)
    with pytest.raises(DomainError) as error:
        ill_request_move(request_id=request.pk, to_status=target, actor=librarian, **move_arguments(target, partner))
    assert error.value.code == "illegal_move"
    assert error.value.status == 409
    request.refresh_from_db()
    assert request.status == source
    assert not StatusChange.objects.filter(request=request).exists()


def test_final_statuses_accept_no_move_at_all():
    assert {Status.COMPLETED, Status.UNFILLED, Status.CANCELLED, Status.REJECTED} == FINAL
    for status in FINAL:
        assert TRANSITIONS[status] == frozenset()


def test_rejecting_needs_a_reason_the_patron_reads(librarian):
    request = IllRequestFactory()
    with pytest.raises(DomainError) as error:
        ill_request_move(request_id=request.pk, to_status=Status.REJECTED, actor=librarian)
    assert error.value.field == "reason"
    ill_request_move(request_id=request.pk, to_status=Status.REJECTED, actor=librarian, reason=Reason.RARE)
    request.refresh_from_db()
    assert request.get_reason_display() == Reason.RARE.label


def test_ordering_needs_the_lending_library_or_a_note(librarian, partner):
    request = IllRequestFactory()
    with pytest.raises(DomainError) as error:
        ill_request_move(request_id=request.pk, to_status=Status.ORDERED, actor=librarian)
    assert error.value.code == "partner_required"
    ill_request_move(request_id=request.pk, to_status=Status.ORDERED, actor=librarian, partner=partner)
    assert IllRequest.objects.get(pk=request.pk).partner == partner


def test_arrival_sets_the_lenders_due_date_or_thirty_days(librarian):
    request = IllRequestFactory(status=Status.IN_TRANSIT)
    ill_request_move(request_id=request.pk, to_status=Status.READY, actor=librarian)
    assert IllRequest.objects.get(pk=request.pk).due_date == timezone.localdate() + dt.timedelta(days=30)
    other = IllRequestFactory(status=Status.IN_TRANSIT)
    due = timezone.localdate() + dt.timedelta(days=14)
    ill_request_move(request_id=other.pk, to_status=Status.READY, actor=librarian, due_date=due)
    assert IllRequest.objects.get(pk=other.pk).due_date == due


@pytest.mark.parametrize("status", sorted(PATRON_CANCELLABLE))
def test_patron_cancels_a_request_not_yet_sent(status, patron):
    request = IllRequestFactory(patron=patron, status=status)
    ill_request_cancel(request_id=request.pk, patron=patron)
    assert IllRequest.objects.get(pk=request.pk).status == Status.CANCELLED


@pytest.mark.parametrize("status", [Status.ORDERED, Status.SUPPLIER_ACCEPTED, Status.IN_TRANSIT, Status.READY])
def test_patron_cannot_cancel_a_request_already_sent_to_the_lender(status, patron):
    request = IllRequestFactory(patron=patron, status=status)
    with pytest.raises(DomainError) as error:
        ill_request_cancel(request_id=request.pk, patron=patron)
    assert error.value.code == "already_sent"
    assert IllRequest.objects.get(pk=request.pk).status == status


def test_a_sent_request_gets_a_cancellation_flag_and_the_staff_are_told(patron, django_capture_on_commit_callbacks):
    request = IllRequestFactory(patron=patron, status=Status.ORDERED)
    with django_capture_on_commit_callbacks(execute=True):
        ill_request_cancellation_request(request_id=request.pk, patron=patron, note="Radau knygą kitur")
    request.refresh_from_db()
    assert request.status == Status.ORDERED
    assert request.cancellation_requested_at is not None
    (staff_mail,) = queued_mails()
    assert staff_mail["to"] == ["tba@localhost"]
    assert "Radau knygą kitur" in staff_mail["body"]


def test_a_patron_cannot_act_on_another_patrons_request(patron, patron2):
    request = IllRequestFactory(patron=patron)
    for action in (
        lambda: ill_request_cancel(request_id=request.pk, patron=patron2),
        lambda: ill_request_cancellation_request(request_id=request.pk, patron=patron2),
        lambda: ill_request_cost_decide(request_id=request.pk, patron=patron2, approve=True),
        lambda: ill_message_post(request_id=request.pk, author=patron2, body="labas"),
    ):
        with pytest.raises(DomainError) as error:
            action()
        assert error.value.status == 404
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED


def test_patron_approves_or_declines_the_lenders_cost(patron):
    approved = IllRequestFactory(patron=patron, status=Status.AWAITING_APPROVAL)
    declined = IllRequestFactory(patron=patron, status=Status.AWAITING_APPROVAL)
    ill_request_cost_decide(request_id=approved.pk, patron=patron, approve=True)
    ill_request_cost_decide(request_id=declined.pk, patron=patron, approve=False)
    assert IllRequest.objects.get(pk=approved.pk).status == Status.SUPPLIER_ACCEPTED
    assert IllRequest.objects.get(pk=declined.pk).status == Status.CANCELLED
    with pytest.raises(DomainError):
        ill_request_cost_decide(request_id=approved.pk, patron=patron, approve=True)


def test_submission_records_the_postage_estimate_from_the_tariff_table(patron, loan_data, postal_tariffs):
    request, created = ill_request_submit(patron=patron, data=loan_data)
    assert created
    (line,) = request.costs.all()
    # a book up to 1 kg travels both ways: 2 × 2.90 € domestic
    assert (line.kind, line.estimate, line.amount) == (CostLine.Kind.POSTAGE, Decimal("5.80"), None)
    abroad, _created = ill_request_submit(patron=patron, data={**loan_data, "scope": "international"})
    assert abroad.costs.get().estimate == Decimal("25.00")


def test_the_same_idempotency_key_creates_one_request(patron, loan_data):
    first, created = ill_request_submit(patron=patron, data=loan_data, idempotency_key="k-1")
    again, created_again = ill_request_submit(patron=patron, data=loan_data, idempotency_key="k-1")
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert IllRequest.objects.count() == 1


def test_two_submissions_racing_with_one_key_make_one_request_and_both_answer_with_it(
    transactional_db, patron, loan_data
):
    """The first holds its transaction open until the second waits on the key's unique index; then it
    commits, and the second answers with the first one's request instead of failing."""
    from django.db import connection

    first_inserted, commit_first = threading.Event(), threading.Event()
    answers = {}

    def submit(name: str, *, hold: bool) -> None:
        try:
            with transaction.atomic():
                answers[name] = ill_request_submit(patron=patron, data=loan_data, idempotency_key="race")
                if hold:
                    first_inserted.set()
                    commit_first.wait(10)
        finally:
            connection.close()

    first = threading.Thread(target=submit, args=("first",), kwargs={"hold": True})
    first.start()
    assert first_inserted.wait(10)
    second = threading.Thread(target=submit, args=("second",), kwargs={"hold": False})
    second.start()
    deadline = time.monotonic() + 10
    while not waiting_on_a_lock() and time.monotonic() < deadline:
        second.join(0.02)
    commit_first.set()
    first.join(10)
    second.join(10)
    (request,) = IllRequest.objects.all()
    assert answers == {"first": (request, True), "second": (request, False)}
    assert StatusChange.objects.count() == CostLine.objects.count() == DBTaskResult.objects.count() == 1


def waiting_on_a_lock() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_the_service_refuses_a_periodical_loan_even_when_a_caller_skips_the_form(patron, loan_data):
    with pytest.raises(DomainError) as error:
        ill_request_submit(patron=patron, data={**loan_data, "isbn": "", "issn": "0317-8471"})
    assert error.value.code == "periodical_loan"
    assert not IllRequest.objects.exists()


def test_a_lost_item_charge_is_a_cost_line_and_a_history_note(librarian):
    request = IllRequestFactory(status=Status.ON_LOAN)
    ill_cost_add(request_id=request.pk, kind=CostLine.Kind.LOSS, actor=librarian, amount=Decimal("25.00"))
    assert request.costs.get().amount == Decimal("25.00")
    change = request.history.get()
    assert (change.system_notes, change.note) == ([{"code": "loss_charge", "amount": "25.00"}], "")
    with translation.override("en"):
        assert change.note_text.endswith("under the library's rules: €25.00")
    with pytest.raises(DomainError):
        ill_cost_add(request_id=request.pk, kind=CostLine.Kind.LENDER, actor=librarian, amount=Decimal("-1"))


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (Status.SUBMITTED, Status.ORDERED, "Ordered from another library"),
        (Status.ORDERED, Status.AWAITING_APPROVAL, "Waiting for your approval"),
        (Status.IN_TRANSIT, Status.READY, "Ready in the reading room"),
        (Status.ORDERED, Status.UNFILLED, "Could not be supplied"),
        (Status.SUBMITTED, Status.CANCELLED, "Cancelled"),
        (Status.SUBMITTED, Status.REJECTED, "Rejected"),
    ],
)
def test_the_patron_is_told_by_email_in_their_language(
    source, target, expected, patron, librarian, partner, django_capture_on_commit_callbacks
):
    patron.preferred_language = "en"
    patron.save()
    request = IllRequestFactory(patron=patron, status=source)
    with django_capture_on_commit_callbacks(execute=True):
        ill_request_move(request_id=request.pk, to_status=target, actor=librarian, **move_arguments(target, partner))
    (notice,) = queued_mails()
    assert notice["to"] == [patron.email]
    assert expected in notice["subject"]
    if target == Status.READY:
        request.refresh_from_db()
        assert request.pickup_branch.name_en in notice["body"]
        with translation.override("en"):
            assert date_format(request.due_date, "DATE_FORMAT") in notice["body"]


def test_moves_without_a_notice_send_no_mail(librarian, django_capture_on_commit_callbacks):
    request = IllRequestFactory(status=Status.ORDERED)
    with django_capture_on_commit_callbacks(execute=True):
        ill_request_move(request_id=request.pk, to_status=Status.SUPPLIER_ACCEPTED, actor=librarian)
    assert queued_mails() == []


def test_no_notice_is_queued_when_the_move_rolls_back(librarian, partner, django_capture_on_commit_callbacks):
    request = IllRequestFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ill_request_move(request_id=request.pk, to_status=Status.ORDERED, actor=librarian, partner=partner)
        raise RuntimeError("the request failed")
    assert callbacks == []
    assert queued_mails() == []
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED


def test_a_new_request_tells_the_staff(patron, loan_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request, _created = ill_request_submit(patron=patron, data=loan_data)
    (staff_mail,) = queued_mails()
    assert staff_mail["to"] == ["tba@localhost"]
    assert f"#{request.pk}" in staff_mail["subject"]


def test_ordering_from_a_partner_with_an_address_sends_the_iso_request(
    librarian, partner, django_capture_on_commit_callbacks
):
    from ill.models import IsoMessage

    partner.iso18626_address = "http://127.0.0.1:9/iso18626"
    partner.save()
    request = IllRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        ill_request_move(request_id=request.pk, to_status=Status.ORDERED, actor=librarian, partner=partner)
    (message,) = IsoMessage.objects.filter(request=request, direction="sent")
    assert message.message_type == "request"
    assert request.title in message.xml
    assert any("iso18626_send_task" in row.task_path for row in DBTaskResult.objects.all())


def test_a_partner_without_an_address_is_not_sent_anything_automatically(librarian, partner):
    from ill.models import IsoMessage

    request = IllRequestFactory()
    ill_request_move(request_id=request.pk, to_status=Status.ORDERED, actor=librarian, partner=partner)
    assert not IsoMessage.objects.filter(request=request).exists()
