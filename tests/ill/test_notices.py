"""ILL notices end to end: queued with the move, sent by the worker, retried when the mail server fails."""

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ill.models import Status
from ill.services import ill_request_move
from library_portal.errors import DomainError
from tests.factories import IllRequestFactory, UserFactory
from tests.library_portal.test_tasks import run_worker


def test_a_ready_notice_survives_a_failing_mail_server_and_reaches_the_patron(transactional_db, flaky_mail, patron):
    request = IllRequestFactory(patron=patron, status=Status.IN_TRANSIT)
    flaky_mail["left"] = 1
    ill_request_move(request_id=request.pk, to_status=Status.READY)
    run_worker()
    assert mail.outbox == []  # the server refused it
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # the retry delay has passed
    run_worker()
    (notice,) = mail.outbox
    assert notice.to == [patron.email]
    assert request.pickup_branch.name in notice.body


def test_a_move_refused_by_the_table_queues_no_notice(transactional_db, flaky_mail, patron):
    request = IllRequestFactory(patron=patron, status=Status.SUBMITTED)
    with pytest.raises(DomainError):
        ill_request_move(request_id=request.pk, to_status=Status.READY)
    run_worker()
    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()


def test_a_new_request_and_its_staff_notice_commit_together_and_the_worker_sends_it(
    transactional_db, flaky_mail, patron, loan_data, settings
):
    from ill.models import CostLine, IllRequest, StatusChange
    from ill.services import ill_request_submit

    settings.ILL_STAFF_EMAIL = "tba@example.org"
    request, created = ill_request_submit(patron=patron, data=loan_data, idempotency_key="once")
    again, created_again = ill_request_submit(patron=patron, data=loan_data, idempotency_key="once")
    assert (created, created_again, again.pk) == (True, False, request.pk)
    # One transaction wrote the request, its postage line, its history row and one notice task.
    assert IllRequest.objects.count() == CostLine.objects.count() == StatusChange.objects.count() == 1
    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"]["request_id"] == request.pk
    run_worker()
    (notice,) = mail.outbox
    assert notice.to == ["tba@example.org"]
    assert f"#{request.pk}" in notice.subject
    assert notice.reply_to == [patron.email]


@pytest.mark.parametrize(("language", "word"), [("lt", "užsakymas"), ("fi", "kaukolainapyyntö")])
def test_the_staff_notice_is_in_the_language_of_the_staff_member_with_that_address(
    transactional_db, flaky_mail, patron, loan_data, settings, language, word
):
    from ill.services import ill_request_submit

    settings.ILL_STAFF_EMAIL = "tba@example.org"
    UserFactory(email="tba@example.org", is_staff=True, preferred_language=language)
    ill_request_submit(patron=patron, data=loan_data, idempotency_key="once")
    run_worker()
    (notice,) = mail.outbox
    assert word in (notice.subject + notice.body).lower()
