"""Patron accounts: registration with e-mail verification, and staff confirming a patron's category;
the task queue: reclaiming the tasks of dead workers, and managers retrying failed tasks."""

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.tasks import mail_after_commit

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

VERIFY_SALT = "library_portal.email-verify"
VERIFY_MAX_AGE = 3 * 24 * 3600  # three days


def verification_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)


def patron_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    card_number: str,
    category,
    language: str,
    site_url: str,
) -> User:
    """Create an inactive patron account and e-mail a verification link in `language`.

    Raises DomainError when the e-mail address or the card number is already registered.
    """
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                gettext_lazy("An account with this e-mail address already exists. Log in or reset your password."),
                code="email_taken",
                field="email",
            )
        if card_number and PatronProfile.objects.filter(card_number=card_number).exists():
            raise DomainError(
                gettext_lazy("Another patron already has this library card number."),
                code="card_taken",
                field="card_number",
            )
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            preferred_language=language,
            is_active=False,
        )
        PatronProfile.objects.create(user=user, card_number=card_number, category=category)
        with translation.override(language):
            link = site_url + reverse("account_verify", kwargs={"token": verification_token(user)})
            mail_after_commit(
                subject=_("Confirm your e-mail address"),
                body=render_to_string("account/email_verify.txt", {"user": user, "link": link}),
                to=[email],
            )
    return user


def patron_email_verify(*, token: str) -> User:
    """Activate the account the token was made for. Raises DomainError for a bad or old link."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            gettext_lazy("This link has expired. Register again or ask the library for help."), code="expired"
        ) from None
    except signing.BadSignature:
        raise DomainError(gettext_lazy("This link is not valid."), code="bad_token") from None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("user"), email=data.get("email")).first()
        if user is None:
            raise DomainError(gettext_lazy("This link is not valid."), code="bad_token")
        profile, _created = PatronProfile.objects.get_or_create(user=user)
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at", "updated_at"])
            user.is_active = True
            user.save(update_fields=["is_active"])
    return user


def patron_category_confirm(*, profile: PatronProfile, staff: User) -> PatronProfile:
    """Staff confirm the patron category a patron chose (after seeing a document, for reduced prices)."""
    if profile.category_id is None:
        raise DomainError(gettext_lazy("This patron has not chosen a category."), code="no_category")
    profile.category_confirmed_at = timezone.now()
    profile.category_confirmed_by = staff
    profile.save(update_fields=["category_confirmed_at", "category_confirmed_by", "updated_at"])
    return profile


def patron_profile_update(*, user: User, first_name: str, last_name: str, preferred_language: str) -> User:
    if preferred_language not in dict(settings.LANGUAGES):
        raise DomainError(gettext_lazy("Choose one of the portal's languages."), field="preferred_language")
    user.first_name, user.last_name, user.preferred_language = first_name, last_name, preferred_language
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    return user


# The task queue -----------------------------------------------------------------------------------

# A task whose runs never finished this often (each killed its worker, say by running out of
# memory) is left FAILED for staff instead of being put back again and again.
MAX_UNFINISHED_RUNS = 5


def _put_back(queryset, *, runs: int) -> bool:
    """READY again, or FAILED when it has been claimed MAX_UNFINISHED_RUNS times already; `queryset`
    names one row and carries the guard (status, started_at) that keeps two workers from both doing it."""
    from django_tasks_db.compat import TaskResultStatus

    if runs < MAX_UNFINISHED_RUNS:
        return queryset.update(status=TaskResultStatus.READY, finished_at=None) == 1
    return (
        queryset.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="library_portal.services.TaskNeverFinished",
            traceback=f"Started {runs} times without finishing; not put back in the queue again.",
        )
        == 1
    )


def task_reclaim_stale(*, older_than: float) -> list[str]:
    """Put back in the queue the tasks RUNNING for more than `older_than` seconds (their worker died
    without recording an outcome); the ids of those put back.

    Each row is changed by an UPDATE guarded by its status and the started_at that was read, so of two
    workers reclaiming at once only one succeeds, and a task another worker has claimed since (a new
    started_at) is left alone.
    """
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    reclaimed = []
    for task_id, started_at, worker_ids in stale.values_list("id", "started_at", "worker_ids"):
        guarded = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at)
        if _put_back(guarded, runs=len(worker_ids)):
            reclaimed.append(str(task_id))
    return reclaimed


def task_put_back(*, task: "DBTaskResult") -> bool:
    """Put back in the queue the task a worker was running when the database stopped answering, if
    nobody has touched it since it was claimed (same started_at). True when it was put back."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    guarded = DBTaskResult.objects.filter(
        pk=task.pk,
        status__in=[TaskResultStatus.RUNNING, TaskResultStatus.FAILED],
        started_at=task.started_at,
    )
    return _put_back(guarded, runs=len(task.worker_ids))


def task_retry(*, task_id, actor: User) -> "DBTaskResult":
    """A manager puts a failed task, or one stuck RUNNING past TASK_RECLAIM_AFTER, back in the queue.

    Raises DomainError when the task is neither (it has been retried or has finished meanwhile).
    A mail task that had sent its mail before failing does not send it again (its SentMail mark).
    """
    from django_tasks_db.compat import TaskResultStatus

    from library_portal.selectors import tasks_needing_attention

    with transaction.atomic():
        task = tasks_needing_attention().select_for_update().filter(pk=task_id).first()
        if task is None:
            raise DomainError(
                gettext_lazy("This task is neither failed nor stuck any more; it was not queued again."),
                code="not_retryable",
                status=409,
            )
        task.status = TaskResultStatus.READY
        task.finished_at = None
        task.run_after = timezone.now()
        task.save(update_fields=["status", "finished_at", "run_after"])
    logger.info("Task %s (%s) queued again by %s.", task.pk, task.task_path, actor.email)
    return task
