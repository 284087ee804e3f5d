"""Interlibrary-loan test data: partner libraries, postal tariffs, requests in any status."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from ill.models import IllRequest, Kind, PartnerLibrary, PostalTariff, Scope, Status, new_token, token_digest
from services.models import Library
from tests.services.factories import BranchFactory, UserFactory

# The plain tokens of the partners the factory made, by primary key: the database keeps only digests,
# and a partner read again from the database (a request's `partner` after refresh_from_db) has no token.
_TOKENS: dict[int, str] = {}


def token_of(partner: PartnerLibrary) -> str:
    return _TOKENS[partner.pk]


class PartnerLibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerLibrary

    library = factory.LazyFunction(
        lambda: Library.objects.create(name="Lazdijų rajono savivaldybės viešoji biblioteka", country="LT")
    )
    agency_id = factory.Sequence(lambda n: f"LT-TEST-{n:03d}")
    has_agreement = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The partner with a working token; `partner.token` is the plain token (the database keeps its digest)."""
        token = new_token()
        partner = super()._create(model_class, *args, inbound_token_digest=token_digest(token), **kwargs)
        partner.token = _TOKENS[partner.pk] = token
        return partner


class IllRequestFactory(factory.django.DjangoModelFactory):
    """A submitted book loan; pass status= to start elsewhere (the history is not replayed)."""

    class Meta:
        model = IllRequest

    patron = factory.SubFactory(UserFactory)
    kind = Kind.LOAN
    status = Status.SUBMITTED
    title = factory.Sequence(lambda n: f"Knyga {n}")
    author = "Donelaitis, Kristijonas"
    pickup_branch = factory.SubFactory(BranchFactory)
    not_needed_after = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    scope = Scope.DOMESTIC
    max_cost = Decimal("10.00")


def tariffs() -> None:
    """The demo tariff table: domestic 1 kg 2.90 €, international 1 kg 12.50 €."""
    for scope, bands in {
        Scope.DOMESTIC: [(100, "1.20"), (500, "2.10"), (1000, "2.90"), (2000, "3.90")],
        Scope.INTERNATIONAL: [(100, "2.90"), (500, "7.50"), (1000, "12.50"), (2000, "19.90")],
    }.items():
        for weight, price in bands:
            PostalTariff.objects.create(scope=scope, max_weight_g=weight, price=Decimal(price))
