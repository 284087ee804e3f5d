"""Versioned, council-approved price lists, with prices by patron category and by sheet-count tier."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library_portal.models import TimeStampedModel
from services.models import Branch

AMOUNT = {"max_digits": 8, "decimal_places": 2}


class DateRange(Func):
    """PostgreSQL's daterange(from, until, '[]'): both ends inclusive; an empty end is open."""

    function = "DATERANGE"
    output_field = DateRangeField()


class PatronCategory(TimeStampedModel):
    """Who pays what: the seed prices reader cards by these categories."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Reduced and free reader cards are for people who show a document (a pupil's card, a disability
    # certificate): such a category counts once staff have seen it. Anyone may choose the others.
    needs_proof = models.BooleanField(
        _("needs proof"),
        default=False,
        help_text=_("Staff confirm this category when the patron shows a document (reduced or free prices)."),
    )

    class Meta:
        verbose_name = _("patron category")
        verbose_name_plural = _("patron categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Room(TimeStampedModel):
    """A room the library rents out by the hour. Without a branch it stands for "a room in any branch"."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="rooms", verbose_name=_("branch")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PriceList(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=300)
    decisions = models.TextField(_("approving decisions"), help_text=_("The decisions that approved this list."))
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("copied from")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["-effective_from", "-pk"]
        permissions = [("publish_pricelist", _("Can publish a price list"))]
        constraints = [
            # At most one published list is in force on any date.
            ExclusionConstraint(
                name="pricing_one_published_list_per_date",
                expressions=[(DateRange("effective_from", "effective_until", Value("[]")), RangeOperators.OVERLAPS)],
                condition=Q(status="published"),
                violation_error_message=_("Another published price list is in force on some of these dates."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(effective_from__isnull=False, published_at__isnull=False),
                name="pricing_published_list_has_date",
                violation_error_message=_("A published price list needs the date it comes into force."),
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gte=F("effective_from")),
                name="pricing_list_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["status", "effective_from"], name="pricing_list_in_force")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("pricing:version", kwargs={"pk": self.pk})


class Section(models.TextChoices):
    """The sections of the price list, in the order of the approved document."""

    READER_CARDS = "reader_cards", _("Reader cards")
    COPYING = "copying", _("Copying")
    PRINTING = "printing", _("Printing")
    SCANNING = "scanning", _("Scanning")
    BINDING = "binding", _("Binding")
    LAMINATING = "laminating", _("Laminating")
    BIBLIOGRAPHY = "bibliography", _("Bibliographic lists")
    INTERLIBRARY_LOAN = "interlibrary_loan", _("Interlibrary loan")
    PUBLISHING = "publishing", _("Publishing services")
    FAX = "fax", _("Fax")
    ROOM_RENTAL = "room_rental", _("Room rental")


SECTION_ORDER = {code: index for index, code in enumerate(Section.values)}


class Unit(models.TextChoices):
    PAGE = "page", _("page")
    COPY = "copy", _("copy")
    IMAGE = "image", _("image")
    HOUR = "hour", _("hour")
    RECORD = "record", _("record")
    ITEM = "item", _("item")
    SHEET_RANGE = "sheet_range", _("document (by number of sheets)")


class Pricing(models.TextChoices):
    FIXED = "fixed", _("Fixed amount")
    BY_CATEGORY = "by_category", _("By patron category")
    BY_TIER = "by_tier", _("By number of sheets")
    FREE = "free", _("Free")
    INDIVIDUAL = "individual", _("Calculated individually")
    ACTUAL_COST = "actual_cost", _("Actual cost")


class PriceItem(TimeStampedModel):
    price_list = models.ForeignKey(
        PriceList, on_delete=models.CASCADE, related_name="items", verbose_name=_("price list")
    )
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable across versions, e.g. copy-bw-a4."))
    section = models.CharField(_("section"), max_length=30, choices=Section.choices)
    name = models.CharField(_("name"), max_length=400)
    notes = models.TextField(_("notes"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.ITEM)
    pricing = models.CharField(_("pricing"), max_length=20, choices=Pricing.choices, default=Pricing.FIXED)
    amount = models.DecimalField(_("amount (€)"), **AMOUNT, null=True, blank=True)
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="price_items", verbose_name=_("room")
    )
    with_equipment = models.BooleanField(_("with presentation equipment"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("price item")
        verbose_name_plural = _("price items")
        ordering = ["price_list", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["price_list", "code"], name="pricing_item_code_unique_in_list"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="pricing_item_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=(Q(pricing="fixed") & Q(amount__isnull=False))
                | (~Q(pricing="fixed") & Q(amount__isnull=True)),
                name="pricing_item_fixed_has_amount",
                violation_error_message=_("A fixed price needs an amount; other kinds of pricing take none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class CategoryPrice(models.Model):
    item = models.ForeignKey(
        PriceItem, on_delete=models.CASCADE, related_name="category_prices", verbose_name=_("item")
    )
    category = models.ForeignKey(PatronCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category"))
    amount = models.DecimalField(_("amount (€)"), **AMOUNT)

    class Meta:
        verbose_name = _("price for a patron category")
        verbose_name_plural = _("prices by patron category")
        ordering = ["item", "category__order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "category"], name="pricing_category_price_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="pricing_category_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.amount}"


class TierPrice(models.Model):
    """The price of one document of up to `up_to` sheets (binding)."""

    item = models.ForeignKey(PriceItem, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("item"))
    up_to = models.PositiveIntegerField(_("up to (sheets)"))
    amount = models.DecimalField(_("amount (€)"), **AMOUNT)

    class Meta:
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        ordering = ["item", "up_to"]
        constraints = [
            models.UniqueConstraint(fields=["item", "up_to"], name="pricing_tier_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="pricing_tier_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(condition=Q(up_to__gt=0), name="pricing_tier_positive"),
        ]

    def __str__(self) -> str:
        return f"≤ {self.up_to}: {self.amount}"
