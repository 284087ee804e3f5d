import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from ill.iso18626 import EXCERPT_BYTES, iso18626_authenticate, iso18626_receive, iso18626_refuse_unauthenticated
from ill.models import Kind, PostalTariff, Scope, Status
from tests.conftest import PASSWORD
from tests.factories import BranchFactory, IllRequestFactory, PartnerLibraryFactory
from tests.ill.iso18626_helpers import SHARED, assert_valid, basic
from tests.library_portal.test_tasks import FAILURES


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
    """The demo tariff table: domestic 1 kg 2.90 €, international 1 kg 12.50 €."""
    for scope, bands in {
        Scope.DOMESTIC: [(100, "1.20"), (500, "2.10"), (1000, "2.90"), (2000, "3.90")],
        Scope.INTERNATIONAL: [(100, "2.90"), (500, "7.50"), (1000, "12.50"), (2000, "19.90")],
    }.items():
        for weight, price in bands:
            PostalTariff.objects.create(scope=scope, max_weight_g=weight, price=Decimal(price))


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


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / "ISO-18626-v1_2.xsd")))


@pytest.fixture
def ordered(partner):
    """A book loan ordered from the partner library."""
    return IllRequestFactory(
        status=Status.ORDERED,
        partner=partner,
        title="Metai",
        author="Donelaitis, Kristijonas",
        isbn="9780306406157",
        publisher="Vaga",
        place="Vilnius",
        year=1977,
        edition="2-asis leid.",
        note="Bet kuris leidimas tinka.",
    )


@pytest.fixture
def receive(schema):
    """Post a message as the endpoint handles it (credentials first); every answer must validate against the schema."""

    def post(body: bytes, *, authorization: str | None = None, partner=None) -> tuple[int, etree._Element]:
        if partner is not None:
            authorization = basic(partner)
        sender = iso18626_authenticate(authorization)
        if sender is None:
            status, answer = iso18626_refuse_unauthenticated(excerpt=body[:EXCERPT_BYTES], sender="192.0.2.1")
        else:
            status, answer = iso18626_receive(partner=sender, body=body, sender="192.0.2.1")
        return status, assert_valid(schema, answer)

    return post
