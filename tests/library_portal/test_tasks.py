"""E-mail goes out after commit through the database task queue, and survives a failing mail server."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from library_portal.tasks import mail_after_commit, retry_delay

FAILURES = {"left": 0}


class FlakyBackend(locmem.EmailBackend):
    """A mail server that refuses the next FAILURES["left"] messages (the outside world, mocked)."""

    def send_messages(self, messages):
        if FAILURES["left"] > 0:
            FAILURES["left"] -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


def run_worker() -> None:
    # The worker closes database connections between tasks, so these tests use transactional_db.
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.library_portal.test_tasks.FlakyBackend"
    FAILURES["left"] = 0
    return FAILURES


def test_mail_is_queued_after_commit_and_sent_by_the_worker(
    transactional_db, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_after_commit(subject="Užsakymas gautas", body="Ačiū", to=["ona@example.org"])
    assert mail.outbox == []  # queued, not sent in the request
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Užsakymas gautas"]


def test_nothing_is_queued_when_the_transaction_rolls_back(db, flaky_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                mail_after_commit(subject="Niekada", body="—", to=["ona@example.org"])
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert DBTaskResult.objects.count() == 0


def test_a_failing_mail_server_is_retried_later_and_the_mail_is_not_lost(
    transactional_db, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail["left"] = 1
    with django_capture_on_commit_callbacks(execute=True):
        mail_after_commit(subject="Knyga atkeliavo", body="—", to=["ona@example.org"])
    run_worker()
    assert mail.outbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()  # not before its delay
    run_worker()
    assert mail.outbox == []
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the delay has passed
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Knyga atkeliavo"]


def test_retry_delays_grow_and_stop_at_an_hour():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 10)] == [1, 2, 4, 8, 60]


def test_the_worker_cannot_see_a_queued_mail_before_the_transaction_commits(transactional_db, flaky_mail):
    import threading

    from django.db import connection

    seen = []

    def count_from_another_connection():
        seen.append(DBTaskResult.objects.count())
        connection.close()

    with transaction.atomic():
        mail_after_commit(subject="Užsakymas gautas", body="Ačiū", to=["ona@example.org"])
        reader = threading.Thread(target=count_from_another_connection)
        reader.start()
        reader.join()
        assert seen == [0]  # the worker's view: nothing yet
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Užsakymas gautas"]
