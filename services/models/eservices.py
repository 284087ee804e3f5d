"""Partner e-services: partners and their agreements, the e-services the library offers with them,
where patrons get help, and the consultations staff record (events with registration: services.models.events)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library_portal.models import TimeStampedModel
from services.models.catalogue import Branch, Library


class EServiceArea(models.TextChoices):
    UTILITY = "utility", _("Utility self-service")
    EMPLOYMENT = "employment", _("E-employment")
    HEALTH = "health", _("E-health")
    CULTURE = "culture", _("E-culture")
    GOVERNMENT = "government", _("E-government and taxes")


class Partner(TimeStampedModel):
    """An organisation the library works with under an agreement (seed 001: a utility company;
    seed 002: national agencies, ministries and their regional offices)."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        NATIONAL_AGENCY = "national_agency", _("National agency")
        REGIONAL_OFFICE = "regional_office", _("Regional office")
        NGO = "ngo", _("Non-governmental organisation")

    class AgreementLevel(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        LOCAL = "local", _("Local")

    name = models.CharField(_("organisation"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    agreement_level = models.CharField(_("agreement level"), max_length=10, choices=AgreementLevel.choices)
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)
    agreement_subject = models.TextField(_("agreement subject"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/", blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EService(TimeStampedModel):
    area = models.CharField(_("area"), max_length=20, choices=EServiceArea.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    what_you_can_do = models.TextField(_("what a patron can do with it"), blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    partners = models.ManyToManyField(Partner, related_name="eservices", blank=True, verbose_name=_("partners"))
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")
        ordering = ["order", "title"]
        indexes = [models.Index(fields=["is_published", "area", "order"], name="services_eservice_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:eservice_detail", kwargs={"slug": self.slug})


class EServicePlace(TimeStampedModel):
    """Where a patron gets an e-service, and how: one of our branches or another library (seed 001)."""

    class Mode(models.TextChoices):
        SELF_SERVICE_POINT = "self_service_point", _("Self-service point")
        LIBRARIAN_COMPUTER = "librarian_computer", _("Computer with a trained librarian")
        CONSULTATION_HOURS = "consultation_hours", _("Consultation hours")

    eservice = models.ForeignKey(EService, on_delete=models.CASCADE, related_name="places", verbose_name=_("e-service"))
    branch = models.ForeignKey(
        Branch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eservice_places",
        verbose_name=_("our branch"),
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eservice_places",
        verbose_name=_("other library"),
    )
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices)
    notes = models.CharField(_("notes"), max_length=300, blank=True, help_text=_("For example the consultation hours."))

    class Meta:
        verbose_name = _("place offering an e-service")
        verbose_name_plural = _("places offering e-services")
        ordering = ["eservice", "branch__order", "library__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(branch__isnull=False) & Q(library__isnull=True))
                | (Q(branch__isnull=True) & Q(library__isnull=False)),
                name="services_eserviceplace_branch_xor_library",
                violation_error_message=_("Choose either one of our branches or another library, not both."),
            ),
            models.UniqueConstraint(
                fields=["eservice", "branch", "mode"],
                condition=Q(branch__isnull=False),
                name="services_eserviceplace_branch_unique",
                violation_error_message=_("This branch already offers this e-service this way."),
            ),
            models.UniqueConstraint(
                fields=["eservice", "library", "mode"],
                condition=Q(library__isnull=False),
                name="services_eserviceplace_library_unique",
                violation_error_message=_("This library already offers this e-service this way."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.eservice} – {self.branch or self.library}"


class OnlineResource(TimeStampedModel):
    """A curated online resource of an e-service; `check_resource_links` keeps the last check."""

    eservice = models.ForeignKey(
        EService, on_delete=models.CASCADE, related_name="resources", verbose_name=_("e-service")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. lt, bg, en"))
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_check_ok = models.BooleanField(_("alive at the last check"), null=True, blank=True)
    last_check_result = models.CharField(_("last check result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("online resource")
        verbose_name_plural = _("online resources")
        ordering = ["eservice", "order", "title"]

    def __str__(self) -> str:
        return self.title


class GoodPractice(TimeStampedModel):
    eservice = models.ForeignKey(
        EService, on_delete=models.CASCADE, related_name="good_practices", verbose_name=_("e-service")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    source = models.CharField(_("where it comes from"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["eservice", "order", "title"]

    def __str__(self) -> str:
        return self.title


class Consultation(TimeStampedModel):
    """One consultation given by a librarian: counts only, no personal data."""

    date = models.DateField(_("date"))
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("branch"))
    eservice = models.ForeignKey(
        EService, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("e-service")
    )
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=15)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-id"]
        permissions = [("view_statistics", _("Can see and export the e-service statistics"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1) & Q(people__lte=500),
                name="services_consultation_people_range",
                violation_error_message=_("Give between 1 and 500 people."),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=1440),
                name="services_consultation_minutes_range",
                violation_error_message=_("Give between 1 and 1440 minutes."),
            ),
        ]
        indexes = [models.Index(fields=["date", "branch"], name="services_consultation_stats")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.eservice}"
