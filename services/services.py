"""Writes with rules of the e-services: event registration with a waiting list, event changes and
cancellation, attendance, messages to registrants, consultations and the resource-link check."""

import datetime as dt
import urllib.error
import urllib.request
from dataclasses import dataclass

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

from library_portal.errors import DomainError
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from services.calendars import events_ics
from services.models import Branch, Consultation, EService, Event, OnlineResource, Registration, RegistrationChange
from services.selectors import library_zone, portal_library, registration_closed_reason
from services.tasks import registration_reminder_task

CANCEL_SALT = "services.registration-cancel"
CANCEL_MAX_AGE = 400 * 24 * 3600  # a cancel link outlives any registration window
REMINDER_BEFORE = dt.timedelta(days=1)
Status = Registration.Status


# Tokens ------------------------------------------------------------------------------------------


def registration_cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration:
    """The registration a cancel link was made for. Raises DomainError for a forged or expired link."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(gettext_lazy("This cancellation link has expired."), code="expired") from None
    except signing.BadSignature:
        raise DomainError(gettext_lazy("This cancellation link is not valid."), code="bad_token") from None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("e"), int):
        raise DomainError(gettext_lazy("This cancellation link is not valid."), code="bad_token")
    registration = Registration.objects.select_related("event__branch").filter(pk=data["r"], event_id=data["e"]).first()
    if registration is None:
        raise DomainError(gettext_lazy("This cancellation link is not valid."), code="bad_token")
    return registration


# Mail --------------------------------------------------------------------------------------------


def _registration_mail(
    *, registration: Registration, event: Event, kind: str, site_url: str, note: str = "", subject_text: str = ""
) -> None:
    """Queue one of the registration e-mails in the registrant's language, with the event's .ics for
    a confirmed place. Only people who gave an e-mail address are written to."""
    if not registration.email:
        return
    zone = library_zone(portal_library())
    with translation.override(registration.language), timezone.override(zone):
        subjects = {
            "confirmed": _("Your place at “%(title)s” is confirmed"),
            "waitlisted": _("You are on the waiting list for “%(title)s”"),
            "promoted": _("A place has become free: you are registered for “%(title)s”"),
            "reminder": _("Reminder: “%(title)s” is tomorrow"),
            "changed": _("“%(title)s” has changed"),
            "event_cancelled": _("“%(title)s” is cancelled"),
            "cancelled": _("Your registration for “%(title)s” is cancelled"),
            "message": _("About “%(title)s”"),
        }
        subject = subject_text or subjects[kind] % {"title": event.title}
        cancel_path = reverse("services:registration_cancel", kwargs={"token": registration_cancel_token(registration)})
        body = render_to_string(
            "events/email_registration.txt",
            {
                "kind": kind,
                "registration": registration,
                "event": event,
                "note": note,
                "event_url": site_url + event.get_absolute_url(),
                "cancel_url": site_url + cancel_path,
            },
        )
        attachments = None
        if registration.status == Status.CONFIRMED and kind in {"confirmed", "promoted", "changed"}:
            ics = events_ics(events=[event], language=registration.language, site_url=site_url)
            attachments = [(f"event-{event.pk}.ics", ics, "text/calendar")]
    mail_after_commit(subject=subject, body=body, to=[registration.email], attachments=attachments)


def _reminder_schedule(*, registration: Registration, event: Event, site_url: str) -> None:
    """Queue the day-before reminder for a confirmed registration (none when the event is less than a day away)."""
    remind_at = event.starts_at - REMINDER_BEFORE
    if registration.status != Status.CONFIRMED or remind_at <= timezone.now():
        return
    arguments = {"registration_id": registration.pk, "starts_at": event.starts_at.isoformat(), "site_url": site_url}
    transaction.on_commit(lambda: registration_reminder_task.using(run_after=remind_at).enqueue(**arguments))


# Registration ------------------------------------------------------------------------------------


def _move(registration: Registration, to: str, *, by: User | None = None, note: str = "") -> None:
    if to not in Registration.TRANSITIONS[registration.status]:
        raise DomainError(
            gettext_lazy("This registration cannot change from “%(from)s” to “%(to)s”.")
            % {"from": registration.get_status_display(), "to": Status(to).label},
            code="illegal_transition",
            status=409,
        )
    RegistrationChange.objects.create(
        registration=registration, from_status=registration.status, to_status=to, by=by, note=note
    )
    registration.status = to
    registration.save(update_fields=["status", "updated_at"])


def _promote_waitlisted(*, event: Event, site_url: str) -> list[Registration]:
    """Fill free places from the waiting list, first come first served; `event` is locked by the caller."""
    promoted = []
    if event.is_cancelled or event.starts_at <= timezone.now():
        return promoted
    while event.confirmed_count < event.capacity:
        following = (
            Registration.objects.select_for_update()
            .filter(event=event, status=Status.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if following is None:
            break
        _move(following, Status.CONFIRMED, note="promoted from the waiting list")
        event.confirmed_count += 1
        promoted.append(following)
        _registration_mail(registration=following, event=event, kind="promoted", site_url=site_url)
        _reminder_schedule(registration=following, event=event, site_url=site_url)
    return promoted


def event_registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    phone: str,
    consent: bool,
    language: str,
    site_url: str,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person for an event: a confirmed place while places are left, else the waiting list.

    The event row is locked for the whole decision, and the database refuses an overbooked event,
    so concurrent registrations can never take more places than there are. Raises DomainError for
    a cancelled, past or not-yet/no-longer open event, missing contact or consent, a malformed
    e-mail address, or a second registration with the same e-mail address or phone number.
    """
    name, email, phone = name.strip(), email.strip().lower(), " ".join(phone.split())
    if not name:
        raise DomainError(gettext_lazy("Give your name."), code="required", field="name")
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
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().select_related("branch").get(pk=event.pk)
        reason = registration_closed_reason(locked, now=now)
        if reason is not None:
            raise DomainError(reason, code="registration_closed", status=409)
        taken = Registration.objects.filter(event=locked).exclude(status=Status.CANCELLED)
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
        status = Status.CONFIRMED if locked.confirmed_count < locked.capacity else Status.WAITLISTED
        registration = Registration.objects.create(
            event=locked, name=name, email=email, phone=phone, language=language, status=status, consent_at=now
        )
        RegistrationChange.objects.create(registration=registration, to_status=status, note="registered")
        if status == Status.CONFIRMED:
            locked.confirmed_count += 1
            locked.save(update_fields=["confirmed_count", "updated_at"])
        _registration_mail(
            registration=registration,
            event=locked,
            kind="confirmed" if status == Status.CONFIRMED else "waitlisted",
            site_url=site_url,
        )
        _reminder_schedule(registration=registration, event=locked, site_url=site_url)
    return registration


def event_registration_cancel(
    *, registration: Registration, site_url: str, by: User | None = None, note: str = ""
) -> Registration:
    """Cancel a registration (by its owner through the link, or by staff); the first person on the
    waiting list moves up and is told. Raises DomainError when already cancelled or the event has begun."""
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("branch").get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Status.CANCELLED:
            raise DomainError(gettext_lazy("This registration is already cancelled."), code="already_cancelled")
        if by is None and event.starts_at <= timezone.now():
            raise DomainError(
                gettext_lazy("The event has already begun, so the registration can no longer be cancelled."),
                code="expired",
            )
        was_confirmed = locked.status == Status.CONFIRMED
        _move(locked, Status.CANCELLED, by=by, note=note or ("cancelled by staff" if by else "cancelled by link"))
        if was_confirmed:
            event.confirmed_count -= 1
        _promote_waitlisted(event=event, site_url=site_url)
        event.save(update_fields=["confirmed_count", "updated_at"])
        _registration_mail(registration=locked, event=event, kind="cancelled", site_url=site_url)
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
        _registration_mail(registration=registration, event=event, kind="reminder", site_url=site_url)
    return True


# Events ------------------------------------------------------------------------------------------

SCHEDULE_FIELDS = {"starts_at", "ends_at", "branch", "room"}


def event_update(*, event: Event, changed_fields: list[str] | set[str], site_url: str) -> Event:
    """Apply the consequences of staff editing an event (already saved): more places move people up
    from the waiting list; a new time or place is e-mailed to everyone registered, and the reminders
    are queued again for the new time. Raises DomainError when fewer places than confirmed people remain."""
    changed = set(changed_fields)
    with transaction.atomic():
        locked = Event.objects.select_for_update().select_related("branch").get(pk=event.pk)
        if locked.capacity < locked.confirmed_count:
            raise DomainError(
                gettext_lazy("%(count)d people are already confirmed: give at least that many places.")
                % {"count": locked.confirmed_count},
                code="capacity_too_small",
                field="capacity",
            )
        if "capacity" in changed:
            _promote_waitlisted(event=locked, site_url=site_url)
            locked.save(update_fields=["confirmed_count", "updated_at"])
        if changed & SCHEDULE_FIELDS and not locked.is_cancelled:
            for registration in locked.registrations.exclude(status=Status.CANCELLED):
                _registration_mail(registration=registration, event=locked, kind="changed", site_url=site_url)
                if registration.status == Status.CONFIRMED and "starts_at" in changed:
                    registration.reminder_sent_at = None
                    registration.save(update_fields=["reminder_sent_at", "updated_at"])
                    _reminder_schedule(registration=registration, event=locked, site_url=site_url)
    return locked


def event_cancel(*, event: Event, site_url: str, by: User | None = None, note: str = "") -> Event:
    """Cancel an event and tell everyone registered (confirmed or waiting). Their reminders will not
    go out. Raises DomainError when the event is already cancelled."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().select_related("branch").get(pk=event.pk)
        if locked.is_cancelled:
            raise DomainError(gettext_lazy("This event is already cancelled."), code="already_cancelled")
        locked.is_cancelled = True
        locked.save(update_fields=["is_cancelled", "updated_at"])
        for registration in locked.registrations.exclude(status=Status.CANCELLED):
            _registration_mail(
                registration=registration, event=locked, kind="event_cancelled", site_url=site_url, note=note
            )
    return locked


def event_registrants_message(*, event: Event, subject: str, body: str, site_url: str, by: User) -> int:
    """E-mail a message from staff to everyone registered (confirmed and waiting); returns how many
    were written to. Raises DomainError for an empty message or when nobody has an e-mail address."""
    if not subject.strip() or not body.strip():
        raise DomainError(gettext_lazy("Write a subject and a message."), code="required", field="body")
    recipients = list(event.registrations.exclude(status=Status.CANCELLED).exclude(email=""))
    if not recipients:
        raise DomainError(gettext_lazy("Nobody registered for this event has given an e-mail address."), code="empty")
    with transaction.atomic():
        for registration in recipients:
            _registration_mail(
                registration=registration,
                event=event,
                kind="message",
                site_url=site_url,
                note=body.strip(),
                subject_text=subject.strip(),
            )
    return len(recipients)


def event_attendance_mark(*, event: Event, attended_ids: set[int], by: User) -> int:
    """Mark who came (the confirmed registrations whose ids are given) and who did not; returns how many came."""
    with transaction.atomic():
        registrations = list(Registration.objects.select_for_update().filter(event=event, status=Status.CONFIRMED))
        for registration in registrations:
            came = registration.pk in attended_ids
            if registration.attended != came:
                registration.attended = came
                registration.save(update_fields=["attended", "updated_at"])
    return sum(1 for r in registrations if r.attended)


# Consultations -----------------------------------------------------------------------------------


def consultation_record(
    *, date: dt.date, branch: Branch, eservice: EService, people: int, minutes: int, by: User | None
) -> Consultation:
    """Record a consultation (counts only, no personal data). Raises DomainError for a future date
    or numbers out of range."""
    if date > timezone.localdate():
        raise DomainError(gettext_lazy("A consultation cannot be recorded for a future date."), field="date")
    if not 1 <= people <= 500:
        raise DomainError(gettext_lazy("Give between 1 and 500 people."), field="people")
    if not 1 <= minutes <= 1440:
        raise DomainError(gettext_lazy("Give between 1 and 1440 minutes."), field="minutes")
    return Consultation.objects.create(
        date=date, branch=branch, eservice=eservice, people=people, minutes=minutes, recorded_by=by
    )


# Resource links ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkCheck:
    resource: OnlineResource
    ok: bool
    result: str


def _check_url(url: str, *, timeout: float) -> tuple[bool, str]:
    headers = {"User-Agent": "library-portal-link-check/1.0"}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD; ask again with GET before calling a link dead
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310 - http(s) URLs only
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return True, f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 405, 501}:
                continue
            return False, f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return False, str(getattr(error, "reason", error))[:200]
    return False, "no answer"


def resource_links_check(*, timeout: float = 10.0) -> list[LinkCheck]:
    """Check every online resource's address and store the result; returns every check, dead ones included."""
    checks = []
    for resource in OnlineResource.objects.select_related("eservice").order_by("eservice__order", "order", "pk"):
        if not resource.url.lower().startswith(("http://", "https://")):
            ok, result = False, "not an http(s) address"
        else:
            ok, result = _check_url(resource.url, timeout=timeout)
        resource.last_checked_at = timezone.now()
        resource.last_check_ok = ok
        resource.last_check_result = result
        resource.save(update_fields=["last_checked_at", "last_check_ok", "last_check_result", "updated_at"])
        checks.append(LinkCheck(resource, ok, result))
    return checks
