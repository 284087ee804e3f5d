"""Feedback that is answered (and sometimes published): the feedback, its replies, internal notes,
history and the reusable reply templates.

Seed 003: the library reviews written and oral feedback regularly and answers it; staff are bound by
confidentiality, so contact details are kept only as long as needed (see `feedback_anonymize`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library_portal.models import StatusHistory, TimeStampedModel
from services.models import Branch


def new_token() -> str:
    # Migrations name it `feedback.models.new_token`: the package re-exports it; surveys' invitations use it too.
    return secrets.token_urlsafe(24)


# Feedback ----------------------------------------------------------------------------------------


class Topic(models.TextChoices):
    COLLECTION = "collection", _("Books and other materials")
    SERVICES = "services", _("Services")
    EVENTS = "events", _("Events")
    PREMISES = "premises", _("Premises and accessibility")
    STAFF = "staff", _("Customer service")
    OPENING_HOURS = "opening_hours", _("Opening hours")
    WEBSITE = "website", _("Website and e-services")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    ORAL = "oral", _("In person")
    PHONE = "phone", _("By phone")
    LETTER = "letter", _("By letter")
    EMAIL = "email", _("By e-mail")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# The allowed moves of a piece of feedback: a reply always answers it; closed feedback can be reopened.
FEEDBACK_TRANSITIONS: dict[str, set[str]] = {
    FeedbackStatus.NEW: {FeedbackStatus.IN_PROGRESS, FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED},
    FeedbackStatus.IN_PROGRESS: {FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED},
    FeedbackStatus.ANSWERED: {FeedbackStatus.IN_PROGRESS, FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED},
    FeedbackStatus.CLOSED: {FeedbackStatus.IN_PROGRESS},
}


class Feedback(TimeStampedModel):
    """A patron's feedback, given on the web or (entered by staff) orally, by phone or by letter."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("branch")
    )
    message = models.TextField(_("message"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    language = models.CharField(_("language"), max_length=8, default="lt")
    status = models.CharField(_("status"), max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW)
    # Contact details: removed by `feedback_anonymize` once the feedback is closed and old enough.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    wants_reply = models.BooleanField(_("wants a reply"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("patron"),
    )
    token = models.CharField(_("private link key"), max_length=64, unique=True, default=new_token, editable=False)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # The published answer ("You said, we did"): written by staff, without personal data.
    public_summary = models.TextField(_("published summary of the feedback"), blank=True)
    public_answer = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        permissions = [
            ("reply_feedback", _("Can reply to feedback")),
            ("publish_feedback", _("Can publish an answer to feedback")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(wants_reply=True) | ~Q(email="") | Q(anonymized_at__isnull=False),
                name="feedback_reply_needs_email",
                violation_error_message=_("Enter an e-mail address to get a reply."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "closed_at"], name="feedback_closed_by_date"),
            models.Index(fields=["published_at"], name="feedback_published"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_topic_display()}: {self.message[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:track", kwargs={"token": self.token})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FeedbackReply(models.Model):
    """A private reply e-mailed to the author."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="replies", verbose_name=_("feedback"))
    body = models.TextField(_("reply"))
    sent_to = models.EmailField(_("sent to"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class FeedbackNote(models.Model):
    """An internal note: never shown to the author or the public."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="notes", verbose_name=_("feedback"))
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class FeedbackEvent(StatusHistory):
    """Who did what and when: every change of status, reply, note, publication and anonymisation."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        STATUS = "status", _("Status changed")
        REPLIED = "replied", _("Replied")
        NOTE = "note", _("Note added")
        PUBLISHED = "published", _("Answer published")
        UNPUBLISHED = "unpublished", _("Answer withdrawn")
        ANONYMIZED = "anonymized", _("Contact details removed")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events", verbose_name=_("feedback"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    # The statuses' names, for the back office; both are empty for an entry that is not a change of status.
    from_status = models.CharField(_("previous status"), max_length=20, choices=FeedbackStatus.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=FeedbackStatus.choices, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"


class ReplyTemplate(TimeStampedModel):
    """A reusable reply, without the greeting: the reply starts with the greeting of the author's language
    (library_portal.greetings), which alone knows whether a name may follow it. `{name}` is still replaced."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Start after the greeting: the greeting in the author's language is added before the text. "
            "{name} is replaced by the author's name."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title
