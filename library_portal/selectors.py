"""Reads shared by the admin and the services: the background tasks staff must look at."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus

from library_portal.models import FailedTask


def tasks_needing_attention() -> QuerySet[FailedTask]:
    """Failed tasks, and tasks RUNNING for longer than TASK_RECLAIM_AFTER: their worker died and no
    worker is running to reclaim them (a running worker puts them back within half that time)."""
    stuck_since = timezone.now() - dt.timedelta(seconds=settings.TASK_RECLAIM_AFTER)
    return FailedTask.objects.filter(
        Q(status=TaskResultStatus.FAILED) | Q(status=TaskResultStatus.RUNNING, started_at__lt=stuck_since)
    )
