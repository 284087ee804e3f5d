"""Rooms the library rents out by the hour, their booking rules, and the bookings themselves.

The one rule the database keeps is the important one: two rows that hold the same room at overlapping times can
never both exist (`rooms_booking_no_overlap`, an exclusion constraint over the room and the held range, buffers
included). Patron bookings, blackouts and the library's own use are all rows of `Booking`, so they all fall under it.
`rooms/services.py` is the only place that writes bookings; the statuses move only through `TRANSITIONS`.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from library_portal.models import StatusHistory, TimeStampedModel
from services.models import Branch

AMOUNT = {"max_digits": 8, "decimal_places": 2}


class Room(TimeStampedModel):
    """A room of a branch that patrons and organisations may book, with its own booking rules."""

    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="bookable_rooms", verbose_name=_("branch")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), validators=[MinValueValidator(1)])
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="rooms/", blank=True)
    photo_alt = models.CharField(
        _("photo description"), max_length=300, blank=True, help_text=_("What the photo shows, for screen readers.")
    )
    has_equipment = models.BooleanField(
        _("has presentation equipment"),
        default=False,
        help_text=_("A projector and screen that can be booked with the room, at the price with equipment."),
    )
    # The price-list items that price the room, by their codes, which stay the same from one version of the price
    # list to the next: a booking is priced by the item of this code in the list in force on the booking's date.
    price_code = models.SlugField(
        _("price-list item (without equipment)"), max_length=60, help_text=_("The item's code, e.g. room-t12-hall.")
    )
    price_code_with_equipment = models.SlugField(
        _("price-list item (with equipment)"),
        max_length=60,
        blank=True,
        help_text=_("The item's code, e.g. room-t12-hall-equipment; empty when the room has no equipment."),
    )
    bookable_online = models.BooleanField(_("can be booked online"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Booking rules, with defaults that suit a library hall; each room may set its own in the admin.
    slot_minutes = models.PositiveSmallIntegerField(
        _("booking grid (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Bookings start and end on this grid, e.g. every 30 minutes."),
    )
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=60)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    lead_hours = models.PositiveSmallIntegerField(
        _("lead time (hours)"), default=24, help_text=_("How long before its start a booking must be requested.")
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("horizon (days)"), default=90, help_text=_("How far ahead a booking may be requested.")
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        _("buffer before (minutes)"),
        default=0,
        help_text=_("Time for setting up, held with every booking and not shown to the public."),
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        _("buffer after (minutes)"),
        default=0,
        help_text=_("Time for cleaning, held with every booking and not shown to the public."),
    )
    max_active_per_person = models.PositiveSmallIntegerField(
        _("pending and upcoming bookings per person"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many requested or approved bookings of this room, not yet over, one person may have."),
    )
    requires_approval = models.BooleanField(_("staff approval needed"), default=True)
    patrons_may_book = models.BooleanField(_("patrons with an account may book"), default=True)
    organisations_may_book = models.BooleanField(
        _("organisations may book"),
        default=True,
        help_text=_("An organisation gives its name and registration code for the invoice."),
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["branch__order", "order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_minutes__lte=F("max_minutes")),
                name="rooms_room_min_not_above_max",
                violation_error_message=_("The shortest booking cannot be longer than the longest."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gt=0) & Q(min_minutes__gt=0),
                name="rooms_room_positive_durations",
                violation_error_message=_("The grid and the shortest booking must be more than zero minutes."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rooms:detail", kwargs={"slug": self.slug})


class Status(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("booking status", "Requested")
    APPROVED = "approved", pgettext_lazy("booking status", "Approved")
    DECLINED = "declined", pgettext_lazy("booking status", "Declined")
    CANCELLED_BY_PATRON = "cancelled_patron", pgettext_lazy("booking status", "Cancelled by the patron")
    CANCELLED_BY_LIBRARY = "cancelled_library", pgettext_lazy("booking status", "Cancelled by the library")
    COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
    NO_SHOW = "no_show", pgettext_lazy("booking status", "No-show")


S = Status
# Every allowed move of a booking: from a status to the statuses it may go to. Final statuses go nowhere.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.APPROVED, S.DECLINED, S.CANCELLED_BY_PATRON, S.CANCELLED_BY_LIBRARY}),
    S.APPROVED: frozenset({S.CANCELLED_BY_PATRON, S.CANCELLED_BY_LIBRARY, S.COMPLETED, S.NO_SHOW}),
    S.DECLINED: frozenset(),
    S.CANCELLED_BY_PATRON: frozenset(),
    S.CANCELLED_BY_LIBRARY: frozenset(),
    S.COMPLETED: frozenset(),
    S.NO_SHOW: frozenset(),
}
# The statuses that hold the room: the exclusion constraint covers exactly these rows.
HOLDING = (S.REQUESTED.value, S.APPROVED.value)
FINAL = frozenset(status for status, moves in TRANSITIONS.items() if not moves)


class Kind(models.TextChoices):
    BOOKING = "booking", _("Booking")
    BLACKOUT = "blackout", _("Blackout (room not available)")
    INTERNAL = "internal", _("The library's own use")
    EVENT = "event", _("Event of the library")


class Source(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    STAFF = "staff", _("Entered by staff")


class Booking(TimeStampedModel):
    """One row that holds (or held) a room for a time: a patron's or an organisation's booking, a blackout, or the
    library's own use.

    `start` and `end` are the public times; `held` is what the room is kept for, the buffers before and after
    included (`[start - buffer before, end + buffer after)`), and is what the exclusion constraint compares. The price
    is worked out once, at request time, from the price list then in force, and stored: a later price list never
    changes it. Staff may override it with a reason (`price_override`)."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOKING)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    held = DateTimeRangeField(_("time held (with buffers)"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("patron"),
        db_index=False,  # rooms_booking_user_start serves every lookup by patron
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_code = models.CharField(_("organisation's registration code"), max_length=40, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    people = models.PositiveSmallIntegerField(_("number of people"), null=True, blank=True)
    phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    with_equipment = models.BooleanField(_("with presentation equipment"), default=False)
    language = models.CharField(_("language of notices"), max_length=8, default="lt")
    source = models.CharField(_("received via"), max_length=10, choices=Source.choices, default=Source.WEB)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # An event of the e-services that holds the room (kind "event").
    event = models.ForeignKey(
        "services.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("event"),
    )
    # One date of a recurring series entered by staff (rooms/series.py, booking_series_create).
    series = models.ForeignKey(
        "BookingSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("recurring series"),
        db_index=False,  # rooms_booking_series serves the series' page
    )
    # Why it was declined or cancelled by the library, as staff wrote it for the patron.
    reason = models.TextField(_("reason"), blank=True)

    # The price, as quoted when it was requested.
    price_list = models.ForeignKey(
        "pricing.PriceList",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("price list"),
    )
    price_code = models.CharField(_("price-list item"), max_length=60, blank=True)
    category_code = models.CharField(_("patron category"), max_length=40, blank=True)
    unit_price = models.DecimalField(_("price per hour (€)"), **AMOUNT, null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(_("total (€)"), **AMOUNT, null=True, blank=True)
    # A price set by staff instead of the quoted one (free of charge for a partner's training), with why and who.
    price_override = models.DecimalField(_("price set by staff (€)"), **AMOUNT, null=True, blank=True)
    price_override_reason = models.TextField(_("why the price was changed"), blank=True)
    price_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("price changed by"),
    )
    price_override_at = models.DateTimeField(_("price changed at"), null=True, blank=True)

    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["start", "pk"]
        permissions = [
            ("handle_booking", _("Can approve, decline and cancel room bookings")),
            ("view_statistics", _("Can see and export the room statistics")),
        ]
        constraints = [
            # The rule of the whole app: no two rows that hold a room overlap, buffers included. The database checks
            # it on every insert and update, so two requests racing for the same time cannot both succeed.
            ExclusionConstraint(
                name="rooms_booking_no_overlap",
                expressions=[("room", RangeOperators.EQUAL), ("held", RangeOperators.OVERLAPS)],
                condition=Q(status__in=HOLDING),
                violation_error_message=_("This time was just taken. Choose another time."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="rooms_booking_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(kind="booking", user__isnull=False) | ~Q(kind="booking"),
                name="rooms_booking_has_patron",
                violation_error_message=_("A booking needs the patron it is for."),
            ),
            models.CheckConstraint(
                condition=Q(price_override__isnull=True) | (Q(price_override__gte=0) & ~Q(price_override_reason="")),
                name="rooms_booking_override_has_reason",
                violation_error_message=_("A price set by staff cannot be negative and needs a reason."),
            ),
        ]
        indexes = [
            # My account: a patron's bookings, newest first.
            models.Index(fields=["user", "-start"], name="rooms_booking_user_start"),
            # The reminders and the staff's list of pending requests: by status and start.
            models.Index(fields=["status", "start"], name="rooms_booking_status_start"),
            # A series' dates, on its page in the admin; most bookings belong to no series.
            models.Index(fields=["series", "start"], name="rooms_booking_series", condition=Q(series__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.start:%Y-%m-%d %H:%M}"

    @property
    def amount_due(self):
        """What the customer pays: the staff's price when set, else the quoted total (None: priced individually)."""
        return self.price_override if self.price_override is not None else self.total

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def has_receipt(self) -> bool:
        """A receipt is for what is due: an approved booking, or one that took place. A request may not take place,
        and a declined, cancelled or unused booking is not charged."""
        return self.kind == Kind.BOOKING and self.status in (Status.APPROVED, Status.COMPLETED)

    @property
    def for_organisation(self) -> bool:
        return bool(self.organisation_name)


class BookingSeries(TimeStampedModel):
    """A recurring booking entered by staff ("every Tuesday 15:00–17:00 until 31 March"): one `Booking` per date,
    each made on its own under the same rules and constraint as any other. The dates that could not be booked are
    kept as facts (`skipped`: the date and the refusal's code), so that the series' page says why in the reader's
    language."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="series", verbose_name=_("room"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOKING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="room_booking_series",
        verbose_name=_("patron"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_code = models.CharField(_("organisation's registration code"), max_length=40, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("until"))
    every_weeks = models.PositiveSmallIntegerField(
        _("every … weeks"), default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    with_equipment = models.BooleanField(_("with presentation equipment"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # [{"date": "2027-03-02", "code": "slot_taken"}, ...]: the dates skipped, and why (DomainError codes).
    skipped = models.JSONField(_("dates skipped"), default=list, blank=True)

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")
        ordering = ["-first_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_date__gte=F("first_date")),
                name="rooms_series_dates_in_order",
                violation_error_message=_("The last date cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="rooms_series_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(kind="booking", user__isnull=False) | Q(kind="internal"),
                name="rooms_series_kind",
                violation_error_message=_("A series is of bookings for a patron, or of the library's own use."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room}: {self.first_date:%Y-%m-%d}–{self.last_date:%Y-%m-%d} {self.start_time:%H:%M}"


class BookingHistory(StatusHistory):
    """One row per move of a booking: from, to, who, when, and the note (a reason the patron reads)."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="history", verbose_name=_("booking"), db_index=False
    )
    from_status = models.CharField(_("previous status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices, blank=True)

    class Meta:
        verbose_name = _("booking status change")
        verbose_name_plural = _("history")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["booking", "created_at"], name="rooms_history_booking")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class BookingRequestKey(models.Model):
    """The `Idempotency-Key` an API client sent with a booking request, and a digest of what it asked for.

    A client that repeats a request (a retry after a timeout, a double click) with the same key gets the booking the
    first one made, never a second one; the same key with another request is refused. The unique constraint keeps
    this also for two requests with one key at the same moment: the second INSERT waits for the first transaction
    and fails once it commits (rooms/idempotency.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("patron"), db_index=False
    )
    key = models.CharField(_("idempotency key"), max_length=80)
    digest = models.CharField(_("digest of the request"), max_length=64)
    # Empty only inside the transaction that makes the booking: the key is written first, to hold it.
    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, null=True, related_name="request_key", verbose_name=_("booking")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking request key")
        verbose_name_plural = _("booking request keys")
        constraints = [
            # Also the index of the lookup of a repeated key (rooms.idempotency.booking_request_once).
            models.UniqueConstraint(fields=["user", "key"], name="rooms_request_key_unique")
        ]

    def __str__(self) -> str:
        return self.key
