"""The partner libraries we borrow from (and their ISO 18626 tokens) and the postal tariff table."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ill.models.workflow import AMOUNT, Scope
from library_portal.models import TimeStampedModel
from library_portal.money import format_money, format_number
from services.models import Library


def new_token() -> str:
    """A partner's secret for posting ISO 18626 messages to us: 32 random bytes (256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 of a partner's token, which is all we keep of it.

    A fast hash is enough here, unlike for passwords: the token is 256 random bits from `secrets`,
    not something a person chose, so there is no dictionary to try and no speed of hashing makes
    2**256 guesses feasible. A slow password hash would only slow every message a partner posts.
    """
    return hashlib.sha256(token.encode()).hexdigest()


def unusable_token_digest() -> str:
    """The digest of a token nobody is shown: a partner has no working token until staff issue one."""
    return token_digest(new_token())


class PartnerLibrary(TimeStampedModel):
    """A library we borrow from, with how we reach it by ISO 18626.

    Name, ISIL, country and e-mail are the Library's own. A partner posting messages to us presents
    its token (HTTP Basic with its ISIL, or a Bearer token); we keep only the token's digest, so the
    token is shown once, when staff issue it (`ill.services.partner_library_token_issue`), and nobody
    can read it later and pose as the partner. `iso18626_username`/`iso18626_password` are what we send
    to the partner; only managers see them.
    """

    library = models.OneToOneField(
        Library, on_delete=models.PROTECT, related_name="ill_partner", verbose_name=_("library")
    )
    agency_id = models.CharField(
        _("ISO 18626 agency id"), max_length=50, unique=True, help_text=_("Usually the library's ISIL, e.g. LT-000000")
    )
    iso18626_address = models.URLField(_("ISO 18626 address"), blank=True, help_text=_("Where we post our messages."))
    iso18626_username = models.CharField(_("ISO 18626 user name"), max_length=100, blank=True)
    iso18626_password = models.CharField(_("ISO 18626 password"), max_length=200, blank=True)
    inbound_token_digest = models.CharField(
        _("digest of the token the partner uses with us"),
        max_length=64,
        unique=True,
        default=unusable_token_digest,
        editable=False,
    )
    has_agreement = models.BooleanField(_("ILL agreement signed"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner library")
        verbose_name_plural = _("partner libraries")
        ordering = ["library__name"]

    def __str__(self) -> str:
        return self.library.name


class PostalTariff(TimeStampedModel):
    """The postal tariff table the seed prices ILL postage by: a price per weight band, by zone."""

    scope = models.CharField(_("zone"), max_length=20, choices=Scope.choices)
    max_weight_g = models.PositiveIntegerField(_("up to (grams)"))
    price = models.DecimalField(_("price"), **AMOUNT)

    class Meta:
        verbose_name = _("postal tariff")
        verbose_name_plural = _("postal tariffs")
        ordering = ["scope", "max_weight_g"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "max_weight_g"],
                name="ill_tariff_band_unique",
                violation_error_message=_("This zone already has a band with this weight."),
            ),
            models.CheckConstraint(
                condition=Q(max_weight_g__gt=0) & Q(price__gte=0),
                name="ill_tariff_positive",
                violation_error_message=_("The weight must be positive and the price not negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ≤ {format_number(self.max_weight_g)} g: {format_money(self.price)}"
