"""Patron accounts: registration with e-mail verification, and staff confirming a patron's category;
the task queue: reclaiming the tasks of dead workers, and managers retrying failed tasks."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.selectors import tasks_needing_attention
from library_portal.tasks import mail_after_commit

logger = logging.getLogger(__name__)

VERIFY_SALT = "library_portal.email-verify"
VERIFY_MAX_AGE = 3 * 24 * 3600  # three days


def verification_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)


def _mail_in_language_of(user: User, *, subject: str, template: str, context: dict) -> None:
    """Queue a mail to an existing account holder, in the language they chose for the library's mail. A record made
    at the desk with a phone number alone has no address: staff reach that patron by phone."""
    if not user.email:
        return
    with translation.override(user.language):
        mail_after_commit(
            subject=_(subject), body=render_to_string(template, {"user": user, **context}), to=[user.email]
        )


def _verification_mail(user: User, *, site_url: str, card_refused: bool = False) -> None:
    link = site_url + reverse("account_verify", kwargs={"token": verification_token(user)})
    _mail_in_language_of(
        user,
        subject=gettext_noop("Confirm your e-mail address"),
        template="account/email_verify.txt",
        context={"link": link, "card_refused": card_refused},
    )


def _someone_tried_mail(owner: User, *, site_url: str) -> None:
    """Tell the owner of an address that someone tried to register with it, with a password-reset link."""
    profile = PatronProfile.objects.filter(user=owner).first()
    if profile is not None and profile.unclaimed:
        # A record made at the desk is opened with its card number, which proves more than the address alone.
        _mail_in_language_of(
            owner,
            subject=gettext_noop("Someone tried to register with your e-mail address"),
            template="account/email_record_exists.txt",
            context={"register_link": site_url + _localized("account_register", owner)},
        )
        return
    if not owner.is_active:
        # Registered before but never confirmed: the confirmation link is what they need (a password
        # cannot be reset for an account that is not active yet).
        _verification_mail(owner, site_url=site_url)
        return
    with translation.override(owner.language):
        reset = reverse(
            "account_password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
                "token": default_token_generator.make_token(owner),
            },
        )
    _mail_in_language_of(
        owner,
        subject=gettext_noop("Someone tried to register with your e-mail address"),
        template="account/email_registration_exists.txt",
        context={"reset_link": site_url + reset, "login_link": site_url + _localized("account_login", owner)},
    )


def _localized(url_name: str, user: User) -> str:
    with translation.override(user.language):
        return reverse(url_name)


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
) -> User | None:
    """Create an inactive patron account and e-mail a verification link in `language`.

    The outcome on the page is the same whoever already has an account ("check your mail"), so
    registering cannot be used to find out whose address or card is known to the library:
    - an address that already has an account creates nothing; its owner gets a mail (in their own
      language) that someone tried, with a link to reset the password (or, for an account never
      confirmed, a fresh confirmation link). Returns None.
    - a card number that belongs to another account is not added: the account is created without it,
      the registrant's confirmation mail says the card could not be added and to show it at the
      library, and the card's owner gets a mail that someone tried to register with their card.
    - the card number and address of a record staff made at the desk (patron_record_create) claim that record:
      it gets the password and names given here, keeps its card, phone and ILL requests, and opens once the
      address is confirmed, like any new account.
    """
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        record = (
            PatronProfile.objects.select_for_update()
            .select_related("user")
            .filter(card_number=card_number, entered_by__isnull=False, user__email__iexact=email)
            .first()
            if card_number
            else None
        )
        if record is not None and record.unclaimed:
            return _patron_record_claim(
                record,
                password=password,
                first_name=first_name,
                last_name=last_name,
                category=category,
                language=language,
                site_url=site_url,
            )
        owner = User.objects.filter(email__iexact=email).first()
        if owner is None:
            try:
                with transaction.atomic():  # a savepoint: two registrations of one address at the same time
                    user = User.objects.create_user(
                        email=email,
                        password=password,
                        first_name=first_name,
                        last_name=last_name,
                        preferred_language=language,
                        is_active=False,
                    )
            except IntegrityError:
                owner = User.objects.filter(email__iexact=email).first()
        if owner is not None:
            _someone_tried_mail(owner, site_url=site_url)
            # Hash the password anyway, so that a taken address answers as slowly as a new one.
            make_password(password)
            return None
        card_owner = (
            PatronProfile.objects.select_related("user").filter(card_number=card_number).first()
            if card_number
            else None
        )
        PatronProfile.objects.create(user=user, card_number="" if card_owner else card_number, category=category)
        _verification_mail(user, site_url=site_url, card_refused=card_owner is not None)
        if card_owner is not None:
            _mail_in_language_of(
                card_owner.user,
                subject=gettext_noop("Someone tried to register with your library card number"),
                template="account/email_card_taken.txt",
                context={"card_number": card_number},
            )
    return user


def _patron_record_claim(
    record: PatronProfile, *, password: str, first_name: str, last_name: str, category, language: str, site_url: str
) -> User:
    user = record.user
    user.set_password(password)
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.preferred_language = language
    user.save(update_fields=["password", "first_name", "last_name", "preferred_language"])
    if category is not None and record.category_id is None:
        record.category = category
        record.save(update_fields=["category", "updated_at"])
    _verification_mail(user, site_url=site_url)
    return user


def patron_record_create(
    *, card_number: str, first_name: str, last_name: str, email: str, phone: str, actor: User
) -> User:
    """A patron record made at the desk for someone with no portal account (an ILL request by phone or post):
    library card, name, and an e-mail address or a phone number. The record cannot log in; its owner claims it by
    registering with the same card number and address (patron_register). Raises DomainError naming the field."""
    card_number, phone = card_number.strip(), phone.strip()
    email = User.objects.normalize_email(email.strip()).lower() if email.strip() else None
    if not card_number:
        raise DomainError(gettext_lazy("Enter the library card number."), code="required", field="card_number")
    if not (first_name.strip() and last_name.strip()):
        raise DomainError(gettext_lazy("Enter the patron's first and last name."), code="required", field="last_name")
    if not (email or phone):
        raise DomainError(
            gettext_lazy("Enter an e-mail address or a phone number, so that the library can reach the patron."),
            code="required",
            field="phone",
        )
    if phone and sum(c.isdigit() for c in phone) < 5:
        raise DomainError(gettext_lazy("Enter a phone number, e.g. +370 612 34567."), code="invalid", field="phone")
    if email and User.objects.filter(email__iexact=email).exists():
        raise DomainError(
            gettext_lazy("A patron with this e-mail address exists: pick them in the Patron field."),
            code="email_taken",
            field="email",
        )
    if PatronProfile.objects.filter(card_number=card_number).exists():
        raise DomainError(
            gettext_lazy("A patron with this library card number exists: pick them in the Patron field."),
            code="card_taken",
            field="card_number",
        )
    try:
        with transaction.atomic():  # a savepoint: the unique indexes decide a race between two desks
            user = User(
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                is_active=False,
                preferred_language=settings.LANGUAGE_CODE,
            )
            user.set_unusable_password()
            user.save()
            PatronProfile.objects.create(user=user, card_number=card_number, phone=phone, entered_by=actor)
    except IntegrityError:
        raise DomainError(
            gettext_lazy("A patron with this library card number or e-mail address was just recorded."),
            code="taken",
            field="card_number",
        ) from None
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


def _language_check(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(gettext_lazy("Choose one of the portal's languages."), field="preferred_language")


def user_language_set(*, user: User, language: str) -> User:
    """The language the portal speaks to this user: the back office for staff, and the e-mails they receive.
    Raises DomainError when it is not one of the portal's languages."""
    _language_check(language)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def patron_profile_update(*, user: User, first_name: str, last_name: str, preferred_language: str) -> User:
    _language_check(preferred_language)
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
    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    reclaimed = []
    for task_id, started_at, worker_ids in stale.values_list("id", "started_at", "worker_ids"):
        guarded = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at)
        if _put_back(guarded, runs=len(worker_ids)):
            reclaimed.append(str(task_id))
    return reclaimed


def task_put_back(*, task: DBTaskResult) -> bool:
    """Put back in the queue the task a worker was running when the database stopped answering, if
    nobody has touched it since it was claimed (same started_at). True when it was put back."""
    guarded = DBTaskResult.objects.filter(
        pk=task.pk,
        status__in=[TaskResultStatus.RUNNING, TaskResultStatus.FAILED],
        started_at=task.started_at,
    )
    return _put_back(guarded, runs=len(task.worker_ids))


def task_retry(*, task_id, actor: User) -> DBTaskResult:
    """A manager puts a failed task, or one stuck RUNNING past TASK_RECLAIM_AFTER, back in the queue.

    Raises DomainError when the task is neither (it has been retried or has finished meanwhile).
    A mail task that had sent its mail before failing does not send it again (its SentMail mark).
    """
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
