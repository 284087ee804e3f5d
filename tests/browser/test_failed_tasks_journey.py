"""A manager opens the failed and stuck background tasks in the back office, reads the error of one and
retries another with its button, in each of the four languages; axe on every page visited."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from library_portal.languages import LANGS
from library_portal.tasks import send_mail_task
from tests.browser.conftest import LOCALES, assert_accessible
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

RETRY = {"lt": "Bandyti dar kartą", "en": "Retry", "bg": "Опитай отново", "fi": "Yritä uudelleen"}


def failed_mail(subject: str) -> DBTaskResult:
    result = send_mail_task.enqueue(key=subject, subject=subject, body="—", to=["ona@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED",
        started_at=timezone.now() - dt.timedelta(minutes=10),
        finished_at=timezone.now() - dt.timedelta(minutes=9),
        worker_ids=["w1"],
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback="Traceback (most recent call last):\nsmtplib.SMTPRecipientsRefused: {'ona@example.org': (550, 'No')}",
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture
def task_manager(transactional_db):
    """A manager; the group gets its permissions again (a transactional test empties what data migrations filled)."""
    group, _created = Group.objects.get_or_create(name="Manager")
    group.permissions.add(*Permission.objects.filter(codename__in=["view_failedtask", "retry_failedtask"]))
    user = UserFactory(email="manager@example.org", is_staff=True, password=PASSWORD)
    user.groups.add(group)
    return user


def test_a_manager_reads_a_failed_task_and_retries_another_in_every_language(browser, live_server, task_manager):
    """One test for the four languages, so that the database is emptied once."""
    for lang in LANGS:
        _read_one_and_retry_another(browser, live_server.url, task_manager, lang)


def _read_one_and_retry_another(browser, base: str, task_manager, lang: str) -> None:
    """Each language has its own two failed tasks, found by their ids (the failed tasks of the languages before
    stay in the list), and its own browser: the log-in page follows the browser's language."""
    broken, other = failed_mail(f"Knyga atkeliavo ({lang})"), failed_mail(f"Priminimas ({lang})")
    task_manager.preferred_language = lang  # the back office speaks the staff member's own language
    task_manager.save(update_fields=["preferred_language"])
    context = browser.new_context(locale=LOCALES[lang])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/admin/login/?next=/admin/library_portal/failedtask/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    page.locator("#id_username").fill(task_manager.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()

    expect(page.locator("#result_list")).to_contain_text("SMTPRecipientsRefused")
    assert_accessible(page)
    page.locator(f"#result_list a[href*='{other.pk}']").first.click()
    expect(page.locator("pre").last).to_contain_text("Traceback (most recent call last)")
    assert_accessible(page)
    page.go_back()

    page.locator(f"button[form='retry-{broken.pk}']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert_accessible(page)
    broken.refresh_from_db()
    assert broken.status == "READY"
    assert DBTaskResult.objects.get(pk=other.pk).status == "FAILED"  # only the one clicked
    expect(page.locator(f"button[form='retry-{broken.pk}']")).to_have_count(0)  # no longer failed
    expect(page.locator(f"button[form='retry-{other.pk}']")).to_have_text(RETRY[lang])
    context.close()
