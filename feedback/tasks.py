"""The daily removal of contact details from old closed feedback, run by `manage.py task_worker`.

The task re-enqueues itself for the next day before it works, so one failing run never stops the
schedule; `anonymize_feedback --schedule` (run by `make run` and at deployment) starts the chain
once and does nothing while a run is already waiting.
"""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from feedback.services import feedback_anonymize

logger = logging.getLogger(__name__)
TASK_PATH = "feedback.tasks.anonymize_feedback_daily"
INTERVAL = dt.timedelta(days=1)


@task()
def anonymize_feedback_daily():
    anonymize_feedback_daily.using(run_after=timezone.now() + INTERVAL).enqueue()
    counts = feedback_anonymize(older_than_days=settings.FEEDBACK_RETENTION_DAYS)
    logger.info("Removed contact details from %(feedback)d feedback and %(invitations)d invitations.", counts)
    return counts


def anonymize_schedule() -> bool:
    """Enqueue the daily task unless a run is already waiting. Returns True when it enqueued one."""
    # READY covers a run due now and one waiting for its `run_after`.
    if DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).exists():
        return False
    anonymize_feedback_daily.enqueue()
    return True
