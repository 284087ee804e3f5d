"""News articles (with their publishing history) and notices: the banners of closures and alerts."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from library_portal.models import StatusHistory, TimeStampedModel
from services.models import Branch


class Article(TimeStampedModel):
    """A news article, in four languages (an empty language falls back to Lithuanian), for the whole library or one
    branch. It is public while it is published, its `publish_at` has come and its `expires_at` (if any) has not:
    scheduled publication is a published article whose `publish_at` is still ahead, and nothing flips a flag at
    that moment (the pages ask with the current time; see news.selectors)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("article status", "Published")

    # The allowed moves (library_portal.transitions.transition): publish, and back to draft to withdraw it.
    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.DRAFT},
    }

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Blank lines separate paragraphs; a line starting with “## ” is a heading.")
    )
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it. Required when there is an image."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A published article appears on the site at this moment by itself."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("The article leaves the lists and feeds at this moment by itself. Empty: it stays."),
    )
    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("branch"),
        help_text=_("Empty: news of the whole library, shown on every branch's page too."),
    )

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-publish_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="news_article_expires_after_publication",
                violation_error_message=_("The expiry must come after the publication."),
            ),
            # The Lithuanian text alternative, which every other language falls back to. Spelled out against NULL
            # too: a check that comes out NULL passes.
            models.CheckConstraint(
                condition=Q(image="") | (Q(image_alt_lt__isnull=False) & ~Q(image_alt_lt="")),
                name="news_article_image_has_alt",
                violation_error_message=_("An article with an image needs the image's text alternative."),
            ),
        ]
        indexes = [
            # The lists and feeds: published, already public (publish_at <= now), newest first.
            models.Index(fields=["status", "-publish_at"], name="news_article_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})


class ArticleChange(StatusHistory):
    """History of an article's status: who published or withdrew it, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="changes", verbose_name=_("article"))
    # The statuses' names, for the back office.
    from_status = models.CharField(_("previous status"), max_length=20, choices=Article.Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Article.Status.choices)

    class Meta:
        verbose_name = _("article change")
        verbose_name_plural = _("article changes")
        ordering = ["article", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class Notice(TimeStampedModel):
    """A banner shown on every page (or, with branches, on those branches' pages) from `starts_at` until `ends_at`:
    a closure, an outage, an alert. Both ends are required, so that no notice stays up because it was forgotten.
    Closures and changed hours of the opening exceptions need no notice: they show by themselves (news.notices)."""

    class Level(models.TextChoices):
        INFORMATION = "information", _("Information")
        WARNING = "warning", _("Warning")

    text = models.CharField(_("text"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.INFORMATION)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("The notice disappears by itself at this moment."))
    branches = models.ManyToManyField(
        Branch,
        blank=True,
        related_name="notices",
        verbose_name=_("branches"),
        help_text=_("Empty: the whole library, on every page. Else only on these branches' pages."),
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="news_notice_ends_after_start",
                violation_error_message=_("The end must come after the start."),
            ),
        ]
        indexes = [
            # The notices in force and ahead: those not ended yet (news.notices.notice_facts).
            models.Index(fields=["ends_at"], name="news_notice_ends_at"),
        ]

    def __str__(self) -> str:
        return self.text
