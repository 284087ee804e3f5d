"""Trainings and events with public registration: the event, a person's registration (held until
confirmed, waiting list) and the history of each registration's status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library_portal.models import StatusHistory, TimeStampedModel
from services.models.catalogue import Branch
from services.models.eservices import EService, Partner


class Event(TimeStampedModel):
    """A training or event with public registration.

    `confirmed_count` and `held_count` (places held for a public registrant until they confirm
    through the e-mailed link) are kept by the registration services under a row lock on the
    event; the check constraint makes the database itself refuse an overbooked event: held and
    confirmed places together never exceed the capacity.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eservice = models.ForeignKey(
        EService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("e-service"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("partner")
    )
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="events", verbose_name=_("branch"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    # A bookable room the event holds for its time, under room booking's no-overlap constraint (rooms/staff.py,
    # event_room_hold): a time already booked is refused when the event is saved.
    booked_room = models.ForeignKey(
        "rooms.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room held in room booking"),
        help_text=_("The event keeps this room for its time; a time already booked is refused."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open at once.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: open until the start.")
    )
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    language = models.CharField(_("language of the event"), max_length=8, choices=settings.LANGUAGES, default="lt")
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    confirmed_count = models.PositiveIntegerField(_("confirmed registrations"), default=0, editable=False)
    held_count = models.PositiveIntegerField(_("places held until confirmed"), default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        permissions = [("message_registrants", _("Can message an event's registrants"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="services_event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="services_event_capacity_positive",
                violation_error_message=_("An event needs at least one place."),
            ),
            # No overbooking, whatever the code above it does: a held place is as taken as a confirmed one.
            models.CheckConstraint(
                condition=Q(capacity__gte=models.F("confirmed_count") + models.F("held_count")),
                name="services_event_not_overbooked",
                violation_error_message=_("There are more confirmed and held registrations than places."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="services_event_registration_window",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]
        indexes = [models.Index(fields=["is_cancelled", "starts_at"], name="services_event_upcoming")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:event_detail", kwargs={"pk": self.pk})

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count - self.held_count, 0)


class Registration(TimeStampedModel):
    """A person's place (or place in the queue) at an event. No account is needed.

    A public registrant's place is *held* until they open the link e-mailed to them and confirm
    (`hold_expires_at`); a hold not confirmed in time *expires* and the place goes to the next
    person waiting. `contact_confirmed_at` says that the address is known to be theirs (the link
    was confirmed, the patron's account address is verified, or staff entered the registration):
    such a person moving up from the waiting list is confirmed at once, anyone else is held again.
    """

    class Status(models.TextChoices):
        HELD = "held", _("Held until confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")

    # The allowed moves: a held place is confirmed, released when its time is up, or given back;
    # a waitlisted person moves up (held, or confirmed when their address is known) or leaves;
    # a confirmed one can only leave.
    TRANSITIONS = {
        Status.HELD: {Status.CONFIRMED, Status.EXPIRED, Status.CANCELLED},
        Status.WAITLISTED: {Status.HELD, Status.CONFIRMED, Status.CANCELLED},
        Status.CONFIRMED: {Status.CANCELLED},
        Status.CANCELLED: set(),
        Status.EXPIRED: set(),
    }
    # Registrations that still hold or wait for a place; the others free the e-mail and phone to register again.
    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="lt")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    consent_at = models.DateTimeField(_("consent given"))
    attended = models.BooleanField(_("attended"), default=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    contact_confirmed_at = models.DateTimeField(_("contact confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="services_registration_email_or_phone",
                violation_error_message=_("Give an e-mail address or a phone number."),
            ),
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(email="") & Q(status__in=["held", "confirmed", "waitlisted"]),
                name="services_registration_email_once",
                violation_error_message=_("This e-mail address is already registered for this event."),
            ),
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=~Q(phone="") & Q(status__in=["held", "confirmed", "waitlisted"]),
                name="services_registration_phone_once",
                violation_error_message=_("This phone number is already registered for this event."),
            ),
            # Every held place has an expiry: the release task and the counts of valid holds rely on it.
            models.CheckConstraint(
                condition=~Q(status="held") | Q(hold_expires_at__isnull=False),
                name="services_registration_hold_has_expiry",
                violation_error_message=_("A held place needs an expiry time."),
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="services_registration_queue"),
            # A patron's registrations on My account: those made with the account's address, in any case.
            models.Index(Lower("email"), name="services_registration_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def patron_can_cancel(self) -> bool:
        """Whether its owner may still cancel it through the link: it holds or waits for a place, and the event is
        neither cancelled nor begun (services.registrations.event_registration_cancel refuses the rest)."""
        return self.status in self.ACTIVE and not self.event.is_cancelled and self.event.starts_at > timezone.now()


class RegistrationChange(StatusHistory):
    """History of a registration's status: from, to, who (empty: the person themselves), when, why, note.

    Why the portal moved it is a code (`reason`), shown in the reader's language; `note` is only what staff
    wrote (the message of a cancellation)."""

    class Reason(models.TextChoices):
        REGISTERED = "registered", _("registered")
        REGISTERED_BY_STAFF = "registered_by_staff", _("registered by staff")
        CONFIRMED_BY_LINK = "confirmed_by_link", _("confirmed by link")
        CONFIRMED_BY_STAFF = "confirmed_by_staff", _("confirmed by staff")
        PROMOTED = "promoted", _("promoted from the waiting list")
        PROMOTED_HELD = "promoted_held", _("promoted from the waiting list, held until confirmed")
        NOT_CONFIRMED = "not_confirmed", _("not confirmed in time")
        CANCELLED_BY_LINK = "cancelled_by_link", _("cancelled by link")
        CANCELLED_BY_STAFF = "cancelled_by_staff", _("cancelled by staff")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="changes", verbose_name=_("registration")
    )
    # The statuses' names, for the back office.
    from_status = models.CharField(_("previous status"), max_length=20, choices=Registration.Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Registration.Status.choices)
    reason = models.CharField(_("why"), max_length=30, choices=Reason.choices, blank=True)

    class Meta:
        verbose_name = _("registration change")
        verbose_name_plural = _("registration changes")
        ordering = ["registration", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"
