"""Surveys: their pages, questions and choices, the invitations, who took part and the responses with
their answers.

Seed 003: the library runs customer surveys and publishes a summary of the results. Anonymous surveys keep
who took part (`Participation`) apart from what they answered (`Response`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models.feedback import new_token
from library_portal.models import TimeStampedModel
from services.models import Branch


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
