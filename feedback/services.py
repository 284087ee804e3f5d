"""Writes with rules: feedback and its answers, survey responses, and the removal of personal data."""

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from redis.exceptions import RedisError

from feedback.models import (
    FEEDBACK_TRANSITIONS,
    Answer,
    Channel,
    Feedback,
    FeedbackEvent,
    FeedbackNote,
    FeedbackReply,
    FeedbackStatus,
    Invitation,
    Participation,
    Question,
    QuestionKind,
    Response,
    Survey,
    Topic,
)
from feedback.selectors import answered_surveys_key, feedback_due_for_anonymization, responses_counter_key
from library_portal.caching import Namespace, bump, count_up, forget
from library_portal.control_characters import MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, has_control_character
from library_portal.errors import DomainError
from library_portal.languages import LANGS
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from library_portal.transitions import transition
from services.models import Branch

logger = logging.getLogger(__name__)

Event = FeedbackEvent.Action
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


# Feedback ----------------------------------------------------------------------------------------


def _event(feedback: Feedback, action: str, user: User | None, *, from_status="", to_status="", note="") -> None:
    FeedbackEvent.objects.create(
        feedback=feedback, action=action, actor=user, from_status=from_status, to_status=to_status, note=note[:300]
    )


def feedback_submit(
    *,
    topic: str,
    message: str,
    language: str,
    consent: bool,
    branch: Branch | None = None,
    name: str = "",
    email: str = "",
    wants_reply: bool = False,
    channel: str = Channel.WEB,
    user: User | None = None,
    entered_by: User | None = None,
    site_url: str = "",
) -> Feedback:
    """Store a piece of feedback and, when the author gave an address, e-mail them the private link.

    Feedback on the web needs the author's consent; staff entering oral, phone or letter feedback
    record it on the author's behalf. Raises DomainError for an empty message, an unknown topic or
    channel, missing consent, or a reply asked for without an e-mail address.
    """
    message = (message or "").strip()
    email = (email or "").strip().lower()
    if not message:
        raise DomainError(gettext_lazy("Write your feedback."), code="empty", field="message")
    if topic not in Topic.values:
        raise DomainError(gettext_lazy("Choose a topic."), code="bad_topic", field="topic")
    if channel not in Channel.values:
        raise DomainError(gettext_lazy("Choose how the feedback was given."), code="bad_channel", field="channel")
    if channel == Channel.WEB and not consent:
        raise DomainError(
            gettext_lazy("Agree to the processing of your feedback to send it."), code="no_consent", field="consent"
        )
    if wants_reply and not email:
        raise DomainError(gettext_lazy("Enter an e-mail address to get a reply."), code="no_email", field="email")
    if user is not None:
        # A patron with an account is written to in the language they chose for the library's mail; the reply,
        # its template and its mail all follow this one language, so none of them can mix with another.
        language = user.language
    if language not in LANGS:
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        feedback = Feedback.objects.create(
            topic=topic,
            message=message,
            branch=branch,
            name=(name or "").strip(),
            email=email,
            wants_reply=wants_reply,
            channel=channel,
            language=language,
            user=user,
            entered_by=entered_by,
            consented_at=timezone.now() if consent else None,
        )
        _event(feedback, Event.SUBMITTED, entered_by or user, to_status=feedback.status, note=channel)
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
        if email and site_url:
            with translation.override(language):
                mail_after_commit(
                    subject=_("We received your feedback"),
                    body=render_to_string(
                        "feedback/email_received.txt",
                        {"feedback": feedback, "link": site_url + feedback.get_absolute_url()},
                    ),
                    to=[email],
                )
    return feedback


def _locked(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


def _feedback_move(
    feedback: Feedback, to_status: str, *, action: str, user: User | None, note: str = "", fields=()
) -> str:
    """Move the locked `feedback` through `transition` (FEEDBACK_TRANSITIONS), with its history entry of `action`;
    closing dates it, reopening clears the date. Returns the status it left."""
    if to_status == FeedbackStatus.CLOSED:
        feedback.closed_at = timezone.now()
    elif feedback.status == FeedbackStatus.CLOSED:
        feedback.closed_at = None
    return transition(
        feedback,
        to_status,
        table=FEEDBACK_TRANSITIONS,
        history=feedback.events,
        refused=gettext_lazy("Feedback that is “%(from)s” cannot become “%(to)s”."),
        actor=user,
        note=note,
        fields=["closed_at", *fields],
        action=action,
    )


def feedback_status_change(*, feedback: Feedback, to_status: str, user: User | None, note: str = "") -> Feedback:
    """Move feedback to `to_status` (in progress, answered when answered by phone or letter, closed).

    Raises DomainError when FEEDBACK_TRANSITIONS does not allow the move.
    """
    with transaction.atomic():
        locked = _locked(feedback)
        fields = []
        if to_status == FeedbackStatus.ANSWERED and locked.answered_at is None:
            locked.answered_at = timezone.now()
            fields.append("answered_at")
        _feedback_move(locked, to_status, action=Event.STATUS, user=user, note=note, fields=fields)
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
    return locked


def feedback_reply(*, feedback: Feedback, body: str, user: User, site_url: str = "") -> FeedbackReply:
    """E-mail a private reply to the author (after commit, in their language) and mark the feedback answered.

    Raises DomainError for an empty reply, feedback without an e-mail address (answer by phone or
    letter and mark it answered instead) or closed feedback.
    """
    body = (body or "").strip()
    if not body:
        raise DomainError(gettext_lazy("Write the reply."), code="empty", field="body")
    with transaction.atomic():
        locked = _locked(feedback)
        if not locked.email:
            raise DomainError(
                gettext_lazy("The author left no e-mail address: answer by phone or letter, then mark it answered."),
                code="no_email",
            )
        locked.answered_at = locked.answered_at or timezone.now()
        _feedback_move(locked, FeedbackStatus.ANSWERED, action=Event.REPLIED, user=user, fields=["answered_at"])
        reply = FeedbackReply.objects.create(feedback=locked, body=body, sent_to=locked.email, author=user)
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
        with translation.override(locked.language):
            mail_after_commit(
                subject=_("An answer to your feedback"),
                body=render_to_string(
                    "feedback/email_reply.txt",
                    {
                        "feedback": locked,
                        "reply": reply,
                        # Always the private link: it also marks the mail as this feedback's (feedback_anonymize).
                        "link": (site_url or settings.SITE_URL) + locked.get_absolute_url(),
                    },
                ),
                to=[locked.email],
            )
    return reply


def feedback_note_add(*, feedback: Feedback, body: str, user: User) -> FeedbackNote:
    """Add an internal note (never shown outside the back office)."""
    body = (body or "").strip()
    if not body:
        raise DomainError(gettext_lazy("Write the note."), code="empty", field="body")
    note = FeedbackNote.objects.create(feedback=feedback, body=body, author=user)
    _event(feedback, Event.NOTE, user)
    return note


def feedback_answer_publish(
    *, feedback: Feedback, summary: dict[str, str], answer: dict[str, str], user: User | None
) -> Feedback:
    """Publish a staff-written summary of the feedback and the library's answer on "You said, we did".

    `summary` and `answer` map language codes to texts; the default language is required (the
    others fall back to it). The author's own words and contact details are never published.
    Raises DomainError when the feedback has not been answered yet or a text is missing.
    """
    default = settings.LANGUAGE_CODE
    if not (summary.get(default) or "").strip():
        raise DomainError(gettext_lazy("Write a summary of the feedback."), code="empty", field="summary")
    if not (answer.get(default) or "").strip():
        raise DomainError(gettext_lazy("Write the answer to publish."), code="empty", field="answer")
    with transaction.atomic():
        locked = _locked(feedback)
        if locked.status not in (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED):
            raise DomainError(
                gettext_lazy("Answer the feedback before publishing the answer."), code="not_answered", status=409
            )
        for code in LANGS:
            setattr(locked, f"public_summary_{code}", (summary.get(code) or "").strip())
            setattr(locked, f"public_answer_{code}", (answer.get(code) or "").strip())
        locked.published_at = timezone.now()
        locked.published_by = user
        locked.save()
        _event(locked, Event.PUBLISHED, user)
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
    return locked


def feedback_answer_unpublish(*, feedback: Feedback, user: User | None) -> Feedback:
    with transaction.atomic():
        locked = _locked(feedback)
        if locked.published_at is None:
            raise DomainError(gettext_lazy("This answer is not published."), code="not_published")
        locked.published_at = None
        locked.save(update_fields=["published_at", "updated_at"])
        _event(locked, Event.UNPUBLISHED, user)
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
    return locked


# What stands where a name or an address was removed: a mark, not a word, so that no language is frozen in.
REMOVED = "[…]"
MAIL_TASK = "library_portal.tasks.send_mail_task"


def _scrubber(*names: str, email: str) -> Callable[[str], str]:
    """A function that replaces the author's e-mail address and names (whole, and each part) in a text."""
    words = {word for name in names if name for word in (name, *name.split()) if len(word) > 1}
    patterns = [re.escape(email)] if email else []
    # Longest first, so that "Ona Onaitė" goes as one before "Ona" could leave "Onaitė" behind.
    patterns += [rf"\b{re.escape(word)}\b" for word in sorted(words, key=len, reverse=True)]
    if not patterns:
        return lambda text: text
    pattern = re.compile("|".join(patterns), re.IGNORECASE)
    return lambda text: pattern.sub(REMOVED, text) if text else text


def _mail_tasks_to(email: str, *carrying: str):
    """The queued and finished mail tasks to `email` whose body holds one of `carrying`: the token of the
    private link every feedback and invitation mail carries. Mails to the same address about anything
    else stay. A task a worker is running right now is left to finish (the next run removes it)."""
    if not email:
        return DBTaskResult.objects.none()
    about = Q()
    for text in carrying:
        if text:
            about |= Q(args_kwargs__kwargs__body__icontains=text)
    if not about:
        return DBTaskResult.objects.none()
    return (
        DBTaskResult.objects.filter(task_path=MAIL_TASK, args_kwargs__kwargs__to__contains=[email])
        .exclude(status=TaskResultStatus.RUNNING)
        .filter(about)
    )


def _feedback_scrub(feedback: Feedback, *, now: dt.datetime) -> int:
    """Remove the author's contact details from one piece of feedback and from everything that carried them.

    Returns how many mail tasks were deleted."""
    user = feedback.user
    scrub = _scrubber(
        feedback.name, user.get_full_name() if user else "", email=feedback.email or (user.email if user else "")
    )
    deleted = 0
    for email in {feedback.email, user.email if user else ""} - {""}:
        deleted += _mail_tasks_to(email, feedback.token).delete()[0]
    Feedback.objects.filter(pk=feedback.pk).update(
        name="",
        email="",
        user=None,
        wants_reply=False,
        message=scrub(feedback.message),
        anonymized_at=now,
        updated_at=now,
    )
    for model, field in ((FeedbackReply, "body"), (FeedbackNote, "body"), (FeedbackEvent, "note")):
        for pk, text in model.objects.filter(feedback=feedback).values_list("pk", field):
            if scrub(text) != text:
                model.objects.filter(pk=pk).update(**{field: scrub(text)})
    FeedbackReply.objects.filter(feedback=feedback).update(sent_to="")
    # The back office's own record of changes names the feedback by its first words.
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Feedback), object_id=str(feedback.pk)
    )
    for entry in entries.only("pk", "object_repr"):
        if scrub(entry.object_repr) != entry.object_repr:
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=scrub(entry.object_repr)[:200])
    return deleted


def feedback_anonymize(*, older_than_days: int, dry_run: bool = False, now: dt.datetime | None = None) -> dict:
    """Remove the contact details of feedback closed more than `older_than_days` days ago.

    The topic, branch, dates and published answer stay for the statistics, and so does the message,
    with the author's name and address taken out of it. The name, e-mail address and account link
    go; so do the author's name and address in the replies, internal notes and history, the
    addresses replies were sent to, and the mail tasks (queued or finished) that carried them to the
    author. Also deletes the invitation addresses of closed surveys and their invitation mails.
    With `dry_run` nothing changes; the counts say what would.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    with transaction.atomic():
        targets = list(
            feedback_due_for_anonymization(cutoff=cutoff)
            .select_for_update(of=("self",))
            .select_related("user")
            .order_by("pk")
        )
        counts = {"feedback": len(targets), "mails": 0}
        counts["invitations"], counts["mails"] = survey_invitations_purge(now=now, dry_run=dry_run, with_mails=True)
        if dry_run:
            counts["mails"] += sum(
                _mail_tasks_to(email, feedback.token).count()
                for feedback in targets
                for email in {feedback.email, feedback.user.email if feedback.user else ""} - {""}
            )
            return counts
        for feedback in targets:
            counts["mails"] += _feedback_scrub(feedback, now=now)
        FeedbackEvent.objects.bulk_create(
            FeedbackEvent(feedback_id=feedback.pk, action=Event.ANONYMIZED, created_at=now) for feedback in targets
        )
        bump(Namespace.FEEDBACK)  # the monthly figures and published answers of "You said, we did"
    return counts


def survey_invitations_purge(*, now: dt.datetime | None = None, dry_run: bool = False, with_mails: bool = False):
    """Delete the e-mail addresses of invitations to surveys that have closed, and the mails that carried them.

    Returns the number of addresses, or (addresses, mail tasks) with `with_mails`."""
    now = now or timezone.now()
    invitations = Invitation.objects.filter(survey__closes_at__lte=now).exclude(email="")
    count = invitations.count()
    mails = 0
    for email, token in invitations.values_list("email", "token"):
        tasks = _mail_tasks_to(email.lower(), token)
        mails += tasks.count() if dry_run else tasks.delete()[0]
    if not dry_run and count:
        invitations.update(email="")
        Survey.objects.filter(closes_at__lte=now, invitations_purged_at__isnull=True).update(invitations_purged_at=now)
    return (count, mails) if with_mails else count


def feedback_delete_own(*, feedback: Feedback, user: User) -> None:
    """A patron deletes their own feedback with everything about it. Raises DomainError for someone else's."""
    if feedback.user_id != user.pk:
        raise DomainError(gettext_lazy("This is not your feedback."), code="not_yours", status=403)
    feedback.delete()
    bump(Namespace.FEEDBACK)


# Surveys -----------------------------------------------------------------------------------------


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
    counter goes up now and again on commit, as `bump` does, so that results read between the two are not kept."""

    def raise_counter() -> None:
        try:
            count_up(responses_counter_key(survey_id))
        except RedisError:  # the response is stored: the results catch up within RESULTS_CACHE_SECONDS
            logger.error("The responses counter of survey %s could not be raised: the cache is down.", survey_id)

    raise_counter()
    transaction.on_commit(raise_counter)


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
