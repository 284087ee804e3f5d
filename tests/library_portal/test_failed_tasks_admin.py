"""Managers see failed and stuck background tasks in the admin, with the error, and retry them; librarians do not."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from library_portal.tasks import send_mail_task
from tests.conftest import PASSWORD

LIST = "/admin/library_portal/failedtask/"


def queued(**fields) -> DBTaskResult:
    result = send_mail_task.enqueue(key="k", subject="Knyga atkeliavo", body="—", to=["ona@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(**fields)
    return DBTaskResult.objects.get(pk=result.id)


def failed() -> DBTaskResult:
    return queued(
        status="FAILED",
        started_at=timezone.now() - dt.timedelta(minutes=30),
        finished_at=timezone.now() - dt.timedelta(minutes=29),
        worker_ids=["w1"],
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback=(
            'Traceback (most recent call last):\n  File "x"\n'
            "smtplib.SMTPServerDisconnected: Connection unexpectedly closed"
        ),
    )


def stuck(settings) -> DBTaskResult:
    return queued(status="RUNNING", started_at=timezone.now() - dt.timedelta(seconds=settings.TASK_RECLAIM_AFTER + 60))


@pytest.fixture
def staff_client(client):
    def log_in(user, language: str = "en"):
        """Logged in, with the back office in `language` (it follows the staff member's preference)."""
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client.login(email=user.email, password=PASSWORD)
        return client

    return log_in


def test_managers_see_failed_and_stuck_tasks_with_their_error_and_nothing_else(
    staff_client, manager, settings, django_assert_max_num_queries
):
    broken, hanging = failed(), stuck(settings)
    queued(status="SUCCESSFUL")
    queued(status="RUNNING", started_at=timezone.now())  # running normally
    queued()  # waiting
    for _ in range(20):
        failed()
    client = staff_client(manager)
    with django_assert_max_num_queries(12):  # does not grow with the rows
        response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    shown = {str(task.pk) for task in response.context["cl"].result_list}
    assert {str(broken.pk), str(hanging.pk)} <= shown
    assert len(shown) == 22
    page = response.content.decode()
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "its worker probably died" in page
    assert f'form="retry-{broken.pk}"' in page

    detail = client.get(f"{LIST}{broken.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert detail.status_code == 200
    assert "Traceback (most recent call last)" in detail.content.decode()
    assert "ona@example.org" in detail.content.decode()  # the arguments, to see which mail it was


def test_librarians_do_not_see_failed_tasks(staff_client, librarian):
    task = failed()
    client = staff_client(librarian)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{task.pk}/change/").status_code in (302, 403)
    assert client.post(f"{LIST}{task.pk}/retry/").status_code == 403
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"
    assert "failedtask" not in client.get("/admin/").content.decode()


def test_a_patron_cannot_reach_the_list(client, patron):
    client.login(email=patron.email, password=PASSWORD)
    assert client.get(LIST).status_code == 302  # to the admin login


def test_retry_puts_a_failed_task_back_in_the_queue_and_logs_who_did_it(staff_client, manager):
    task = failed()
    response = staff_client(manager).post(f"{LIST}{task.pk}/retry/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:library_portal_failedtask_changelist")
    assert "is queued again" in response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.finished_at) == ("READY", None)
    assert task.run_after <= timezone.now()
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()  # the worker picks it up
    assert LogEntry.objects.filter(object_id=str(task.pk), user=manager).exists()


def test_retry_of_a_stuck_task_and_the_bulk_action(staff_client, manager, settings):
    hanging, broken = stuck(settings), failed()
    response = staff_client(manager).post(
        LIST,
        {"action": "retry_selected", "_selected_action": [str(hanging.pk), str(broken.pk)]},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert response.status_code == 200
    assert set(DBTaskResult.objects.filter(pk__in=[hanging.pk, broken.pk]).values_list("status", flat=True)) == {
        "READY"
    }


def test_retry_of_a_task_that_finished_meanwhile_or_does_not_exist_says_so_and_changes_nothing(staff_client, manager):
    done = queued(status="SUCCESSFUL")
    client = staff_client(manager)
    response = client.post(f"{LIST}{done.pk}/retry/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "neither failed nor stuck" in response.content.decode()
    assert DBTaskResult.objects.get(pk=done.pk).status == "SUCCESSFUL"
    response = client.post(f"{LIST}not-a-task/retry/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert "There is no such task." in response.content.decode()
    assert client.get(f"{LIST}not-a-task/retry/").status_code == 403  # only a POST retries


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_list_speaks_the_staff_members_language(staff_client, manager, lang):
    failed()
    page = staff_client(manager, lang).get(LIST).content.decode()
    expected = {"lt": "Bandyti dar kartą", "en": "Retry", "bg": "Опитай отново", "fi": "Yritä uudelleen"}[lang]
    assert f">{expected}</button>" in page
