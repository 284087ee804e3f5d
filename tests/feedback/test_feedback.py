"""Feedback: the public form with its spam protection, the states, private replies and published answers."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from feedback.models import Channel, Feedback, FeedbackEvent, FeedbackStatus
from feedback.services import (
    feedback_answer_publish,
    feedback_reply,
    feedback_status_change,
    feedback_submit,
)
from library_portal.errors import DomainError
from tests.factories import BranchFactory, FeedbackFactory, UserFactory
from tests.library_portal.test_tasks import run_worker

FORM = {
    "topic": "premises",
    "message": "Šoniniame įėjime slidu.",
    "name": "",
    "email": "",
    "consent": "on",
}


def texts(value: str) -> dict[str, str]:
    return {"lt": value}


def test_anonymous_feedback_is_stored_with_a_private_link(client, db):
    page = client.post(reverse("feedback:form"), FORM)
    feedback = Feedback.objects.get()
    assert page.status_code == 200
    assert feedback.get_absolute_url() in page.content.decode()
    assert (feedback.email, feedback.name, feedback.user, feedback.channel) == ("", "", None, Channel.WEB)
    assert feedback.events.get().action == FeedbackEvent.Action.SUBMITTED
    tracked = client.get(feedback.get_absolute_url())
    assert tracked.status_code == 200
    assert FORM["message"] in tracked.content.decode()


def test_the_honeypot_stores_nothing(client, db):
    page = client.post(reverse("feedback:form"), {**FORM, "website": "http://spam.example"})
    assert page.status_code == 200
    assert Feedback.objects.count() == 0


def test_asking_for_a_reply_without_an_address_is_refused_in_the_visitors_language(client, db):
    page = client.post("/fi/feedback/", {**FORM, "wants_reply": "on"})
    assert page.status_code == 200
    assert Feedback.objects.count() == 0
    assert "Šoniniame įėjime slidu." in page.content.decode()
    assert 'class="error"' in page.content.decode()


def test_consent_is_required_on_the_web(client, db):
    page = client.post("/en/feedback/", {**FORM, "consent": ""})
    assert "Agree to the processing" in page.content.decode()
    with pytest.raises(DomainError):
        feedback_submit(topic="other", message="x", language="lt", consent=False)


def test_staff_enter_oral_feedback_without_the_web_consent(librarian):
    feedback = feedback_submit(
        topic="staff",
        message="Padėkojo bibliotekininkei.",
        language="lt",
        consent=False,
        channel=Channel.PHONE,
        entered_by=librarian,
    )
    assert feedback.channel == Channel.PHONE and feedback.entered_by == librarian
    assert feedback.events.get().actor == librarian


def test_a_confirmation_with_the_private_link_is_mailed_after_commit(
    transactional_db, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/bg/feedback/", {**FORM, "email": "ivan@example.org"})
    assert mail.outbox == []
    run_worker()
    feedback = Feedback.objects.get()
    assert mail.outbox[0].to == ["ivan@example.org"]
    assert feedback.token in mail.outbox[0].body
    assert mail.outbox[0].subject == "Получихме обратната ви връзка"


def test_a_reply_is_mailed_to_the_author_in_their_language_and_answers_the_feedback(
    transactional_db, django_capture_on_commit_callbacks
):
    # The worker needs a transactional database, where the staff groups of the data migrations are gone.
    librarian = UserFactory(is_staff=True)
    feedback = FeedbackFactory(language="fi", email="aino@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        feedback_reply(feedback=feedback, body="Kiitos palautteesta!", user=librarian)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED and feedback.answered_at is not None
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert mail.outbox[0].to == ["aino@example.org"]
    assert mail.outbox[0].subject == "Vastaus palautteeseesi"
    assert "Kiitos palautteesta!" in mail.outbox[0].body
    assert list(feedback.events.values_list("action", "actor")) == [("replied", librarian.pk)]


def test_feedback_without_an_address_cannot_get_an_e_mail_reply(librarian):
    feedback = FeedbackFactory(email="")
    with pytest.raises(DomainError) as error:
        feedback_reply(feedback=feedback, body="Ačiū", user=librarian)
    assert error.value.code == "no_email"


def test_allowed_and_forbidden_moves(librarian):
    feedback = FeedbackFactory()
    feedback = feedback_status_change(feedback=feedback, to_status=FeedbackStatus.IN_PROGRESS, user=librarian)
    feedback = feedback_status_change(feedback=feedback, to_status=FeedbackStatus.CLOSED, user=librarian)
    assert feedback.closed_at is not None
    with pytest.raises(DomainError) as error:
        feedback_status_change(feedback=feedback, to_status=FeedbackStatus.ANSWERED, user=librarian)
    assert error.value.code == "illegal_move"
    reopened = feedback_status_change(feedback=feedback, to_status=FeedbackStatus.IN_PROGRESS, user=librarian)
    assert reopened.closed_at is None
    history = list(reopened.events.values_list("from_status", "to_status"))
    assert history == [("new", "in_progress"), ("in_progress", "closed"), ("closed", "in_progress")]


def test_an_answer_is_published_only_after_the_feedback_is_answered(librarian):
    feedback = FeedbackFactory()
    with pytest.raises(DomainError) as error:
        feedback_answer_publish(
            feedback=feedback, summary=texts("Skundas dėl šalčio"), answer=texts("Sutvarkėme šildymą"), user=librarian
        )
    assert error.value.code == "not_answered"
    feedback_status_change(feedback=feedback, to_status=FeedbackStatus.ANSWERED, user=librarian)
    with pytest.raises(DomainError):
        feedback_answer_publish(feedback=feedback, summary=texts(""), answer=texts("x"), user=librarian)
    published = feedback_answer_publish(
        feedback=feedback, summary=texts("Skundas dėl šalčio"), answer=texts("Sutvarkėme šildymą"), user=librarian
    )
    assert published.is_published and published.published_by == librarian


def test_the_answered_page_shows_published_answers_without_personal_data_and_monthly_figures(
    client, librarian, time_machine
):
    # Received on the 17th, answered on the 19th, looked at on the 20th: all in one month, whatever
    # day the suite runs on (the monthly figures group by the library's calendar month).
    time_machine.move_to(dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC))
    branch = BranchFactory()
    feedback = FeedbackFactory(name="Ona Slaptoji", email="ona@example.org", branch=branch, topic="premises")
    feedback_status_change(feedback=feedback, to_status=FeedbackStatus.ANSWERED, user=librarian)
    Feedback.objects.filter(pk=feedback.pk).update(
        created_at=dt.datetime(2026, 11, 17, 12, 0, tzinfo=dt.UTC),
        answered_at=dt.datetime(2026, 11, 19, 12, 0, tzinfo=dt.UTC),
    )
    FeedbackFactory()  # not answered, not published
    feedback_answer_publish(
        feedback=feedback,
        summary={"lt": "Per šalta skaitykloje", "en": "Too cold in the reading room"},
        answer={"lt": "Sutvarkėme šildymą", "en": "We fixed the heating"},
        user=librarian,
    )
    page = client.get("/en/feedback/answered/")
    body = page.content.decode()
    assert "Too cold in the reading room" in body and "We fixed the heating" in body
    assert "Ona Slaptoji" not in body and "ona@example.org" not in body and feedback.message not in body
    month = page.context["months"][0]
    assert (month["received"], month["answered"], month["days"]) == (2, 1, 2.0)
    assert "Per šalta skaitykloje" in client.get("/lt/feedback/answered/?topic=premises").content.decode()
    assert "Per šalta" not in client.get("/lt/feedback/answered/?topic=events").content.decode()


def test_the_private_link_shows_the_replies_and_an_unknown_link_is_not_found(client, librarian):
    feedback = FeedbackFactory()
    feedback_reply(feedback=feedback, body="Ačiū, sutvarkysime.", user=librarian)
    assert "Ačiū, sutvarkysime." in client.get(feedback.get_absolute_url()).content.decode()
    assert client.get(reverse("feedback:track", args=["forged"])).status_code == 404


def test_the_survey_report_and_exports_need_permission(client, patron, librarian, cast):
    url = reverse("feedback:report", args=[cast.survey.slug])
    assert client.get(url).status_code == 403
    client.force_login(patron)
    assert client.get(url).status_code == 403
    assert client.get(reverse("feedback:export_csv", args=[cast.survey.slug])).status_code == 403
    client.force_login(librarian)
    report = client.get(url)
    assert report.status_code == 200
    assert cast.survey.title in report.content.decode()


def test_unpublished_results_are_not_public(client, patron, cast):
    url = reverse("feedback:results", args=[cast.survey.slug])
    assert client.get(url).status_code == 404
    cast.survey.results_published_at = timezone.now()
    cast.survey.save()
    results = client.get(url)
    assert results.status_code == 200
    assert cast.survey.title in results.content.decode()


def test_a_librarian_replies_and_publishes_through_the_admin(client, librarian):
    feedback = FeedbackFactory()
    client.force_login(librarian)
    reply_url = reverse("admin:feedback_feedback_reply", args=[feedback.pk])
    assert client.get(reply_url).status_code == 200
    page = client.post(reply_url, {"body": ""})
    assert page.status_code == 200 and Feedback.objects.get().status == FeedbackStatus.NEW
    assert client.post(reply_url, {"body": "Ačiū!"}).status_code == 302
    publish_url = reverse("admin:feedback_feedback_publish", args=[feedback.pk])
    response = client.post(
        publish_url, {"summary_lt": "Santrauka", "answer_lt": "Atsakymas", "summary_en": "", "answer_en": ""}
    )
    assert response.status_code == 302
    assert Feedback.objects.get().is_published


def test_a_patron_cannot_use_the_staff_views(client, patron):
    feedback = FeedbackFactory()
    client.force_login(patron)
    assert client.get(reverse("admin:feedback_feedback_reply", args=[feedback.pk])).status_code == 302


def test_staff_enter_feedback_given_by_phone_in_the_admin(client, librarian):
    client.force_login(librarian)
    page = client.post(
        reverse("admin:feedback_feedback_add"),
        {"channel": "phone", "topic": "staff", "message": "Skambino padėkoti.", "language": "lt"},
    )
    assert page.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.entered_by) == ("phone", librarian)
