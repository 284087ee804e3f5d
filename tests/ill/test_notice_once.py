"""The ILL staff notice is rendered and sent by its own task: sent once, even when that task runs again."""

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from library_portal.models import SentMail
from tests.library_portal.test_mail_once import run_worker
from tests.library_portal.test_tasks import FAILURES


@pytest.fixture
def flaky_mail(settings):
    """The mail server of tests/library_portal/test_tasks.py, refusing as many mails as FAILURES says."""
    settings.EMAIL_BACKEND = "tests.library_portal.test_tasks.FlakyBackend"
    FAILURES["left"] = 0
    return FAILURES


def test_the_ill_staff_notice_is_sent_once_even_when_its_task_runs_again(
    transactional_db, flaky_mail, patron, loan_data
):
    from ill.services import ill_request_submit

    ill_request_submit(patron=patron, data=loan_data, idempotency_key="k1")
    run_worker()
    (notice,) = DBTaskResult.objects.all()
    assert SentMail.objects.filter(key=f"ill-notice-{notice.pk}").exists()
    DBTaskResult.objects.update(status="READY", finished_at=None)  # reclaimed
    run_worker()
    assert len(mail.outbox) == 1


def test_the_ill_staff_notice_retries_with_its_key_when_the_mail_server_fails(
    transactional_db, flaky_mail, patron, loan_data
):
    from ill.services import ill_request_submit

    flaky_mail["left"] = 1
    ill_request_submit(patron=patron, data=loan_data, idempotency_key="k1")
    run_worker()
    notice = DBTaskResult.objects.get(task_path="ill.tasks.ill_staff_notice_task")
    retry = DBTaskResult.objects.get(task_path="library_portal.tasks.send_mail_task")
    assert retry.args_kwargs["kwargs"]["key"] == f"ill-notice-{notice.pk}"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    DBTaskResult.objects.filter(pk=notice.pk).update(status="READY")  # reclaimed after all
    run_worker()
    assert len(mail.outbox) == 1
