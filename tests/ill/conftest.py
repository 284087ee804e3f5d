import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ill.models import Kind, Scope
from tests.ill.factories import PartnerLibraryFactory, tariffs
from tests.services.factories import BranchFactory


@pytest.fixture
def branch(db):
    return BranchFactory(name="Centrinė biblioteka", name_en="Central library", slug="centrine")


@pytest.fixture
def partner(db):
    return PartnerLibraryFactory()


@pytest.fixture
def postal_tariffs(db):
    tariffs()


@pytest.fixture
def loan_data(branch):
    """What a patron fills in for a book loan (the form's and the API's cleaned data)."""
    return {
        "kind": Kind.LOAN,
        "title": "Metai",
        "author": "Donelaitis, Kristijonas",
        "isbn": "9780306406157",
        "pickup_branch": branch,
        "not_needed_after": timezone.localdate() + dt.timedelta(days=30),
        "scope": Scope.DOMESTIC,
        "max_cost": Decimal("10.00"),
        "copyright_declared": False,
    }
