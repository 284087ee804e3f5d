"""Answering surveys: anonymity, one response per person, the show-if rule, bad input, pages without JavaScript."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from feedback.models import Answer, Invitation, Participation, Response, Survey
from feedback.surveys import AnswersInvalid, survey_response_record
from library_portal.errors import DomainError
from tests.factories import SurveyFactory, UserFactory
from tests.feedback.conftest import answers, build_survey


def test_an_anonymous_response_stores_no_user_no_ip_and_no_time(cast, patron):
    cast.survey.access = Survey.Access.PATRONS
    cast.survey.save()
    response = survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="fi", user=patron, ip="10.1.2.3"
    )
    response.refresh_from_db()
    assert response.user_id is None and response.ip_address is None and response.submitted_at is None
    assert response.submitted_on == timezone.localdate()
    assert response.language == "fi"
    # Only the fact that the patron took part is kept, apart from the answers.
    assert Participation.objects.get(survey=cast.survey).user == patron


def test_an_identified_response_keeps_the_patron_the_address_and_the_time(db):
    cast = build_survey(anonymity=Survey.Anonymity.IDENTIFIED, access=Survey.Access.PATRONS)
    user = UserFactory()
    response = survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt", user=user, ip="10.1.2.3"
    )
    assert (response.user, response.ip_address) == (user, "10.1.2.3")
    assert response.submitted_at is not None


def test_a_logged_in_patron_cannot_answer_twice(cast, patron):
    survey_response_record(survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt", user=patron)
    with pytest.raises(DomainError) as error:
        survey_response_record(
            survey=cast.survey, answers=answers(cast, scale=1, help="no"), language="lt", user=patron
        )
    assert error.value.code == "already_answered"
    assert Response.objects.filter(survey=cast.survey).count() == 1


def test_an_invitation_can_be_used_once_and_a_forged_token_is_refused(db):
    cast = build_survey(access=Survey.Access.INVITATION)
    invitation = Invitation.objects.create(survey=cast.survey, email="ona@example.org")
    survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt", token=invitation.token
    )
    with pytest.raises(DomainError) as again:
        survey_response_record(
            survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt", token=invitation.token
        )
    assert again.value.code == "already_answered"
    with pytest.raises(DomainError) as forged:
        survey_response_record(
            survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt", token="forged-token"
        )
    assert forged.value.code == "bad_token"
    with pytest.raises(DomainError) as missing:
        survey_response_record(survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt")
    assert missing.value.code == "bad_token"
    assert Response.objects.count() == 1


def test_a_patrons_only_survey_refuses_visitors(db):
    cast = build_survey(access=Survey.Access.PATRONS)
    with pytest.raises(DomainError) as error:
        survey_response_record(survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt")
    assert error.value.code == "login_required"


def test_the_follow_up_question_is_required_only_when_its_condition_holds(cast):
    with pytest.raises(AnswersInvalid) as error:
        survey_response_record(survey=cast.survey, answers=answers(cast, scale=4, help="yes"), language="lt")
    assert list(error.value.errors) == [cast.details.field_name]
    response = survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="no", details="ignored"), language="lt"
    )
    # An answer to a question the rule hides is dropped.
    assert not Answer.objects.filter(response=response, question=cast.details).exists()
    shown = survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="yes", details="Rasti knygą"), language="lt"
    )
    assert Answer.objects.get(response=shown, question=cast.details).text == "Rasti knygą"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"help": "no"}, "scale", "This question needs an answer."),
        ({"scale": 6, "help": "no"}, "scale", "Choose a whole number from 1 to 5."),
        ({"scale": "many", "help": "no"}, "scale", "Choose a whole number from 1 to 5."),
        ({"scale": 3, "help": "maybe"}, "help", "This choice does not belong to the question."),
        ({"scale": 3, "help": "no", "nps": 11}, "nps", "Choose a whole number from 0 to 10."),
        ({"scale": 3, "help": "no", "services": ["books", "cinema"]}, "services", "This choice does not belong"),
    ],
)
def test_bad_answers_are_refused_with_a_message_per_question(cast, values, field, message):
    with translation.override("en"), pytest.raises(AnswersInvalid) as error:
        survey_response_record(survey=cast.survey, answers=answers(cast, **values), language="en")
    assert message in error.value.errors[getattr(cast, field).field_name]
    assert Response.objects.count() == 0


def test_a_closed_survey_refuses_answers(cast):
    cast.survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cast.survey.opens_at = timezone.now() - dt.timedelta(days=2)
    cast.survey.save()
    with pytest.raises(DomainError) as error:
        survey_response_record(survey=cast.survey, answers=answers(cast, scale=4, help="no"), language="lt")
    assert error.value.code == "closed"


# The pages, without JavaScript ------------------------------------------------------------------------


def survey_url(cast) -> str:
    return reverse("feedback:survey", args=[cast.survey.slug])


def test_the_survey_is_answered_page_by_page_and_the_rule_shows_the_follow_up(client, cast):
    first = client.get(survey_url(cast))
    assert first.status_code == 200
    assert cast.scale.text in first.content.decode() and cast.details.text not in first.content.decode()
    second = client.post(survey_url(cast), {"page": "0", cast.scale.field_name: "4", cast.help.field_name: "yes"})
    body = second.content.decode()
    assert second.status_code == 200
    assert cast.details.text in body  # the rule holds: the follow-up is shown
    assert f'name="{cast.scale.field_name}" value="4"' in body  # earlier answers travel as hidden fields
    done = client.post(
        survey_url(cast),
        {
            "page": "1",
            cast.scale.field_name: "4",
            cast.help.field_name: "yes",
            cast.details.field_name: "Padėjo",
            cast.nps.field_name: "9",
        },
    )
    assert done.status_code == 302
    assert Response.objects.get().answers.count() == 4
    # The cookie stops a second public response from the same browser.
    again = client.get(survey_url(cast))
    assert "already answered" in again.content.decode() or "jau atsakėte" in again.content.decode()


def test_when_the_rule_does_not_hold_the_follow_up_is_not_asked(client, cast):
    page = client.post(survey_url(cast), {"page": "0", cast.scale.field_name: "2", cast.help.field_name: "no"})
    assert cast.details.text not in page.content.decode()
    assert cast.nps.text in page.content.decode()


def test_a_missing_required_answer_keeps_the_other_answers_and_says_what_is_wrong(client, cast):
    page = client.post("/en" + survey_url(cast)[3:], {"page": "0", cast.help.field_name: "no"})
    body = page.content.decode()
    assert page.status_code == 400
    assert "This question needs an answer." in body
    assert 'value="no" checked' in body


def test_a_value_outside_the_scale_sent_by_a_forged_form_is_refused_on_the_page(client, cast):
    page = client.post(
        "/en" + survey_url(cast)[3:],
        {"page": "1", cast.scale.field_name: "9", cast.help.field_name: "no", cast.nps.field_name: "8"},
    )
    assert page.status_code == 400
    assert "Choose a whole number from 1 to 5." in page.content.decode()
    assert Response.objects.count() == 0


def test_a_closed_or_unknown_survey_page_answers_without_an_error(client, cast):
    assert client.get(reverse("feedback:survey", args=["no-such-survey"])).status_code == 404
    cast.survey.opens_at = timezone.now() - dt.timedelta(days=3)
    cast.survey.closes_at = timezone.now() - dt.timedelta(days=1)
    cast.survey.save()
    page = client.post(survey_url(cast), {"page": "0", cast.scale.field_name: "4"})
    assert page.status_code == 410


def test_a_patrons_survey_sends_visitors_to_log_in_and_back(client, db):
    cast = build_survey(access=Survey.Access.PATRONS)
    page = client.get(survey_url(cast))
    assert page.status_code == 302
    assert page["Location"] == f"/lt/account/login/?next={survey_url(cast)}"


def test_a_forged_invitation_token_on_the_page_gives_a_translated_error_and_keeps_the_answers(client, db):
    cast = build_survey(access=Survey.Access.INVITATION)
    page = client.post(
        "/en" + survey_url(cast)[3:],
        {
            "page": "1",
            "token": "forged",
            cast.scale.field_name: "4",
            cast.help.field_name: "no",
            cast.nps.field_name: "7",
        },
    )
    body = page.content.decode()
    assert page.status_code == 400
    assert "This invitation link is not valid." in body
    assert 'value="7" checked' in body


def test_the_messages_are_translated(cast):
    with translation.override("fi"), pytest.raises(AnswersInvalid) as error:
        survey_response_record(survey=cast.survey, answers=answers(cast, scale=7, help="no"), language="fi")
    assert error.value.errors[cast.scale.field_name] == "Valitse kokonaisluku väliltä 1–5."


def test_an_invitation_survey_says_at_once_when_the_link_is_not_valid(client, db):
    cast = build_survey(access=Survey.Access.INVITATION)
    invitation = Invitation.objects.create(survey=cast.survey, email="ona@example.org")
    assert (
        "This invitation link is not valid." in client.get("/en" + survey_url(cast)[3:] + "?token=x").content.decode()
    )
    valid = client.get("/en" + survey_url(cast)[3:] + f"?token={invitation.token}").content.decode()
    assert "This invitation link is not valid." not in valid
    assert f'name="token" value="{invitation.token}"' in valid


def test_an_invitation_reaches_a_patron_in_the_language_of_their_account(patron):
    from django_tasks_db.models import DBTaskResult

    from feedback.surveys import survey_invitations_send

    patron.preferred_language = "en"
    patron.save()
    survey = SurveyFactory(title="Apklausa apie paslaugas", title_en="Survey of our services")
    invitations = [
        Invitation.objects.create(survey=survey, email=patron.email),
        Invitation.objects.create(survey=survey, email="svecias@example.org"),
    ]
    assert survey_invitations_send(survey=survey, invitations=invitations, site_url="https://biblioteka.lt") == 2
    mails = {row.args_kwargs["kwargs"]["to"][0]: row.args_kwargs["kwargs"] for row in DBTaskResult.objects.all()}
    assert "Survey of our services" in mails[patron.email]["subject"]
    assert "/en/" in mails[patron.email]["body"]
    assert "Apklausa apie paslaugas" in mails["svecias@example.org"]["subject"]
    assert "/lt/" in mails["svecias@example.org"]["body"]
