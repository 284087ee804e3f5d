"""Registering never tells who already has an account: the page is the same, and the owner of a taken
address or card learns of the attempt by mail, in their own language."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from library_portal.models import PatronProfile, User
from tests.conftest import PASSWORD
from tests.library_portal.test_accounts import STRONG, categories, register  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("categories")  # the patron categories the form offers
TASK = "library_portal.tasks.send_mail_task"


def mails() -> list[dict]:
    return [row.args_kwargs["kwargs"] for row in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at")]


def page_text(response) -> str:
    """The page's text without the address entered and the form's token, to compare two outcomes."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"[\w.+-]+@example\.org", "ADDRESS", html, flags=re.IGNORECASE)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def test_a_taken_address_gives_the_same_page_as_a_new_one_and_creates_nothing(client, patron):
    new = register(client, email="nauja@example.org", card_number="SIL-000901")
    taken = register(client, email="Patron@Example.org", card_number="SIL-000902")
    assert new.status_code == taken.status_code == 200
    assert page_text(new) == page_text(taken)
    assert User.objects.filter(email="patron@example.org").count() == 1
    assert not PatronProfile.objects.filter(card_number="SIL-000902").exists()
    patron.refresh_from_db()
    assert patron.check_password(PASSWORD) and not patron.check_password(STRONG)


def test_the_owner_of_a_taken_address_is_told_in_their_language_with_a_reset_link(client, patron):
    patron.preferred_language = "fi"
    patron.save()
    register(client, email="patron@example.org")
    (mail,) = mails()
    assert mail["to"] == ["patron@example.org"]
    assert mail["subject"] == in_language("fi", "Someone tried to register with your e-mail address")
    assert mail["subject"] != "Someone tried to register with your e-mail address"  # really in Finnish
    assert in_language("fi", "If you have forgotten your password, choose a new one with this link:") in mail["body"]
    link = re.search(r"http://testserver(/fi/account/reset/[^/\s]+/[^/\s]+/)", mail["body"]).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "new_password1" in form_page.content.decode()


def test_an_address_registered_but_never_confirmed_gets_a_fresh_confirmation_link(client):
    register(client, email="ona@example.org")
    register(client, email="ona@example.org", first_name="Kita")
    first, second = mails()
    assert first["to"] == second["to"] == ["ona@example.org"]
    assert "/en/account/verify/" in second["body"]
    assert User.objects.get(email="ona@example.org").first_name == "Ona"


def test_a_taken_card_is_not_added_and_its_owner_is_told(client, patron, patron2):
    PatronProfile.objects.create(user=patron, card_number="SIL-000900")
    patron.preferred_language = "bg"
    patron.save()
    new = register(client, email="nauja@example.org", card_number="SIL-000901")
    taken = register(client, email="kita@example.org", card_number="SIL-000900")
    assert page_text(new) == page_text(taken)
    newcomer = User.objects.get(email="kita@example.org")
    assert newcomer.patron.card_number == ""
    assert PatronProfile.objects.get(card_number="SIL-000900").user == patron
    _new_mail, verify, owner = mails()
    assert verify["to"] == ["kita@example.org"]
    assert "could not be added to your account" in verify["body"]
    assert owner["to"] == ["patron@example.org"]
    assert owner["subject"] == in_language("bg", "Someone tried to register with your library card number")
    assert owner["subject"] != "Someone tried to register with your library card number"  # really in Bulgarian
    assert "SIL-000900" in owner["body"]


@pytest.mark.parametrize("email", ["patron@example.org", "nauja@example.org"])
def test_registering_queues_exactly_one_mail_to_the_address_given(client, patron, email):
    register(client, email=email, card_number="")
    assert [mail["to"] for mail in mails()] == [[email]]
