"""Pieces every app shares: the user model, the abstract timestamped model and the abstract history of a status."""

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class StatusHistory(models.Model):
    """One row per change of a workflow's status: from, to, who (`actor`), when (`created_at`) and a note.

    Every workflow (ILL requests, event registrations, feedback) keeps its history in a table of its own that
    inherits these fields, adds the foreign key to what moved and whatever else it needs, and overrides
    `from_status` and `to_status` only to give them its statuses' names. Rows are written by
    `library_portal.transitions.transition`, which makes the move; a row with from == to is a note without a move.
    """

    from_status = models.CharField(_("previous status"), max_length=20, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, blank=True)
    # Empty for the person themselves when they have no account, a partner library or the portal.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    # A default rather than auto_now_add, so that demo data and imports can give the time a row was written.
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A patron or a member of staff; the e-mail address is the login.

    Patron details (library card, patron category) hang off this model in later apps.
    """

    username = None
    # Empty (NULL, so that the unique index allows many) only for a patron record staff made at the desk for someone
    # who gave a phone number alone: such a record cannot log in or receive mail until an address is added.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="lt")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or f"#{self.pk}"

    def clean(self):
        super().clean()
        # AbstractUser.clean normalises a missing address to "", which the unique index would count as one address.
        self.email = self.email or None

    @property
    def language(self) -> str:
        """The language the portal speaks to this user (pages of the back office, e-mails): their preference, or
        the library's default when it is not one of the portal's languages."""
        return (
            self.preferred_language if self.preferred_language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )


class PatronProfile(TimeStampedModel):
    """A patron's library details. The patron category decides some prices (reader cards), so
    a category chosen at registration counts only once staff have confirmed it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="patron", verbose_name=_("user"))
    card_number = models.CharField(_("library card number"), max_length=20, blank=True)
    # How staff reach a patron who ordered by phone or has no e-mail; shown on the patron's ILL requests.
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    category = models.ForeignKey(
        "pricing.PatronCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("patron category"),
    )
    category_confirmed_at = models.DateTimeField(_("category confirmed at"), null=True, blank=True)
    category_confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category confirmed by"),
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    # Set for a record staff made at the desk for someone with no portal account (an ILL request by phone or post).
    # Until it is claimed (library_portal.services.patron_register: the same card number and e-mail) it has no
    # password and cannot log in.
    entered_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded at the desk by"),
    )

    class Meta:
        verbose_name = _("patron")
        verbose_name_plural = _("patrons")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~models.Q(card_number=""),
                name="library_portal_patron_card_unique",
                violation_error_message=_("Another patron already has this library card number."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def category_confirmed(self) -> bool:
        return self.category_confirmed_at is not None

    @property
    def unclaimed(self) -> bool:
        """A record made at the desk that nobody has yet claimed by registering."""
        return self.entered_by_id is not None and not self.user.has_usable_password()


class SentMail(models.Model):
    """The mark that one e-mail has gone out: its key is given when the mail is queued and kept
    across retries, so a retried or reclaimed task finds the mark and does not send it again."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return self.key


class FailedTask(DBTaskResult):
    """The background tasks staff must look at: failed ones, and ones still RUNNING long after a
    worker should have finished them (`library_portal.selectors.tasks_needing_attention`)."""

    class Meta:
        proxy = True
        verbose_name = _("failed or stuck task")
        verbose_name_plural = _("failed or stuck tasks")
        # A view permission for the list and a separate one for putting a task back in the queue:
        # the rows themselves are never edited.
        default_permissions = ("view",)
        permissions = [("retry_failedtask", _("Can retry failed or stuck tasks"))]
