"""Writes with rules: feedback and its answers, and the removal of personal data (of feedback, and the
invitation addresses of closed surveys). The surveys' own writes are in `feedback.surveys`."""

import datetime as dt
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from feedback.models import (
    FEEDBACK_TRANSITIONS,
    Channel,
    Feedback,
    FeedbackEvent,
    FeedbackNote,
    FeedbackReply,
    FeedbackStatus,
    Invitation,
    Survey,
    Topic,
)
from feedback.selectors import feedback_due_for_anonymization
from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.languages import LANGS
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from library_portal.transitions import transition
from services.models import Branch

Event = FeedbackEvent.Action


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
