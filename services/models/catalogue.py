"""The library, its branches with opening hours, and its service catalogue."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library_portal.models import TimeStampedModel


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Library(TimeStampedModel):
    """A public library. Exactly one row is the portal's own library (`is_portal_library`);
    the others are libraries the portal deals with (partner libraries for interlibrary loan,
    the places of partners' self-service points)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    is_portal_library = models.BooleanField(_("the portal's own library"), default=False)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="LT", help_text=_("ISO 3166 code, e.g. LT"))
    isil = models.CharField(
        _("ISIL"), max_length=16, blank=True, help_text=_("International Standard Identifier for Libraries")
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="library/", blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Vilnius", validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["-is_portal_library", "name"]
        constraints = [
            # The portal serves exactly one library; the database keeps it so.
            models.UniqueConstraint(
                fields=["is_portal_library"],
                condition=Q(is_portal_library=True),
                name="services_library_one_portal_library",
                violation_error_message=_("Another library is already the portal's own library."),
            ),
            models.UniqueConstraint(
                fields=["isil"],
                condition=~Q(isil=""),
                name="services_library_isil_unique",
                violation_error_message=_("Another library already has this ISIL."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Branch(TimeStampedModel):
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="branches", verbose_name=_("library"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=250)
    municipality = models.CharField(_("municipality"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample branch"), default=False, help_text=_("Demo data not taken from the library's documents.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=-90) & Q(latitude__lte=90) & Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="services_branch_coordinates_valid",
                violation_error_message=_(
                    "Give both coordinates (latitude -90 to 90, longitude -180 to 180) or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:branch_detail", kwargs={"slug": self.slug})


class HoursKind(models.TextChoices):
    STAFFED = "staffed", _("Staffed service")
    SELF_SERVICE = "self_service", _("Self-service")
    PHONE = "phone", _("Phone service")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(TimeStampedModel):
    """One opening interval in the weekly pattern. A day may have several (a lunch break).

    `closes` at 00:00 means midnight at the end of the day; `closes` earlier than `opens`
    means the interval runs past midnight into the next day.
    """

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("branch"))
    kind = models.CharField(_("kind"), max_length=20, choices=HoursKind.choices, default=HoursKind.STAFFED)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["branch", "kind", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6), name="services_hours_weekday_range"
            ),
            models.CheckConstraint(
                condition=~Q(opens=models.F("closes")),
                name="services_hours_not_empty",
                violation_error_message=_("Opening and closing times must differ."),
            ),
        ]
        indexes = [models.Index(fields=["branch", "weekday"], name="services_hours_branch_day")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(TimeStampedModel):
    """A date whose hours differ from the weekly pattern: a holiday, a closure, changed hours.

    The exceptions of a date replace that date's weekly hours of the same kind; an exception
    without a kind applies to every kind (the whole branch is closed on a public holiday).
    """

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="opening_exceptions", verbose_name=_("branch")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=HoursKind.choices, blank=True, help_text=_("Empty: applies to every kind.")
    )
    closed = models.BooleanField(_("closed all day"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["branch", "date", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(closed=True) & Q(opens__isnull=True) & Q(closes__isnull=True))
                | (Q(closed=False) & Q(opens__isnull=False) & Q(closes__isnull=False) & ~Q(opens=models.F("closes"))),
                name="services_exception_closed_or_hours",
                violation_error_message=_(
                    "Either tick “closed all day” and leave the times empty, "
                    "or give different opening and closing times."
                ),
            ),
        ]
        indexes = [models.Index(fields=["branch", "date"], name="services_exception_branch_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"


class ServiceCategory(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Service(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("body"), blank=True)
    category = models.ForeignKey(
        ServiceCategory, on_delete=models.PROTECT, related_name="services", verbose_name=_("category")
    )
    branches = models.ManyToManyField(Branch, related_name="services", blank=True, verbose_name=_("branches"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_highlighted = models.BooleanField(_("highlighted on the home page"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["order", "title"]
        indexes = [models.Index(fields=["is_published", "category", "order"], name="services_service_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:service_detail", kwargs={"slug": self.slug})


class Principle(TimeStampedModel):
    """One of the library's customer-service principles, shown on the principles page."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("customer-service principle")
        verbose_name_plural = _("customer-service principles")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Page(TimeStampedModel):
    """Editable content pages: the accessibility statement, the privacy notice, the principles' introduction.

    The body is plain text: blank lines separate paragraphs and a line starting with "## " is a heading.
    """

    class Slug(models.TextChoices):
        PRINCIPLES = "principles", _("Customer-service principles")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")

    slug = models.SlugField(_("page"), max_length=40, unique=True, choices=Slug.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title
