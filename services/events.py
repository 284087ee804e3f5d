"""Writes with rules of staff's changes to an event: saving an edit (with its consequences for places,
the waiting list, mails and reminders), cancelling it, writing to its registrants and marking attendance.

They share the registrations' mail, hold and waiting-list helpers of `services.registrations`, which keep the
event's counters."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from library_portal.caching import Namespace, bump
from library_portal.errors import DomainError
from library_portal.models import User
from rooms.staff import event_room_hold
from search.services import search_index_update
from services.models import Event, Registration
from services.registrations import (
    EVENT_COUNTERS,
    Status,
    promote_waitlisted,
    registration_mail,
    release_expired_holds,
    reminder_schedule,
)

SCHEDULE_FIELDS = {"starts_at", "ends_at", "branch", "room"}


# What registrations and cancellation own: an edit by staff never writes back the copy read when its form opened.
EVENT_KEPT_FIELDS = ["confirmed_count", "held_count", "is_cancelled"]


def event_save(*, event: Event, changed_fields: Iterable[str] = (), site_url: str, by: User | None = None) -> Event:
    """Create an event, or save staff's edit of one and apply its consequences.

    An edit is written under the event's lock, after the holds that ran out are released and the places are
    checked against the registrations counted there (registrations may have come in since the form was read),
    and only then saved. More places move people up from the waiting list; a new time or place is e-mailed to
    everyone registered, and the reminders are queued again for the new time. The room it holds in room booking
    (`booked_room`) is held for its time, under that app's no-overlap constraint (rooms.staff.event_room_hold).
    Raises DomainError (field "capacity") when fewer places than confirmed and held registrations remain, and
    (field "booked_room") when the room is of another branch or already booked at that time: nothing is saved then.
    """
    if event.pk is None:
        with transaction.atomic():
            event.save()
            event_room_hold(event=event, actor=by)
            search_index_update(obj=event)
        bump(Namespace.ESERVICES)  # the new event in the lists
        return event
    changed = set(changed_fields)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        now = timezone.now()
        release_expired_holds(event=locked, now=now)
        taken = locked.confirmed_count + locked.held_count
        if event.capacity < taken:
            raise DomainError(
                gettext_lazy("%(count)d places are already confirmed or held: give at least that many places.")
                % {"count": taken},
                code="capacity_too_small",
                field="capacity",
            )
        for name in EVENT_KEPT_FIELDS:
            setattr(event, name, getattr(locked, name))
        event.save()
        event_room_hold(event=event, actor=by)
        promote_waitlisted(event=event, site_url=site_url, now=now)
        event.save(update_fields=EVENT_COUNTERS)
        search_index_update(obj=event)
        bump(Namespace.ESERVICES)  # the event as staff changed it
        if changed & SCHEDULE_FIELDS and not event.is_cancelled:
            for registration in event.registrations.filter(status__in=Registration.ACTIVE):
                registration_mail(registration=registration, event=event, kind="changed", site_url=site_url)
                if registration.status == Status.CONFIRMED and "starts_at" in changed:
                    registration.reminder_sent_at = None
                    registration.save(update_fields=["reminder_sent_at", "updated_at"])
                    reminder_schedule(registration=registration, event=event, site_url=site_url)
    return event


def event_cancel(*, event: Event, site_url: str, by: User | None = None, note: str = "") -> Event:
    """Cancel an event and tell everyone registered (confirmed, held or waiting). Their reminders will
    not go out, and held places are simply left to expire. Raises DomainError when the event is already cancelled."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().select_related("branch").get(pk=event.pk)
        if locked.is_cancelled:
            raise DomainError(gettext_lazy("This event is already cancelled."), code="already_cancelled")
        locked.is_cancelled = True
        locked.save(update_fields=["is_cancelled", "updated_at"])
        event_room_hold(event=locked, actor=by)  # the room is free again
        search_index_update(obj=locked)  # a cancelled event is no longer found
        bump(Namespace.ESERVICES)
        for registration in locked.registrations.filter(status__in=Registration.ACTIVE):
            registration_mail(
                registration=registration, event=locked, kind="event_cancelled", site_url=site_url, note=note
            )
    return locked


def event_registrants_message(*, event: Event, subject: str, body: str, site_url: str, by: User) -> int:
    """E-mail a message from staff to everyone registered (confirmed, held and waiting); returns how many
    were written to. Raises DomainError for an empty message or when nobody has an e-mail address."""
    if not subject.strip() or not body.strip():
        raise DomainError(gettext_lazy("Write a subject and a message."), code="required", field="body")
    recipients = list(event.registrations.filter(status__in=Registration.ACTIVE).exclude(email=""))
    if not recipients:
        raise DomainError(gettext_lazy("Nobody registered for this event has given an e-mail address."), code="empty")
    with transaction.atomic():
        for registration in recipients:
            registration_mail(
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
