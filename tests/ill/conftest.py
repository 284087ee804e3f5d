import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ill.models import Kind, Scope
from tests.conftest import PASSWORD
from tests.ill.factories import PartnerLibraryFactory, tariffs
from tests.library_portal.test_tasks import FAILURES
from tests.services.factories import BranchFactory


@pytest.fixture
def staff_client(client, librarian):
    client.login(email=librarian.email, password=PASSWORD)
    return client


@pytest.fixture
def flaky_mail(settings):
    """The mail server of tests/library_portal/test_tasks.py, refusing as many mails as FAILURES says."""
    settings.EMAIL_BACKEND = "tests.library_portal.test_tasks.FlakyBackend"
    FAILURES["left"] = 0
    return FAILURES


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


@pytest.fixture
def form_data(branch):
    """A loan request as the patron's form sends it."""
    return {
        "kind": "loan",
        "title": "Metai",
        "author": "Donelaitis, Kristijonas",
        "isbn": "0-306-40615-2",
        "pickup_branch": branch.pk,
        "not_needed_after": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "scope": "domestic",
        "max_cost": "10.00",
        "idempotency_key": "form-key-1",
    }


@pytest.fixture
def patron_client(client, patron):
    """The patron, logged in."""
    client.login(email=patron.email, password=PASSWORD)
    return client
