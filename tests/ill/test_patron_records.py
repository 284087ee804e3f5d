"""A patron record made at the desk for someone with no portal account (an ILL request by phone or post): card, name,
and an e-mail address or a phone number; it cannot log in until its owner claims it by registering with the same card
number and address."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ill.models import IllRequest, Status
from ill.services import ill_request_move, ill_request_submit
from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.services import patron_record_create
from tests.library_portal.test_accounts import STRONG, categories, register  # noqa: F401 - a fixture
from tests.library_portal.test_tasks import run_worker

MAIL = "library_portal.tasks.send_mail_task"


def mails() -> list[dict]:
    return [row.args_kwargs["kwargs"] for row in DBTaskResult.objects.filter(task_path=MAIL).order_by("enqueued_at")]


def record(librarian, **overrides) -> User:
    values = {
        "card_number": "SIL-004242",
        "first_name": "Jonas",
        "last_name": "Jonaitis",
        "email": "",
        "phone": "+370 612 34567",
        **overrides,
    }
    return patron_record_create(**values, actor=librarian)


def enter_data(branch, **overrides) -> dict:
    return {
        "channel": "phone",
        "kind": "loan",
        "title": "Pamario kraštas",
        "pickup_branch": branch.pk,
        "not_needed_after": "2099-01-01",
        "scope": "domestic",
        "max_cost": "5",
        "idempotency_key": "desk-1",
        **overrides,
    }


def test_a_record_with_a_phone_alone_cannot_log_in_and_many_may_have_no_address(librarian):
    first = record(librarian)
    second = record(librarian, card_number="SIL-004243", phone="8 612 00000")
    assert first.email is None and second.email is None  # NULL: the unique index allows both
    assert not first.is_active and not first.has_usable_password()
    assert (first.patron.card_number, first.patron.phone, first.patron.entered_by) == (
        "SIL-004242",
        "+370 612 34567",
        librarian,
    )
    assert first.patron.unclaimed
    assert str(first) == "Jonas Jonaitis"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"card_number": " "}, "card_number"),
        ({"last_name": ""}, "last_name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"phone": "12-3"}, "phone"),
        ({"email": "Patron@Example.org"}, "email"),
        ({"card_number": "SIL-000111"}, "card_number"),
    ],
)
def test_a_record_is_refused_with_the_field_at_fault(librarian, patron, overrides, field):
    PatronProfile.objects.create(user=patron, card_number="SIL-000111")
    with pytest.raises(DomainError) as refused:
        record(librarian, **overrides)
    assert refused.value.field == field
    assert not PatronProfile.objects.filter(entered_by=librarian).exists()


def test_a_patron_with_no_address_is_not_mailed_and_the_staff_notice_gives_the_phone(
    transactional_db, flaky_mail, librarian, loan_data, settings
):
    settings.ILL_STAFF_EMAIL = "ill@example.org"
    jonas = record(librarian)
    ill_request, _created = ill_request_submit(patron=jonas, data=loan_data, channel="phone", entered_by=librarian)
    # ORDERED is a move patrons are told of.
    ill_request_move(request_id=ill_request.pk, to_status=Status.ORDERED, actor=librarian, note="Išsiųsta į LNB.")
    run_worker()
    (notice,) = mail.outbox  # the staff notice only: the patron has no address
    assert notice.to == ["ill@example.org"]
    assert "Jonas Jonaitis" in notice.body and "+370 612 34567" in notice.body and "None" not in notice.body
    assert notice.reply_to == []


def test_staff_enter_a_request_making_the_record_on_the_spot(staff_client, librarian, branch):
    new = {"new_card_number": "SIL-004242", "new_first_name": "Jonas", "new_last_name": "Jonaitis"}
    # No address and no phone: refused, nothing made, what was typed stays.
    refused = staff_client.post(reverse("admin:ill_illrequest_enter"), enter_data(branch, **new))
    assert refused.status_code == 200
    assert refused.context["form"].errors["new_phone"]
    assert 'value="SIL-004242"' in refused.content.decode()
    assert not User.objects.filter(last_name="Jonaitis").exists()
    # A request the rules refuse leaves no record behind either.
    bad_isbn = staff_client.post(
        reverse("admin:ill_illrequest_enter"), enter_data(branch, **new, new_phone="+370 612 34567", isbn="12")
    )
    assert bad_isbn.context["form"].errors["isbn"]
    assert not User.objects.filter(last_name="Jonaitis").exists()
    done = staff_client.post(
        reverse("admin:ill_illrequest_enter"), enter_data(branch, **new, new_phone="+370 612 34567")
    )
    assert done.status_code == 302
    entered = IllRequest.objects.get()
    assert (entered.patron.patron.card_number, entered.patron.patron.entered_by, entered.entered_by) == (
        "SIL-004242",
        librarian,
        librarian,
    )
    page = staff_client.get(reverse("admin:ill_illrequest_change", args=[entered.pk])).content.decode()
    assert "+370 612 34567" in page and "mailto:None" not in page


def test_picking_a_patron_and_making_a_record_at_once_is_refused(staff_client, patron, branch):
    response = staff_client.post(
        reverse("admin:ill_illrequest_enter"),
        enter_data(branch, patron=patron.pk, new_card_number="SIL-004242", new_last_name="Jonaitis"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["patron"]
    assert not IllRequest.objects.exists()


def test_the_patron_picker_finds_a_record_made_at_the_desk_by_its_card(staff_client, librarian):
    jonas = record(librarian)
    found = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "004242", "app_label": "ill", "model_name": "illrequest", "field_name": "patron"},
    ).json()
    assert [int(row["id"]) for row in found["results"]] == [jonas.pk]


@pytest.mark.usefixtures("categories")
def test_registering_with_the_card_and_address_claims_the_record_with_its_requests(client, librarian, branch):
    jonas = record(librarian, email="Jonas@Example.org", phone="")
    register(client, email="jonas@example.org", card_number="SIL-004242", first_name="Jonas", last_name="Jonaitis")
    claimed = User.objects.get(pk=jonas.pk)
    assert claimed.check_password(STRONG) and not claimed.is_active
    assert User.objects.filter(email__iexact="jonas@example.org").count() == 1
    (verify,) = mails()
    assert verify["to"] == ["jonas@example.org"]
    link = re.search(r"http://testserver(/en/account/verify/\S+)", verify["body"]).group(1)
    client.get(link)
    claimed.refresh_from_db()
    assert claimed.is_active and not claimed.patron.unclaimed
    assert claimed.patron.card_number == "SIL-004242"
    assert client.login(username="jonas@example.org", password=STRONG)


@pytest.mark.usefixtures("categories")
def test_the_address_without_the_card_does_not_claim_the_record(client, librarian):
    jonas = record(librarian, email="jonas@example.org", phone="")
    register(client, email="jonas@example.org", card_number="SIL-000999")
    jonas.refresh_from_db()
    assert not jonas.has_usable_password() and not jonas.is_active
    (told,) = mails()
    assert told["to"] == ["jonas@example.org"]
    assert "/en/account/verify/" not in told["body"]  # no link that would open the record
    assert "/lt/account/register/" in told["body"]  # in the record's language: the library's default


@pytest.mark.usefixtures("categories")
def test_the_card_of_a_phone_only_record_does_not_claim_it_with_another_address(client, librarian):
    jonas = record(librarian)
    register(client, email="kitas@example.org", card_number="SIL-004242")
    jonas.refresh_from_db()
    assert not jonas.has_usable_password()
    assert PatronProfile.objects.get(card_number="SIL-004242").user == jonas
    assert User.objects.get(email="kitas@example.org").patron.card_number == ""  # told to show the card at the desk


def test_entering_a_request_the_rules_refuse_leaves_no_record_behind(librarian, loan_data):
    from ill.services import ill_request_enter

    new_patron = {"card_number": "SIL-004242", "first_name": "Jonas", "last_name": "Jonaitis", "email": "", "phone": ""}
    with pytest.raises(DomainError) as refused:  # no way to reach the patron: the record is refused
        ill_request_enter(patron=None, new_patron=new_patron, data=loan_data, channel="phone", entered_by=librarian)
    assert refused.value.field == "phone"
    with pytest.raises(DomainError):  # the record is fine, the request is not: neither is kept
        ill_request_enter(
            patron=None,
            new_patron={**new_patron, "phone": "+370 612 34567"},
            data={**loan_data, "max_cost": Decimal("-1")},
            channel="phone",
            entered_by=librarian,
        )
    assert not PatronProfile.objects.filter(card_number="SIL-004242").exists()
    entered, created = ill_request_enter(
        patron=None,
        new_patron={**new_patron, "phone": "+370 612 34567"},
        data=loan_data,
        channel="phone",
        entered_by=librarian,
    )
    assert created and entered.patron.patron.card_number == "SIL-004242"
