"""Feedback that is answered (and sometimes published), and surveys with their responses.

Seed 003: the library reviews written and oral feedback regularly and answers it, runs customer
surveys and publishes a summary of both; staff are bound by confidentiality, so contact details
are kept only as long as needed (see `feedback_anonymize`).
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


# Surveys -----------------------------------------------------------------------------------------


class Survey(TimeStampedModel):
    class Anonymity(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous: no user, no IP address, no exact time")
        IDENTIFIED = "identified", _("Identified: the patron's account is kept with the answers")

    class Access(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        PATRONS = "patrons", _("Logged-in patrons")
        INVITATION = "invitation", _("By invitation only")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    thanks = models.TextField(_("thank-you text"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    anonymity = models.CharField(_("anonymity"), max_length=12, choices=Anonymity.choices, default=Anonymity.ANONYMOUS)
    access = models.CharField(_("who can answer"), max_length=12, choices=Access.choices, default=Access.PUBLIC)
    asks_branch = models.BooleanField(_("ask which branch"), default=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=5,
        help_text=_("Published results hide any breakdown with fewer answers than this."),
    )
    results_summary = models.TextField(_("summary of the results"), blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    invitations_purged_at = models.DateTimeField(_("invitation addresses deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at"]
        permissions = [
            ("view_survey_results", _("Can see and export survey results")),
            ("publish_survey_results", _("Can publish survey results")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="feedback_survey_dates_in_order",
                violation_error_message=_("A survey must close after it opens."),
            ),
            models.CheckConstraint(condition=Q(min_group_size__gte=1), name="feedback_survey_min_group_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feedback:survey", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    @property
    def is_anonymous(self) -> bool:
        return self.anonymity == self.Anonymity.ANONYMOUS

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class SurveyPage(TimeStampedModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pages", verbose_name=_("survey"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("page of questions")
        verbose_name_plural = _("pages of questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.title or f"{self.order}"


class QuestionKind(models.TextChoices):
    SCALE_5 = "scale5", _("Scale 1–5")
    NPS = "nps", _("Recommendation 0–10")
    GRADE = "grade", _("Grade 4–10")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SHORT_TEXT = "short", _("Short text")
    LONG_TEXT = "long", _("Long text")


# The numeric range of each numeric kind (inclusive).
NUMERIC_RANGES: dict[str, tuple[int, int]] = {
    QuestionKind.SCALE_5: (1, 5),
    QuestionKind.NPS: (0, 10),
    QuestionKind.GRADE: (4, 10),
}
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}


class Question(TimeStampedModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    page = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="questions", verbose_name=_("page"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=400)
    help_text = models.CharField(_("help text"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # "Show if the answer to question X is Y": Y is a number for numeric questions, a choice code otherwise.
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("show only if the answer to"),
    )
    show_if_value = models.CharField(_("is"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["page__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(show_if_question__isnull=True) | ~Q(show_if_value=""),
                name="feedback_show_if_has_value",
                violation_error_message=_("Say which answer shows this question."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_RANGES

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def value_range(self) -> range:
        low, high = NUMERIC_RANGES[self.kind]
        return range(low, high + 1)


class Choice(TimeStampedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("text"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="feedback_choice_code_unique")]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A personal link to a survey with invitation access; the address is deleted when the survey closes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    email = models.EmailField(_("e-mail address"), blank=True)
    token = models.CharField(_("key"), max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey", "pk"]

    def __str__(self) -> str:
        return self.email or f"#{self.pk}"


class Participation(models.Model):
    """That someone took part, kept apart from their answers so an anonymous survey still allows
    only one response per patron or invitation (the unique constraints), without linking the two."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="participations", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_participations",
        verbose_name=_("patron"),
    )
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participation",
        verbose_name=_("invitation"),
    )
    taken_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-taken_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="feedback_one_participation_per_patron",
                violation_error_message=_("You have already answered this survey."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(invitation__isnull=False),
                name="feedback_participation_has_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.taken_on}"


class Response(models.Model):
    """One filled-in survey. Anonymous responses keep no user, IP address or time of day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    anonymous = models.BooleanField(_("anonymous"), default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("patron"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    submitted_on = models.DateField(_("date"), default=timezone.localdate)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("branch")
    )
    language = models.CharField(_("language"), max_length=8, default="lt")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            # The rule of anonymous surveys, held by the database itself.
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(user__isnull=True, ip_address__isnull=True, submitted_at__isnull=True),
                name="feedback_anonymous_response_keeps_nothing",
            ),
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="feedback_one_response_per_patron",
                violation_error_message=_("You have already answered this survey."),
            ),
        ]
        indexes = [models.Index(fields=["survey", "submitted_on"], name="feedback_response_by_date")]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer: a number (scales), a choice (one row per chosen option) or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    value = models.SmallIntegerField(_("number"), null=True, blank=True)
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name=_("choice")
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(choice__isnull=False) | ~Q(text=""),
                name="feedback_answer_not_empty",
            ),
        ]
        indexes = [models.Index(fields=["question", "value"], name="feedback_answer_value")]

    def __str__(self) -> str:
        return str(self.value if self.value is not None else self.choice_id or self.text[:40])
