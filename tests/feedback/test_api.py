"""The API: send feedback, read a survey, answer it; every error has the portal's one JSON shape."""

import datetime as dt

from django.utils import timezone

from feedback.models import Feedback, Response
from tests.feedback.conftest import answers


def test_feedback_is_sent_over_the_api(client, db):
    reply = client.post(
        "/api/v1/feedback/?lang=en",
        {"topic": "collection", "message": "More audiobooks, please.", "consent": True},
        content_type="application/json",
    )
    assert reply.status_code == 201
    feedback = Feedback.objects.get()
    assert reply.json()["track_url"] == feedback.get_absolute_url()
    assert feedback.language == "en"


def test_bad_feedback_gets_field_errors(client, db):
    reply = client.post(
        "/api/v1/feedback/?lang=en",
        {"topic": "nonsense", "message": "", "consent": True, "wants_reply": True},
        content_type="application/json",
    )
    body = reply.json()["error"]
    assert reply.status_code == 400
    assert set(body["fields"]) == {"topic", "message"}
    no_email = client.post(
        "/api/v1/feedback/?lang=en",
        {"topic": "other", "message": "Hello", "consent": True, "wants_reply": True},
        content_type="application/json",
    )
    assert no_email.status_code == 400
    assert no_email.json()["error"]["fields"] == {"email": ["Enter an e-mail address to get a reply."]}


def test_the_survey_is_read_with_its_questions_and_rules(client, cast):
    reply = client.get(f"/api/v1/surveys/{cast.survey.slug}/?lang=en")
    body = reply.json()
    assert reply.status_code == 200 and body["is_open"] is True
    questions = [q for page in body["pages"] for q in page["questions"]]
    assert [q["field"] for q in questions] == [
        q.field_name for q in (cast.scale, cast.help, cast.details, cast.nps, cast.services)
    ]
    assert questions[0]["min"] == 1 and questions[0]["max"] == 5
    assert questions[2]["show_if"] == {"question": cast.help.pk, "value": "yes"}
    assert client.get("/api/v1/surveys/unknown/").status_code == 404


def test_a_response_is_recorded_over_the_api(client, cast):
    reply = client.post(
        f"/api/v1/surveys/{cast.survey.slug}/responses/",
        {"answers": answers(cast, scale=5, help="no", nps=10, services=["books"])},
        content_type="application/json",
    )
    assert reply.status_code == 201
    assert Response.objects.get().answers.count() == 4


def test_bad_answers_over_the_api_list_every_field_in_the_language_asked(client, cast):
    reply = client.post(
        f"/api/v1/surveys/{cast.survey.slug}/responses/?lang=en",
        {"answers": answers(cast, scale=9, help="maybe")},
        content_type="application/json",
    )
    body = reply.json()["error"]
    assert reply.status_code == 400
    assert body["fields"] == {
        cast.scale.field_name: ["Choose a whole number from 1 to 5."],
        cast.help.field_name: ["This choice does not belong to the question."],
    }
    assert Response.objects.count() == 0


def test_a_closed_or_unknown_survey_refuses_responses_over_the_api(client, cast):
    assert client.post("/api/v1/surveys/unknown/responses/", {}, content_type="application/json").status_code == 404
    cast.survey.opens_at = timezone.now() - dt.timedelta(days=3)
    cast.survey.closes_at = timezone.now() - dt.timedelta(days=1)
    cast.survey.save()
    reply = client.post(
        f"/api/v1/surveys/{cast.survey.slug}/responses/?lang=en",
        {"answers": answers(cast, scale=3, help="no")},
        content_type="application/json",
    )
    assert reply.status_code == 409
    assert reply.json()["error"]["code"] == "closed"


def test_a_malformed_body_is_a_400_not_a_500(client, cast):
    reply = client.post(
        f"/api/v1/surveys/{cast.survey.slug}/responses/", {"answers": "nope"}, content_type="application/json"
    )
    assert reply.status_code == 400
    assert "answers" in reply.json()["error"]["fields"]
