"""Writes with rules for surveys: cleaning the answers, recording a response, a patron deleting their
participation, publishing the results and sending the invitations.

The removal of the invitation addresses of closed surveys (`survey_invitations_purge`) stays in
`feedback.services`, beside the removal of feedback's personal data that runs it and the mail tasks it shares.
"""

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import (
    Answer,
    Invitation,
    Participation,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from feedback.selectors import answered_surveys_key, responses_counter_key
from library_portal.caching import Namespace, bump, count_up, forget, now_and_on_commit
from library_portal.control_characters import MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, has_control_character
from library_portal.errors import DomainError
from library_portal.languages import LANGS
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from services.models import Branch

logger = logging.getLogger(__name__)

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


class AnswersInvalid(DomainError):
    """Some answers are missing or not valid; `errors` maps each field (q<id>) to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(gettext_lazy("Some answers are missing or not valid."), code="invalid_answers")
        self.errors = errors


def _as_list(raw: Any) -> list:
    if raw is None or raw == "":
        return []
    if isinstance(raw, list | tuple):
        return [item for item in raw if item not in (None, "")]
    return [raw]


def _matches(answer: Any, expected: str) -> bool:
    """The show-if test: does a cleaned answer equal (or, for several choices, contain) the value?"""
    if isinstance(answer, list):
        return expected in answer
    return answer is not None and str(answer) == expected


def question_visible(question: Question, cleaned: dict[int, Any], by_id: dict[int, Question]) -> bool:
    """Whether a question is shown, given the answers so far (a hidden question's rule hides its dependants)."""
    seen = set()
    while question.show_if_question_id is not None and question.pk not in seen:
        seen.add(question.pk)
        parent = by_id.get(question.show_if_question_id)
        if parent is None or not _matches(cleaned.get(parent.pk), question.show_if_value):
            return False
        question = parent
    return True


def _clean_one(question: Question, raw: Any) -> tuple[Any, str | None]:  # noqa: C901 - one branch per kind of survey question, each with its own rule
    """One raw answer (from a form or JSON) → (clean value or None, error message or None)."""
    values = _as_list(raw)
    if not values:
        return None, None
    if question.is_numeric:
        if len(values) != 1:
            return None, _("Choose one value.")
        try:
            number = int(str(values[0]).strip())
        except ValueError:
            number = None
        low, high = question.value_range[0], question.value_range[-1]
        if number is None or not low <= number <= high:
            return None, _("Choose a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
        return number, None
    if question.is_choice:
        codes = {choice.code for choice in question.choices.all()}
        picked = [str(value) for value in values]
        if question.kind == QuestionKind.SINGLE and len(picked) != 1:
            return None, _("Choose one answer.")
        if any(code not in codes for code in picked):
            return None, _("This choice does not belong to the question.")
        return (picked[0] if question.kind == QuestionKind.SINGLE else sorted(set(picked))), None
    text = str(values[0]).strip()
    single_line = question.kind == QuestionKind.SHORT_TEXT
    limit = SHORT_TEXT_MAX if single_line else LONG_TEXT_MAX
    # The same rule as every form's text fields: a long answer may have line breaks, a short one not.
    if has_control_character(text, multiline=not single_line):
        return None, str(SINGLE_LINE_MESSAGE if single_line else MULTI_LINE_MESSAGE)
    if len(text) > limit:
        return None, _("Write at most %(limit)d characters.") % {"limit": limit}
    return text or None, None


def survey_answers_clean(
    *, questions: Iterable[Question], raw: dict[str, Any], only: set[int] | None = None
) -> tuple[dict[int, Any], dict[str, str]]:
    """Clean the raw answers keyed by field name (q<id>) in question order, applying the show-if rules.

    Returns (answers by question id, errors by field name). Answers to hidden questions are dropped;
    `only` limits the required check to some questions (the page being answered).
    """
    questions = list(questions)
    by_id = {question.pk: question for question in questions}
    cleaned: dict[int, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value, error = _clean_one(question, raw.get(question.field_name))
        visible = question_visible(question, cleaned, by_id)
        if not visible:
            continue
        if error:
            errors[question.field_name] = error
        elif value is not None:
            cleaned[question.pk] = value
        elif question.required and (only is None or question.pk in only):
            errors[question.field_name] = _("This question needs an answer.")
    return cleaned, errors


def survey_response_record(  # noqa: C901 - the refusals the survey's rules ask for, in order, before one transaction
    *,
    survey: Survey,
    answers: dict[str, Any],
    language: str,
    user: User | None = None,
    token: str = "",
    branch: Branch | None = None,
    ip: str | None = None,
    questions: list[Question] | None = None,
) -> Response:
    """Record one response to `survey`: `answers` maps field names (q<id>) to raw values.

    An anonymous survey stores no user, no IP address and only the date. One response per
    patron (logged-in access) or per invitation is held by unique constraints on Participation.
    Raises DomainError when the survey is not open, the visitor may not answer (login needed, bad
    invitation), has already answered, or AnswersInvalid with every bad or missing answer.
    """
    now = timezone.now()
    if not survey.is_open(now):
        raise DomainError(gettext_lazy("This survey is closed."), code="closed", status=409)
    if user is not None and not user.is_authenticated:
        user = None
    if survey.access == Survey.Access.PATRONS and user is None:
        raise DomainError(gettext_lazy("Log in to answer this survey."), code="login_required", status=403)
    if survey.access == Survey.Access.INVITATION and not token:
        raise DomainError(
            gettext_lazy("This survey is by invitation: open the link from your invitation."),
            code="bad_token",
            status=403,
        )
    if questions is None:
        questions = list(survey.questions.select_related("page").prefetch_related("choices"))
    cleaned, errors = survey_answers_clean(questions=questions, raw=answers)
    if errors:
        raise AnswersInvalid(errors)
    if not cleaned:
        raise DomainError(gettext_lazy("Answer at least one question."), code="empty")
    anonymous = survey.is_anonymous
    try:
        # The participation, the response and its answers commit together or not at all.
        with transaction.atomic():
            invitation = None
            if survey.access == Survey.Access.INVITATION:
                invitation = Invitation.objects.select_for_update().filter(survey=survey, token=token).first()
                if invitation is None:
                    raise DomainError(gettext_lazy("This invitation link is not valid."), code="bad_token", status=403)
            if invitation is not None or user is not None:
                # The unique constraints refuse a second participation even when two requests race.
                Participation.objects.create(survey=survey, user=user, invitation=invitation)
            if user is not None:  # the home page no longer invites them to this survey
                forget(answered_surveys_key(user.pk))
            response = Response.objects.create(
                survey=survey,
                anonymous=anonymous,
                user=None if anonymous else user,
                ip_address=None if anonymous else ip,
                submitted_on=timezone.localdate(now),
                submitted_at=None if anonymous else now,
                branch=branch if survey.asks_branch else None,
                language=language if language in LANGS else settings.LANGUAGE_CODE,
            )
            Answer.objects.bulk_create(_answers(response, questions, cleaned))
            _responses_changed(survey.pk)
    except IntegrityError:
        raise DomainError(
            gettext_lazy("You have already answered this survey. Thank you!"), code="already_answered", status=409
        ) from None
    return response


def _answers(response: Response, questions: list[Question], cleaned: dict[int, Any]) -> list[Answer]:
    """The response's answers, unsaved; one per chosen option of a multiple-choice question."""
    answers = []
    for question in questions:
        if question.pk not in cleaned:
            continue
        value = cleaned[question.pk]
        if question.is_numeric:
            answers.append(Answer(response=response, question=question, value=value))
        elif question.is_choice:
            choices = {choice.code: choice.pk for choice in question.choices.all()}
            answers.extend(
                Answer(response=response, question=question, choice_id=choices[code])
                for code in (value if isinstance(value, list) else [value])
            )
        else:
            answers.append(Answer(response=response, question=question, text=value))
    return answers


def survey_already_answered(*, survey: Survey, user: User | None, token: str = "") -> bool:
    if user is not None and user.is_authenticated and Participation.objects.filter(survey=survey, user=user).exists():
        return True
    return bool(token) and Participation.objects.filter(survey=survey, invitation__token=token).exists()


def survey_participation_delete(*, participation: Participation, user: User) -> None:
    """A patron deletes the record that they took part and, in an identified survey, their answers.

    Answers to an anonymous survey were never linked to the patron and cannot be found again.
    """
    if participation.user_id != user.pk:
        raise DomainError(gettext_lazy("This is not your survey answer."), code="not_yours", status=403)
    with transaction.atomic():
        Response.objects.filter(survey_id=participation.survey_id, user=user).delete()
        participation.delete()
        _responses_changed(participation.survey_id)
        forget(answered_surveys_key(user.pk))


def _responses_changed(survey_id: int) -> None:
    """The survey's results are computed again on their next read (feedback.selectors.survey_results): the
    counter goes up now and again on commit, as `bump` does, so that results read between the two are not kept.
    Should the cache not answer, the results catch up within RESULTS_CACHE_SECONDS."""
    now_and_on_commit(
        partial(count_up, responses_counter_key(survey_id)),
        failure=f"The responses counter of survey {survey_id} could not be raised",
    )


def survey_results_publish(*, survey: Survey, summary: dict[str, str], user: User | None) -> Survey:
    """Publish the results of a survey with a summary written by a manager (default language required)."""
    if not (summary.get(settings.LANGUAGE_CODE) or "").strip():
        raise DomainError(gettext_lazy("Write a summary of the results."), code="empty", field="summary")
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        for code in LANGS:
            setattr(locked, f"results_summary_{code}", (summary.get(code) or "").strip())
        locked.results_published_at = timezone.now()
        locked.save()
        bump(Namespace.SURVEYS)
    return locked


def survey_results_unpublish(*, survey: Survey) -> Survey:
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        locked.results_published_at = None
        locked.save(update_fields=["results_published_at", "updated_at"])
        bump(Namespace.SURVEYS)
    return locked


def survey_invitations_send(*, survey: Survey, invitations: Iterable[Invitation], site_url: str) -> int:
    """E-mail each invitation its personal link (after commit) and note when it was sent.

    The mail is in the language a patron with that address chose on their account, else Lithuanian."""
    count = 0
    invitations = list(invitations)
    languages = dict(
        User.objects.filter(email__in=[i.email.lower() for i in invitations if i.email]).values_list(
            "email", "preferred_language"
        )
    )
    with transaction.atomic():
        for invitation in invitations:
            if not invitation.email:
                continue
            with translation.override(languages.get(invitation.email.lower()) or settings.LANGUAGE_CODE):
                link = f"{site_url}{survey.get_absolute_url()}?token={invitation.token}"
                mail_after_commit(
                    subject=_("Invitation to a library survey: %(title)s") % {"title": survey.title},
                    body=render_to_string("feedback/email_invitation.txt", {"survey": survey, "link": link}),
                    to=[invitation.email],
                )
            invitation.sent_at = timezone.now()
            invitation.save(update_fields=["sent_at"])
            count += 1
    return count
