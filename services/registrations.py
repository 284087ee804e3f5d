"""Writes with rules of event registration: the signed cancel and confirm links, the registrants' e-mails,
registering with a waiting list and holds on places, confirming, cancelling, the release of holds that ran out
and the day-before reminder. The event's counters of confirmed and held places follow every move here.

Staff's changes to an event itself (edit, cancellation, messages, attendance) are in `services.events`."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.tasks import mail_after_commit
from library_portal.transitions import transition
from library_portal.typography import inner_quotes
from services.calendars import events_ics
from services.models import Event, Registration, RegistrationChange
from services.selectors import library_zone, portal_library, registration_closed_reason
from services.tasks import registration_hold_expire_task, registration_reminder_task

CANCEL_SALT = "services.registration-cancel"
CONFIRM_SALT = "services.registration-confirm"
CANCEL_MAX_AGE = 400 * 24 * 3600  # a cancel link outlives any registration window
REMINDER_BEFORE = dt.timedelta(days=1)
Status = Registration.Status
HOLD_EXPIRED_MESSAGE = gettext_lazy(
    "This place was not confirmed in time and has gone to the next person. "
    "You can register again while places are left."
)


# Tokens ------------------------------------------------------------------------------------------


def registration_cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=CANCEL_SALT)


def registration_confirm_token(registration: Registration) -> str:
    """The token of the link that confirms a held place. It does not expire by itself: the hold's
    expiry in the database decides, so a place given back to the queue cannot be confirmed."""
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=CONFIRM_SALT)


def _registration_from_signed(token: str, *, salt: str, invalid, expired) -> Registration:
    try:
        data = signing.loads(token, salt=salt, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(expired, code="expired") from None
    except signing.BadSignature:
        raise DomainError(invalid, code="bad_token") from None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("e"), int):
        raise DomainError(invalid, code="bad_token")
    registration = Registration.objects.select_related("event__branch").filter(pk=data["r"], event_id=data["e"]).first()
    if registration is None:
        raise DomainError(invalid, code="bad_token")
    return registration


def registration_from_token(token: str) -> Registration:
    """The registration a cancel link was made for. Raises DomainError for a forged or expired link."""
    return _registration_from_signed(
        token,
        salt=CANCEL_SALT,
        invalid=gettext_lazy("This cancellation link is not valid."),
        expired=gettext_lazy("This cancellation link has expired."),
    )


def registration_from_confirm_token(token: str) -> Registration:
    """The registration a confirmation link was made for. Raises DomainError for a forged link."""
    return _registration_from_signed(
        token,
        salt=CONFIRM_SALT,
        invalid=gettext_lazy("This confirmation link is not valid."),
        expired=gettext_lazy("This confirmation link has expired."),
    )


# Mail --------------------------------------------------------------------------------------------


def registration_mail(
    *, registration: Registration, event: Event, kind: str, site_url: str, note: str = "", subject_text: str = ""
) -> None:
    """Queue one of the registration e-mails in the registrant's language, with the event's .ics for
    a confirmed place. Only people who gave an e-mail address are written to."""
    if not registration.email:
        return
    zone = library_zone(portal_library())
    with translation.override(registration.language), timezone.override(zone):
        subjects = {
            "held": _("Confirm your place at “%(title)s”"),
            "promoted_held": _("A place has become free at “%(title)s”: confirm it"),
            "confirmed": _("Your place at “%(title)s” is confirmed"),
            "waitlisted": _("You are on the waiting list for “%(title)s”"),
            "promoted": _("A place has become free: you are registered for “%(title)s”"),
            "reminder": _("Reminder: “%(title)s” is tomorrow"),
            "changed": _("“%(title)s” has changed"),
            "event_cancelled": _("“%(title)s” is cancelled"),
            "cancelled": _("Your registration for “%(title)s” is cancelled"),
            "message": _("About “%(title)s”"),
        }
        subject = subject_text or subjects[kind] % {"title": inner_quotes(event.title)}
        cancel_path = reverse("services:registration_cancel", kwargs={"token": registration_cancel_token(registration)})
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "note": note,
            "event_url": site_url + event.get_absolute_url(),
            "cancel_url": site_url + cancel_path,
        }
        if registration.status == Status.HELD:
            token = registration_confirm_token(registration)
            context["confirm_url"] = site_url + reverse("services:registration_confirm", kwargs={"token": token})
        body = render_to_string("events/email_registration.txt", context)
        attachments = None
        if registration.status == Status.CONFIRMED and kind in {"confirmed", "promoted", "changed"}:
            ics = events_ics(events=[event], language=registration.language, site_url=site_url)
            attachments = [(f"event-{event.pk}.ics", ics, "text/calendar")]
    mail_after_commit(subject=subject, body=body, to=[registration.email], attachments=attachments)


def reminder_schedule(*, registration: Registration, event: Event, site_url: str) -> None:
    """Queue the day-before reminder for a confirmed registration (none when the event is less than a day away)."""
    remind_at = event.starts_at - REMINDER_BEFORE
    if registration.status != Status.CONFIRMED or remind_at <= timezone.now():
        return
    arguments = {"registration_id": registration.pk, "starts_at": event.starts_at.isoformat(), "site_url": site_url}
    transaction.on_commit(lambda: registration_reminder_task.using(run_after=remind_at).enqueue(**arguments))


# Registration ------------------------------------------------------------------------------------

EVENT_COUNTERS = ["confirmed_count", "held_count", "updated_at"]


def _count(event: Event, status: str, delta: int) -> None:
    """Keep the event's counters in step with a registration entering (+1) or leaving (-1) `status`."""
    if status == Status.CONFIRMED:
        event.confirmed_count += delta
    elif status == Status.HELD:
        event.held_count += delta


def _registration_move(
    registration: Registration,
    to: str,
    *,
    event: Event,
    reason: str,
    actor: User | None = None,
    note: str = "",
    fields=(),
) -> None:
    """The one way a registration changes status: `transition` checks Registration.TRANSITIONS, saves and writes
    the history row; here the event's counters follow (the caller holds the event's lock and saves it)."""
    from_status = transition(
        registration,
        to,
        table=Registration.TRANSITIONS,
        history=registration.changes,
        refused=gettext_lazy("This registration cannot change from “%(from)s” to “%(to)s”."),
        actor=actor,
        note=note,
        fields=fields,
        reason=reason,
    )
    _count(event, from_status, -1)
    _count(event, to, +1)
    bump(Namespace.ESERVICES)  # the places left, shown in the lists of events


def _hold_until(event: Event, now: dt.datetime) -> dt.datetime:
    # A hold never outlasts the start: an unconfirmed place is of no use to anyone once the event has begun.
    return min(now + dt.timedelta(minutes=settings.EVENT_HOLD_MINUTES), event.starts_at)


def _hold_expiry_schedule(*, registration: Registration, site_url: str) -> None:
    """Queue the release of a held place at its expiry. The row is written in the caller's
    transaction, so a hold never exists without the task that releases it."""
    registration_hold_expire_task.using(run_after=registration.hold_expires_at).enqueue(
        registration_id=registration.pk, site_url=site_url
    )


def _promote(*, registration: Registration, event: Event, now: dt.datetime, site_url: str) -> None:
    """A free place goes to the first person waiting: confirmed at once when their address is known
    to be theirs, else held until they confirm through the e-mailed link, as a new registrant is.
    Otherwise invented addresses parked on the waiting list would take the places their holds gave back."""
    if registration.contact_confirmed_at is not None:
        _registration_move(registration, Status.CONFIRMED, event=event, reason=RegistrationChange.Reason.PROMOTED)
        registration_mail(registration=registration, event=event, kind="promoted", site_url=site_url)
        reminder_schedule(registration=registration, event=event, site_url=site_url)
        return
    registration.hold_expires_at = _hold_until(event, now)
    _registration_move(
        registration,
        Status.HELD,
        event=event,
        reason=RegistrationChange.Reason.PROMOTED_HELD,
        fields=["hold_expires_at"],
    )
    registration_mail(registration=registration, event=event, kind="promoted_held", site_url=site_url)
    _hold_expiry_schedule(registration=registration, site_url=site_url)


def release_expired_holds(*, event: Event, now: dt.datetime) -> list[Registration]:
    """Give back every place of `event` whose hold is over (`event` is locked by the caller).

    Every service that decides about places calls this first, so a decision never counts a hold
    that has run out, even when the worker runs the release task late; the task then finds nothing left to do.
    """
    expired = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.HELD, hold_expires_at__lte=now)
        .order_by("hold_expires_at", "id")
    )
    for registration in expired:
        _registration_move(registration, Status.EXPIRED, event=event, reason=RegistrationChange.Reason.NOT_CONFIRMED)
    return expired


def promote_waitlisted(*, event: Event, site_url: str, now: dt.datetime | None = None) -> list[Registration]:
    """Fill free places from the waiting list, first come first served; `event` is locked by the caller."""
    now = now or timezone.now()
    promoted = []
    if event.is_cancelled or event.starts_at <= now:
        return promoted
    while event.confirmed_count + event.held_count < event.capacity:
        following = (
            Registration.objects.select_for_update()
            .filter(event=event, status=Status.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if following is None:
            break
        _promote(registration=following, event=event, now=now, site_url=site_url)
        promoted.append(following)
    return promoted


def _settle(*, event: Event, now: dt.datetime, site_url: str) -> None:
    """Release the holds that have run out and move the waiting list up into the places freed."""
    if release_expired_holds(event=event, now=now):
        promote_waitlisted(event=event, site_url=site_url, now=now)


def _address_verified(patron: User | None, email: str) -> bool:
    """True when `patron` is logged in with a verified account address and registers with that address."""
    if patron is None or not patron.is_authenticated or not email or patron.email.lower() != email:
        return False
    return PatronProfile.objects.filter(user=patron, email_verified_at__isnull=False).exists()


def event_registration_create(  # noqa: C901 - the registration's rules in order (open, places, waiting list, hold, duplicates)
    *,
    event: Event,
    name: str,
    email: str,
    phone: str,
    consent: bool,
    language: str,
    site_url: str,
    now: dt.datetime | None = None,
    patron: User | None = None,
    by: User | None = None,
) -> Registration:
    """Register a person for an event: a place while places are left, else the waiting list.

    The place is confirmed at once when staff enter the registration (`by`: someone registering by
    phone or at the desk, who may give only a phone number) or when a logged-in `patron` registers
    with their verified account address. Any other registration is public and needs an e-mail
    address: its place is held for EVENT_HOLD_MINUTES until the link e-mailed to it is confirmed,
    so invented addresses hold places only until their holds expire.

    The event row is locked for the whole decision, and the database refuses an overbooked event
    (held and confirmed places together), so concurrent registrations can never take more places
    than there are. Raises DomainError for a cancelled, past or not-yet/no-longer open event,
    missing contact or consent, a malformed e-mail address, or a second registration with the same
    e-mail address or phone number.
    """
    name, email, phone = name.strip(), email.strip().lower(), " ".join(phone.split())
    if not name:
        raise DomainError(gettext_lazy("Give your name."), code="required", field="name")
    if by is None and not email:
        raise DomainError(
            gettext_lazy("Give your e-mail address: we send you a link to confirm your place."),
            code="required",
            field="email",
        )
    if not email and not phone:
        raise DomainError(gettext_lazy("Give an e-mail address or a phone number."), code="required", field="email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(gettext_lazy("Enter a valid e-mail address."), code="invalid", field="email") from None
    if not consent:
        raise DomainError(
            gettext_lazy("Registration needs your consent to keep your contact details until the event."),
            code="consent_required",
            field="consent",
        )
    if patron is not None:
        # The mails (and the .ics) go in the language the patron chose for the library's mail, whatever the page.
        language = patron.language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    now = now or timezone.now()
    known_contact = by is not None or _address_verified(patron, email)
    with transaction.atomic():
        locked = Event.objects.select_for_update().select_related("branch").get(pk=event.pk)
        reason = registration_closed_reason(locked, now=now)
        if reason is not None:
            raise DomainError(reason, code="registration_closed", status=409)
        # Places whose hold ran out go to the people already waiting before anyone new.
        _settle(event=locked, now=now, site_url=site_url)
        taken = Registration.objects.filter(event=locked, status__in=Registration.ACTIVE)
        # Lower(email) and the non-empty test match the partial unique index, so this is an index lookup.
        if email and taken.exclude(email="").alias(email_lower=Lower("email")).filter(email_lower=email).exists():
            raise DomainError(
                gettext_lazy("This e-mail address is already registered for this event."),
                code="already_registered",
                field="email",
                status=409,
            )
        if phone and taken.filter(phone=phone).exists():
            raise DomainError(
                gettext_lazy("This phone number is already registered for this event."),
                code="already_registered",
                field="phone",
                status=409,
            )
        if locked.confirmed_count + locked.held_count >= locked.capacity:
            status = Status.WAITLISTED
        else:
            status = Status.CONFIRMED if known_contact else Status.HELD
        registration = Registration.objects.create(
            event=locked,
            name=name,
            email=email,
            phone=phone,
            language=language,
            status=status,
            consent_at=now,
            contact_confirmed_at=now if known_contact else None,
            hold_expires_at=_hold_until(locked, now) if status == Status.HELD else None,
        )
        RegistrationChange.objects.create(
            registration=registration,
            to_status=status,
            actor=by,
            reason=RegistrationChange.Reason.REGISTERED_BY_STAFF if by else RegistrationChange.Reason.REGISTERED,
        )
        _count(locked, status, +1)
        bump(Namespace.ESERVICES)  # the places left, shown in the lists of events
        registration_mail(registration=registration, event=locked, kind=status, site_url=site_url)
        if status == Status.HELD:
            _hold_expiry_schedule(registration=registration, site_url=site_url)
        reminder_schedule(registration=registration, event=locked, site_url=site_url)
        locked.save(update_fields=EVENT_COUNTERS)
    return registration


def event_registration_confirm(
    *, registration: Registration, site_url: str, by: User | None = None, now: dt.datetime | None = None
) -> Registration:
    """Confirm a held place (the registrant through the e-mailed link, or staff who reached them):
    the confirmation with the .ics and the cancel link goes out and the reminder is queued.

    Raises DomainError when the hold has run out (the place has gone back; the release happens
    here if the task has not run yet), when the registration is already confirmed or was never
    held, or when the event is cancelled or has begun.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("branch").get(pk=registration.event_id)
        _settle(event=event, now=now, site_url=site_url)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Status.EXPIRED:
            # Raising rolls the release back too: an expired link changes nothing; the task releases the place.
            raise DomainError(
                HOLD_EXPIRED_MESSAGE,
                code="hold_expired",
                status=410,
            )
        if locked.status == Status.CONFIRMED:
            raise DomainError(gettext_lazy("Your place is already confirmed."), code="already_confirmed", status=409)
        if locked.status != Status.HELD:
            raise DomainError(
                gettext_lazy("Only a place held for someone can be confirmed."), code="not_held", status=409
            )
        if event.is_cancelled or event.starts_at <= now:
            raise DomainError(registration_closed_reason(event, now=now), code="registration_closed", status=409)
        locked.contact_confirmed_at = now
        _registration_move(
            locked,
            Status.CONFIRMED,
            event=event,
            actor=by,
            reason=RegistrationChange.Reason.CONFIRMED_BY_STAFF if by else RegistrationChange.Reason.CONFIRMED_BY_LINK,
            fields=["contact_confirmed_at"],
        )
        event.save(update_fields=EVENT_COUNTERS)
        registration_mail(registration=locked, event=event, kind="confirmed", site_url=site_url)
        reminder_schedule(registration=locked, event=event, site_url=site_url)
    return locked


def event_registration_hold_expire(*, registration_id: int, site_url: str, now: dt.datetime | None = None) -> bool:
    """Release a held place whose time is up, and every other run-out hold of its event, moving the
    waiting list up; True when this registration was released here. Run by the task queued at the
    hold's expiry; nothing happens when the place was confirmed, cancelled or released meanwhile."""
    now = now or timezone.now()
    event_id = Registration.objects.filter(pk=registration_id).values_list("event_id", flat=True).first()
    if event_id is None:
        return False
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("branch").get(pk=event_id)
        released = release_expired_holds(event=event, now=now)
        if released:
            promote_waitlisted(event=event, site_url=site_url, now=now)
            event.save(update_fields=EVENT_COUNTERS)
    return any(r.pk == registration_id for r in released)


def event_registration_cancel(
    *, registration: Registration, site_url: str, by: User | None = None, note: str = ""
) -> Registration:
    """Cancel a registration (by its owner through the link, or by staff); the first person on the
    waiting list moves up and is told. Raises DomainError when already cancelled or released, or
    the event has begun."""
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("branch").get(pk=registration.event_id)
        _settle(event=event, now=now, site_url=site_url)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Status.CANCELLED:
            raise DomainError(gettext_lazy("This registration is already cancelled."), code="already_cancelled")
        if locked.status == Status.EXPIRED:
            raise DomainError(
                gettext_lazy("This place was not confirmed in time and has already been given back."),
                code="already_cancelled",
            )
        if by is None and event.starts_at <= now:
            raise DomainError(
                gettext_lazy("The event has already begun, so the registration can no longer be cancelled."),
                code="expired",
            )
        _registration_move(
            locked,
            Status.CANCELLED,
            event=event,
            actor=by,
            reason=RegistrationChange.Reason.CANCELLED_BY_STAFF if by else RegistrationChange.Reason.CANCELLED_BY_LINK,
            note=note,
        )
        promote_waitlisted(event=event, site_url=site_url, now=now)
        event.save(update_fields=EVENT_COUNTERS)
        registration_mail(registration=locked, event=event, kind="cancelled", site_url=site_url)
    return locked


def registration_reminder_send(*, registration_id: int, expected_start: dt.datetime, site_url: str) -> bool:
    """Send the day-before reminder once; True when it was sent. Nothing is sent for a cancelled
    registration or event, or when the event has moved since the reminder was queued."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event__branch")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.status != Status.CONFIRMED or registration.reminder_sent_at:
            return False
        event = registration.event
        if event.is_cancelled or event.starts_at != expected_start or event.starts_at <= timezone.now():
            return False
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at", "updated_at"])
        registration_mail(registration=registration, event=event, kind="reminder", site_url=site_url)
    return True
