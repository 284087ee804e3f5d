"""Writes with rules of the e-services: consultations and the resource-link check.

Event registration is in `services.registrations`, staff's changes to events in `services.events`."""

import datetime as dt

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from library_portal.errors import DomainError
from library_portal.models import User
from services.models import Branch, Consultation, EService, OnlineResource

# Consultations -----------------------------------------------------------------------------------


def consultation_record(
    *, date: dt.date, branch: Branch, eservice: EService, people: int, minutes: int, by: User | None
) -> Consultation:
    """Record a consultation (counts only, no personal data). Raises DomainError for a future date
    or numbers out of range."""
    _consultation_check(date=date, people=people, minutes=minutes)
    return Consultation.objects.create(
        date=date, branch=branch, eservice=eservice, people=people, minutes=minutes, recorded_by=by
    )


def _consultation_check(*, date: dt.date, people: int, minutes: int) -> None:
    if date > timezone.localdate():
        raise DomainError(gettext_lazy("A consultation cannot be recorded for a future date."), field="date")
    if not 1 <= people <= 500:
        raise DomainError(gettext_lazy("Give between 1 and 500 people."), field="people")
    if not 1 <= minutes <= 1440:
        raise DomainError(gettext_lazy("Give between 1 and 1440 minutes."), field="minutes")


def consultations_correctable(*, by: User) -> models.QuerySet[Consultation]:
    """The entries a librarian may still correct: their own, recorded today (a mistake is fixed where it was made;
    older figures are the statistics')."""
    return Consultation.objects.filter(recorded_by=by, created_at__date=timezone.localdate())


def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    date: dt.date,
    branch: Branch,
    eservice: EService,
    people: int,
    minutes: int,
) -> Consultation:
    """Correct one of today's own entries. Raises DomainError as consultation_record does, and when the entry is
    not the librarian's own from today."""
    with transaction.atomic():
        locked = consultations_correctable(by=by).select_for_update().filter(pk=consultation.pk).first()
        if locked is None:
            raise DomainError(gettext_lazy("Only your own entries of today can be corrected."), status=403)
        _consultation_check(date=date, people=people, minutes=minutes)
        locked.date, locked.branch, locked.eservice = date, branch, eservice
        locked.people, locked.minutes = people, minutes
        locked.save(update_fields=["date", "branch", "eservice", "people", "minutes", "updated_at"])
    return locked


def consultation_delete(*, consultation: Consultation, by: User) -> None:
    """Delete one of today's own entries (recorded by mistake). Raises DomainError otherwise."""
    deleted, _rows = consultations_correctable(by=by).filter(pk=consultation.pk).delete()
    if not deleted:
        raise DomainError(gettext_lazy("Only your own entries of today can be corrected."), status=403)


# Resource links ----------------------------------------------------------------------------------


def online_resource_check_record(*, resource: OnlineResource, ok: bool, result: str) -> OnlineResource:
    """Keep the outcome of a check of the resource's address (`services.links.url_check` asks the web server);
    staff see it in the admin and can filter the dead ones."""
    resource.last_checked_at = timezone.now()
    resource.last_check_ok = ok
    resource.last_check_result = result
    resource.save(update_fields=["last_checked_at", "last_check_ok", "last_check_result", "updated_at"])
    return resource
