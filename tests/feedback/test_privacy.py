"""Personal data is kept only as long as needed: anonymisation, the daily task, and a patron's own data."""

import datetime as dt
import shutil
import subprocess

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from feedback.models import Feedback, FeedbackReply, FeedbackStatus, Invitation, Participation, Response, Survey
from feedback.services import (
    feedback_anonymize,
    feedback_note_add,
    feedback_reply,
    feedback_status_change,
    feedback_submit,
)
from feedback.surveys import survey_response_record
from feedback.tasks import TASK_PATH, anonymize_schedule
from tests.factories import FeedbackFactory, UserFactory
from tests.feedback.conftest import answers, build_survey
from tests.library_portal.test_tasks import run_worker


def closed_feedback(days_ago: int, **fields) -> Feedback:
    feedback = FeedbackFactory(status=FeedbackStatus.CLOSED, wants_reply=True, **fields)
    Feedback.objects.filter(pk=feedback.pk).update(closed_at=timezone.now() - dt.timedelta(days=days_ago))
    FeedbackReply.objects.create(feedback=feedback, body="Ačiū", sent_to=feedback.email)
    return feedback


def test_anonymisation_removes_contacts_and_keeps_the_content(patron):
    old = closed_feedback(40, user=patron, message="Trūksta kėdžių.", topic="premises")
    recent = closed_feedback(10)
    open_one = FeedbackFactory()
    counts = feedback_anonymize(older_than_days=30)
    assert counts["feedback"] == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.user, old.wants_reply) == ("", "", None, False)
    assert (old.message, old.topic, old.status) == ("Trūksta kėdžių.", "premises", FeedbackStatus.CLOSED)
    assert old.anonymized_at is not None
    assert old.replies.get().sent_to == "" and old.replies.get().body == "Ačiū"
    assert old.events.filter(action="anonymized").count() == 1
    for kept in (recent, open_one):
        kept.refresh_from_db()
        assert kept.email == "ona@example.org"


def test_the_dry_run_changes_nothing_and_reports_what_would(capsys, db):
    feedback = closed_feedback(400)
    call_command("anonymize_feedback", "--days", "365", "--dry-run")
    assert "Would remove the contact details of 1 feedback" in capsys.readouterr().out
    feedback.refresh_from_db()
    assert feedback.email == "ona@example.org"
    call_command("anonymize_feedback", "--days", "365")
    feedback.refresh_from_db()
    assert feedback.email == ""


def test_invitation_addresses_are_deleted_once_the_survey_closes(db):
    cast = build_survey(access=Survey.Access.INVITATION)
    invitation = Invitation.objects.create(survey=cast.survey, email="ona@example.org")
    assert feedback_anonymize(older_than_days=30)["invitations"] == 0
    Survey.objects.filter(pk=cast.survey.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    assert feedback_anonymize(older_than_days=30)["invitations"] == 1
    invitation.refresh_from_db()
    assert invitation.email == "" and invitation.token


def test_the_daily_task_anonymises_and_schedules_its_next_run(transactional_db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    feedback = closed_feedback(31)
    assert anonymize_schedule() is True
    assert anonymize_schedule() is False  # already waiting
    run_worker()
    feedback.refresh_from_db()
    assert feedback.email == ""
    waiting = DBTaskResult.objects.get(task_path=TASK_PATH, status="READY")
    assert waiting.run_after > timezone.now() + dt.timedelta(hours=23)
    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status="SUCCESSFUL").count() == 1


def test_a_patron_sees_and_deletes_their_own_feedback_and_participation(client, patron, patron2):
    mine = FeedbackFactory(user=patron, message="Mano atsiliepimas")
    theirs = FeedbackFactory(user=patron2, message="Kito skaitytojo atsiliepimas")
    cast = build_survey(anonymity=Survey.Anonymity.IDENTIFIED)
    survey_response_record(survey=cast.survey, answers=answers(cast, scale=5, help="no"), language="lt", user=patron)
    client.force_login(patron)
    page = client.get(reverse("feedback:mine"))
    body = page.content.decode()
    assert "Mano atsiliepimas" in body and "Kito skaitytojo" not in body
    assert cast.survey.title in body
    assert reverse("feedback:mine") in client.get(reverse("account_profile")).content.decode()
    # Someone else's feedback cannot be deleted.
    assert client.post(reverse("feedback:mine_feedback_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("feedback:mine_feedback_delete", args=[mine.pk])).status_code == 302
    assert not Feedback.objects.filter(pk=mine.pk).exists() and Feedback.objects.filter(pk=theirs.pk).exists()
    participation = Participation.objects.get(user=patron)
    assert client.post(reverse("feedback:mine_participation_delete", args=[participation.pk])).status_code == 302
    assert not Participation.objects.exists() and not Response.objects.exists()


def test_my_data_needs_a_login(client, db):
    assert client.get(reverse("feedback:mine")).status_code == 302


# --- Nothing of the author is left anywhere -------------------------------------------------------

AUTHOR = "Eglė Žvirblytė"
ADDRESS = "egle.zvirblyte.anonimizuoti@example.org"


def _dump() -> str:
    """Every table of the test database as plain text, as pg_dump writes it."""
    database = connection.settings_dict
    pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
    result = subprocess.run(
        [
            pg_dump,
            "--data-only",
            "-h",
            database["HOST"],
            "-p",
            str(database["PORT"]),
            "-U",
            database["USER"],
            database["NAME"],
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout.decode()


def test_after_anonymisation_the_authors_address_and_name_are_in_no_table(transactional_db, settings):
    # A member of staff without the group (a transactional test empties the groups the migrations made).
    librarian = UserFactory(email="darbuotoja@example.org", is_staff=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    feedback = feedback_submit(
        topic="services",
        message=f"Rašau dėl skaityklos. Mano adresas {ADDRESS}, parašykite.",
        language="lt",
        consent=True,
        name=AUTHOR,
        email=ADDRESS,
        wants_reply=True,
        site_url="http://biblioteka.example.lt",
    )
    feedback_reply(
        feedback=feedback, body=f"Sveiki, {AUTHOR},\n\načiū.", user=librarian, site_url="http://biblioteka.example.lt"
    )
    feedback_note_add(feedback=feedback, body=f"Skambino Eglė, prašė rašyti į {ADDRESS}", user=librarian)
    run_worker()  # the two mails are sent: finished tasks now
    feedback_reply(feedback=feedback, body=f"Dar kartą, {AUTHOR}.", user=librarian)  # this one stays queued
    feedback_status_change(feedback=feedback, to_status=FeedbackStatus.CLOSED, user=librarian)
    Feedback.objects.filter(pk=feedback.pk).update(closed_at=timezone.now() - dt.timedelta(days=400))
    unrelated = mail_to(ADDRESS, "Renginio priminimas")  # a reminder of an event: not about this feedback
    before = _dump()
    assert ADDRESS in before and AUTHOR in before
    assert DBTaskResult.objects.filter(status="SUCCESSFUL", args_kwargs__kwargs__to=[ADDRESS]).count() == 2

    call_command("anonymize_feedback", "--days", "365")

    # The reminder is about an event, not the feedback: it stays (and is set aside for the search below).
    DBTaskResult.objects.get(pk=unrelated).delete()
    after = _dump()
    assert ADDRESS not in after
    assert AUTHOR not in after and "Žvirblytė" not in after and "Eglė" not in after
    feedback.refresh_from_db()
    assert feedback.message == "Rašau dėl skaityklos. Mano adresas […], parašykite."
    assert [reply.body for reply in feedback.replies.all()] == ["Sveiki, […],\n\načiū.", "Dar kartą, […]."]
    assert feedback.notes.get().body == "Skambino […], prašė rašyti į […]"


def mail_to(address: str, subject: str) -> str:
    from library_portal.tasks import send_mail_task

    return str(send_mail_task.enqueue(subject=subject, body="Rytoj 10 val.", to=[address]).id)


def test_the_dry_run_counts_the_mails_it_would_remove_and_keeps_them(db, librarian):
    feedback = FeedbackFactory(status=FeedbackStatus.CLOSED, email=ADDRESS, name=AUTHOR, wants_reply=True)
    feedback_reply(feedback=FeedbackFactory(email=ADDRESS), body="Kitas atsiliepimas", user=librarian)
    Feedback.objects.filter(pk=feedback.pk).update(
        status=FeedbackStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=400)
    )
    from library_portal.tasks import mail_after_commit

    mail_after_commit(subject="Atsakymas", body=f"Jūsų nuoroda: /lt/feedback/track/{feedback.token}/", to=[ADDRESS])
    assert feedback_anonymize(older_than_days=365, dry_run=True)["mails"] == 1
    assert DBTaskResult.objects.count() == 2
    assert feedback_anonymize(older_than_days=365)["mails"] == 1
    # The reply to the author's other, still open feedback stays queued, though it quotes the same words.
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["body"].startswith("Kitas atsiliepimas")
