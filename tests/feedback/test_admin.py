"""The back-office pages of feedback and surveys open for the staff who use them."""

import datetime as dt

from django.urls import reverse

from feedback.models import Response
from tests.factories import FeedbackFactory


def test_the_admin_pages_of_feedback_and_surveys_open(client, manager, cast):
    feedback = FeedbackFactory()
    response = Response.objects.create(survey=cast.survey)
    client.force_login(manager)
    number = f"#{feedback.pk}"
    # Each page with something it can only show if it works: the row, the object or the form it is about.
    for url, shown in (
        (reverse("admin:feedback_feedback_changelist"), reverse("admin:feedback_feedback_change", args=[feedback.pk])),
        (reverse("admin:feedback_feedback_add"), 'name="message"'),
        (reverse("admin:feedback_feedback_change", args=[feedback.pk]), feedback.message),
        (reverse("admin:feedback_feedback_status", args=[feedback.pk]), number),
        (reverse("admin:feedback_feedback_note", args=[feedback.pk]), number),
        (reverse("admin:feedback_feedback_publish", args=[feedback.pk]), 'name="summary_lt"'),
        (reverse("admin:feedback_survey_changelist"), cast.survey.title),
        (reverse("admin:feedback_survey_add"), 'name="slug"'),
        (reverse("admin:feedback_survey_change", args=[cast.survey.pk]), cast.scale.text),
        (reverse("admin:feedback_survey_publish", args=[cast.survey.pk]), 'name="summary_lt"'),
        (reverse("admin:feedback_question_change", args=[cast.help.pk]), cast.help.text),
        (reverse("admin:feedback_replytemplate_add"), 'name="body_lt"'),
        (reverse("admin:feedback_response_changelist"), reverse("admin:feedback_response_change", args=[response.pk])),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert shown in page.content.decode(), url


def test_a_manager_publishes_the_results_and_a_librarian_may_not(client, manager, librarian, cast):
    url = reverse("admin:feedback_survey_publish", args=[cast.survey.pk])
    client.force_login(librarian)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    page = client.post(url, {"summary_lt": ""})
    assert page.status_code == 200
    assert client.post(url, {"summary_lt": "Santrauka", "summary_en": "Summary"}).status_code == 302
    cast.survey.refresh_from_db()
    assert cast.survey.results_published and cast.survey.results_summary_en == "Summary"


def test_a_note_and_a_status_change_are_written_to_the_history(client, librarian):
    feedback = FeedbackFactory()
    client.force_login(librarian)
    client.post(reverse("admin:feedback_feedback_note", args=[feedback.pk]), {"body": "Paskambinti rytoj"})
    client.post(reverse("admin:feedback_feedback_status", args=[feedback.pk]), {"status": "in_progress"})
    page = client.post(reverse("admin:feedback_feedback_status", args=[feedback.pk]), {"status": "new"})
    assert page.status_code == 200  # in progress → new is not allowed: the form says so
    assert list(feedback.events.values_list("action", "actor")) == [("note", librarian.pk), ("status", librarian.pk)]
    assert feedback.notes.get().body == "Paskambinti rytoj"


def test_the_reply_template_is_filled_in_the_authors_language_not_the_librarians(client, librarian):
    from feedback.models import ReplyTemplate

    template = ReplyTemplate.objects.create(
        title_lt="Padėka",
        body_lt="dėkojame, {name}.",
        body_en="thank you.",
        body_bg="благодарим ви.",
        body_fi="kiitos.",
    )
    feedback = FeedbackFactory(language="bg", name="Мария")
    client.force_login(librarian)  # reads the back office in Lithuanian
    page = client.post(
        reverse("admin:feedback_feedback_reply", args=[feedback.pk]),
        {"template": template.pk, "body": "", "use_template": "1"},
    )
    assert page.status_code == 200
    assert "Здравейте, Мария,\n\nблагодарим ви.</textarea>" in page.content.decode()


def test_a_lithuanian_reply_greets_without_the_name_which_would_need_the_vocative(client, librarian):
    from feedback.models import ReplyTemplate

    template = ReplyTemplate.objects.create(title_lt="Padėka", body_lt="dėkojame už atsiliepimą.")
    feedback = FeedbackFactory(language="lt", name="Petras")
    client.force_login(librarian)
    page = client.post(
        reverse("admin:feedback_feedback_reply", args=[feedback.pk]),
        {"template": template.pk, "body": "", "use_template": "1"},
    )
    assert "Sveiki,\n\ndėkojame už atsiliepimą.</textarea>" in page.content.decode()
    assert "Petras" not in page.context["form"]["body"].value()


def test_a_template_without_the_authors_language_is_refused_not_filled_in_lithuanian(client, librarian):
    from feedback.models import ReplyTemplate

    template = ReplyTemplate.objects.create(title_lt="Padėka", body_lt="dėkojame už atsiliepimą.")
    feedback = FeedbackFactory(language="bg", name="Мария")
    client.force_login(librarian)
    page = client.post(
        reverse("admin:feedback_feedback_reply", args=[feedback.pk]),
        {"template": template.pk, "body": "Здравейте", "use_template": "1"},
    )
    html = page.content.decode()
    assert "dėkojame" not in html
    assert "Šablonas neturi teksto autoriaus kalba (Bulgarų)" in html
    assert "Здравейте</textarea>" in html


def test_a_manager_sees_what_anonymisation_would_remove_then_confirms_and_a_librarian_may_not(
    client, manager, librarian, settings
):
    from django.utils import timezone

    from feedback.models import Feedback, FeedbackStatus

    settings.FEEDBACK_RETENTION_DAYS = 30
    old = FeedbackFactory(status=FeedbackStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=40))
    recent = FeedbackFactory(status=FeedbackStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=3))
    url = reverse("admin:feedback_feedback_anonymize")
    client.force_login(librarian)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(manager)
    listing = client.get(reverse("admin:feedback_feedback_changelist")).content.decode()
    assert url in listing
    page = client.get(url)
    assert [item.pk for item in page.context["due"]] == [old.pk]
    assert "Dar nevykdyta." in page.content.decode()
    assert Feedback.objects.get(pk=old.pk).email == "ona@example.org"  # the dry run changed nothing
    assert client.post(url).status_code == 302
    assert Feedback.objects.get(pk=old.pk).email == ""
    assert Feedback.objects.get(pk=recent.pk).email == "ona@example.org"
    assert client.get(url).context["last_run"] is not None
