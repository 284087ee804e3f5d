"""Reads shared by the admin and the services: the background tasks staff must look at, and the staff's day."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus

from library_portal.models import FailedTask, User


def staff_mail_language(address: str) -> str:
    """The language of a mail to staff: the preference of the member of staff with that address, else the
    library's default (a shared mailbox, such as ILL_STAFF_EMAIL, has no account and no preference)."""
    staff = User.objects.filter(email__iexact=address, is_staff=True).only("preferred_language").first()
    return staff.language if staff else settings.LANGUAGE_CODE


def patrons_to_pick() -> QuerySet[User]:
    """The patrons staff may enter an ILL request for: accounts that can log in, and records made at the desk for
    someone with no account (they cannot log in until claimed). Never staff."""
    return User.objects.filter(Q(is_active=True) | Q(patron__entered_by__isnull=False), is_staff=False)


def tasks_needing_attention() -> QuerySet[FailedTask]:
    """Failed tasks, and tasks RUNNING for longer than TASK_RECLAIM_AFTER: their worker died and no
    worker is running to reclaim them (a running worker puts them back within half that time)."""
    stuck_since = timezone.now() - dt.timedelta(seconds=settings.TASK_RECLAIM_AFTER)
    return FailedTask.objects.filter(
        Q(status=TaskResultStatus.FAILED) | Q(status=TaskResultStatus.RUNNING, started_at__lt=stuck_since)
    )


@dataclass(frozen=True)
class TodayCount:
    label: str
    count: int
    url: str


def working_days_before(day: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) before `day`."""
    while days > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _admin_list(name: str, **params) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def admin_lookup_q(params: dict[str, str]) -> Q:
    """The filter an admin list applies for these URL parameters (`__in` takes a comma-separated list, `__isnull`
    "True" or "False"), so that a count and the link to its list are written once and always agree."""
    lookups = {}
    for key, value in params.items():
        if key.endswith("__in"):
            lookups[key] = value.split(",")
        elif key.endswith("__isnull"):
            lookups[key] = value == "True"
        else:
            lookups[key] = value
    return Q(**lookups)


def staff_today(user) -> dict:
    """What waits for this staff member today, as counts with links to the filtered lists, and today's events with
    their registrations. Only what the user may see. One query per count and one for the events, whatever the
    amount of data (tests/library_portal/test_today.py pins it)."""
    # Imported here: the apps' models import library_portal, which must not import them back at load time.
    from feedback.models import Feedback, FeedbackStatus  # noqa: PLC0415
    from ill.selectors import staff_day_counts, staff_day_lookups  # noqa: PLC0415
    from services.models import Consultation, Event, Registration  # noqa: PLC0415

    now = timezone.now()
    today = timezone.localdate()
    counts: list[TodayCount] = []
    if user.has_perm("ill.view_illrequest"):
        lookups = staff_day_lookups(now=now, today=today)
        ill = staff_day_counts(lookups)
        labels = {
            "new": _("New interlibrary-loan requests waiting"),
            "patron": _("Requests waiting for the patron for more than 7 days"),
            "ending": _("Items in the reading room whose loan ends within 3 days"),
            "overdue": _("Overdue returns to lending libraries"),
        }
        counts += [
            TodayCount(label, ill[name], _admin_list("ill_illrequest", **lookups[name]))
            for name, label in labels.items()
        ]
    if user.has_perm("feedback.view_feedback"):
        cutoff = working_days_before(today, settings.FEEDBACK_ANSWER_WORKING_DAYS)
        late = {
            "status__in": f"{FeedbackStatus.NEW},{FeedbackStatus.IN_PROGRESS}",
            "answered_at__isnull": "True",
            "created_at__date__lt": cutoff.isoformat(),
        }
        counts.append(
            TodayCount(
                _("Feedback unanswered for more than %(days)s working days")
                % {"days": settings.FEEDBACK_ANSWER_WORKING_DAYS},
                Feedback.objects.filter(admin_lookup_q(late)).count(),
                _admin_list("feedback_feedback", **late),
            )
        )
    if user.has_perm("services.add_consultation"):
        counts.append(
            TodayCount(
                _("Consultations recorded today"),
                Consultation.objects.filter(date=today).count(),
                reverse("services:consultation_add"),
            )
        )
    if user.has_perm("library_portal.view_failedtask"):
        counts.append(
            TodayCount(
                _("Failed or stuck background tasks"),
                tasks_needing_attention().count(),
                reverse("admin:library_portal_failedtask_changelist"),
            )
        )
    events = []
    if user.has_perm("services.view_event"):
        active = Registration.Status
        events = list(
            Event.objects.filter(starts_at__date=today, is_cancelled=False)
            .select_related("branch")
            .annotate(
                confirmed=Count("registrations", filter=Q(registrations__status=active.CONFIRMED)),
                held=Count("registrations", filter=Q(registrations__status=active.HELD)),
                waiting=Count("registrations", filter=Q(registrations__status=active.WAITLISTED)),
            )
            .order_by("starts_at")
        )
    return {"counts": counts, "events": events}
