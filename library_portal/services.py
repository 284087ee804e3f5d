"""Patron accounts: registration with e-mail verification, and staff confirming a patron's category."""

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
