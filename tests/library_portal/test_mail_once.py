"""Every mail is sent at least once and never twice, and no patron input makes a mail unsendable;
the task worker reclaims the tasks of dead workers and puts back tasks the database interrupted."""

import datetime as dt
import email.header

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from bench.fault_rig import SmtpSink
from library_portal.models import SentMail
from library_portal.services import MAX_UNFINISHED_RUNS, task_put_back, task_reclaim_stale
from library_portal.tasks import clean_subject, mail_after_commit, message_id, retry_delay, send_mail_task
from tests.library_portal.test_tasks import FAILURES


def run_worker() -> None:
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0")


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.library_portal.test_tasks.FlakyBackend"
    FAILURES["left"] = 0
    return FAILURES


@pytest.fixture
def sink(settings):
    """A real SMTP server on loopback (bench/fault_rig.py) and the SMTP backend pointed at it."""
    server = SmtpSink()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    yield server
    server.stop()


def raw_header(message, name: str) -> str:
    """The header as it travelled, folded lines joined: what a mail client shows."""
    return str(email.header.make_header(email.header.decode_header(message[name])))


def test_clean_subject_makes_one_printable_line():
    assert clean_subject("Metai\r\nBcc: x@example.org\x07 ir\x00 kita\u2028eilutė\t ") == (
        "Metai Bcc: x@example.org ir kita eilutė"
    )
    assert clean_subject("Užsakymas gautas") == "Užsakymas gautas"


def test_a_title_with_line_breaks_and_control_characters_is_mailed_with_a_clean_one_line_subject(
    transactional_db, sink
):
    title = "Metai\r\nBcc: victim@example.org\x07\x1b[31m"
    mail_after_commit(subject=f"Užsakymas: {title}", body=f"Jūsų užsakymas: {title}\n", to=["ona@example.org"])
    # A task queued by an older release, whose subject was never cleaned, is sent all the same.
    send_mail_task.enqueue(key="old", subject=f"Senas: {title}", body="—", to=["ona@example.org"])
    run_worker()
    assert sorted(raw_header(m, "Subject") for m in sink.messages) == [
        "Senas: Metai Bcc: victim@example.org[31m",
        "Užsakymas: Metai Bcc: victim@example.org[31m",
    ]
    for message in sink.messages:
        assert message["Bcc"] is None  # nothing injected
        assert "\n" not in raw_header(message, "Subject")
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_nul_byte_in_a_mail_does_not_stop_it_from_being_queued_and_sent(transactional_db, flaky_mail):
    mail_after_commit(subject="Metai\x00", body="Metai\x00 ir kita", to=["ona@example.org"])
    run_worker()
    (sent,) = mail.outbox
    assert (sent.subject, sent.body) == ("Metai", "Metai\ufffd ir kita")


def test_every_mail_gets_a_key_and_a_message_id_made_from_it(transactional_db, flaky_mail, settings):
    settings.DEFAULT_FROM_EMAIL = "Biblioteka <biblioteka@silute.example.lt>"
    mail_after_commit(subject="Sveiki", body="—", to=["ona@example.org"])
    key = DBTaskResult.objects.get().args_kwargs["kwargs"]["key"]
    run_worker()
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == message_id(key) == f"<{key}@silute.example.lt>"
    assert SentMail.objects.filter(key=key).exists()


def test_a_mail_whose_mark_exists_is_not_sent_again(transactional_db, flaky_mail):
    mail_after_commit(subject="Knyga atkeliavo", body="—", to=["ona@example.org"])
    SentMail.objects.create(key=DBTaskResult.objects.get().args_kwargs["kwargs"]["key"])
    run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_run_again_after_sending_does_not_send_twice(transactional_db, flaky_mail):
    """The worker was killed after the send and before the task was recorded: it is reclaimed and runs again."""
    mail_after_commit(subject="Knyga atkeliavo", body="—", to=["ona@example.org"])
    run_worker()
    DBTaskResult.objects.update(status="READY", finished_at=None)  # as if it had never been recorded
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Knyga atkeliavo"]


def test_a_retried_mail_keeps_its_key_and_is_sent_once(transactional_db, flaky_mail, settings):
    settings.MAIL_RETRY_DELAY = 5
    flaky_mail["left"] = 1
    mail_after_commit(subject="Knyga atkeliavo", body="—", to=["ona@example.org"])
    first = DBTaskResult.objects.get()
    run_worker()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["key"] == first.args_kwargs["kwargs"]["key"]
    assert not SentMail.objects.exists()  # the failed send left no mark
    assert dt.timedelta(seconds=4) < retry.run_after - timezone.now() <= dt.timedelta(seconds=5)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    DBTaskResult.objects.filter(pk=first.pk).update(status="READY")  # the first task reclaimed after all
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Knyga atkeliavo"]


def test_retry_delays_start_at_mail_retry_delay_and_double(settings):
    settings.MAIL_RETRY_DELAY = 5
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 20)] == [5, 10, 20, 3600]


def running_task(*, started_seconds_ago: float, runs: int = 1) -> DBTaskResult:
    result = send_mail_task.enqueue(key="k", subject="—", body="—", to=["ona@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(seconds=started_seconds_ago),
        worker_ids=[f"dead-{n}" for n in range(runs)],
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_stale_running_task_is_reclaimed_and_a_fresh_one_is_not(db):
    stale = running_task(started_seconds_ago=301)
    fresh = running_task(started_seconds_ago=10)
    assert task_reclaim_stale(older_than=300) == [str(stale.pk)]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("READY", "RUNNING")
    assert task_reclaim_stale(older_than=300) == []  # a second worker reclaiming finds nothing more


def test_a_task_claimed_again_since_it_was_read_is_not_put_back(db):
    task_result = running_task(started_seconds_ago=301)
    DBTaskResult.objects.filter(pk=task_result.pk).update(started_at=timezone.now())  # another worker claimed it
    assert task_put_back(task=task_result) is False
    assert DBTaskResult.objects.get(pk=task_result.pk).status == "RUNNING"


def test_a_task_that_never_finishes_is_left_failed_for_staff_instead_of_being_put_back_for_ever(db):
    poison = running_task(started_seconds_ago=301, runs=MAX_UNFINISHED_RUNS)
    assert task_reclaim_stale(older_than=300) == [str(poison.pk)]
    poison.refresh_from_db()
    assert poison.status == "FAILED"
    assert "without finishing" in poison.traceback


def test_the_worker_reclaims_the_task_of_a_dead_worker_when_it_starts(transactional_db, flaky_mail, settings):
    settings.TASK_RECLAIM_AFTER = 300
    running_task(started_seconds_ago=301)
    run_worker()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


CALLS = {"count": 0}


@task()
def database_blip_task() -> str:
    """Fails the first time as a task does when PostgreSQL restarts under it."""
    CALLS["count"] += 1
    if CALLS["count"] == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return "done"


def test_the_worker_puts_back_a_task_that_failed_only_because_the_database_went_away(transactional_db):
    CALLS["count"] = 0
    database_blip_task.enqueue()
    run_worker()
    row = DBTaskResult.objects.get()
    assert (row.status, row.return_value, CALLS["count"]) == ("SUCCESSFUL", "done", 2)
    assert len(row.worker_ids) == 2
