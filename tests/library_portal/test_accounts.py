"""Patron accounts: register, confirm the e-mail, log in and out, reset the password, keep a profile."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from library_portal.demo import demo_load_prices
from library_portal.models import PatronProfile, User
from library_portal.services import patron_category_confirm
from tests.conftest import PASSWORD

STRONG = "kaštonų-alėja-1923"


@pytest.fixture
def categories(db):
    demo_load_prices()


def register(client, **overrides):
    data = {
        "first_name": "Ona",
        "last_name": "Onaitė",
        "email": "Ona@Example.org",
        "card_number": "SIL-000900",
        "category": "1",
        "password1": STRONG,
        "password2": STRONG,
        "consent": "on",
        **overrides,
    }
    from pricing.models import PatronCategory

    data["category"] = overrides.get("category", PatronCategory.objects.get(code="reduced").pk)
    return client.post("/en/account/register/", data)


def sent_link(pattern: str) -> str:
    return re.search(pattern, mail.outbox[-1].body).group(0)


def test_registration_mails_a_link_that_activates_the_account(
    transactional_db, client, categories, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client)
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    user = User.objects.get(email="ona@example.org")
    assert not user.is_active
    assert user.patron.card_number == "SIL-000900"
    assert not user.patron.category_confirmed
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    link = sent_link(r"http://testserver/en/account/verify/[^/\s]+/")
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert user.is_active
    assert user.patron.email_verified_at is not None


def test_login_before_confirming_the_email_says_what_to_do(client, categories):
    register(client)
    response = client.post("/en/account/login/", {"username": "ona@example.org", "password": STRONG})
    assert "Confirm your e-mail address first" in response.content.decode()


def test_registration_errors_are_shown_and_keep_the_input(client, categories, patron):
    response = register(client, email="someone@example.org", password2="different", card_number="x")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords differ." in html
    assert "Use 4 to 20 letters, digits or hyphens." in html
    assert 'value="Ona"' in html
    assert "password" not in re.findall(r'value="([^"]*)"', html)


def test_an_email_address_is_registered_once(client, categories, patron):
    html = register(client, email="PATRON@example.org").content.decode()
    assert "Check your e-mail" in html  # the same page as for a new address: see test_registration_privacy
    assert User.objects.filter(email__iexact="patron@example.org").count() == 1


def test_a_library_card_is_registered_once(client, categories, patron):
    PatronProfile.objects.create(user=patron, card_number="SIL-000900")
    html = register(client).content.decode()
    assert "Check your e-mail" in html
    assert PatronProfile.objects.filter(card_number="SIL-000900").get().user == patron


def test_a_weak_password_is_refused(client, categories):
    html = register(client, password1="123", password2="123").content.decode()
    assert "This password is too short" in html


def test_a_forged_or_broken_verification_link_is_refused(client, db):
    response = client.get("/en/account/verify/not-a-token/")
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()


def test_patron_logs_in_sees_only_their_profile_and_logs_out(client, patron, patron2):
    PatronProfile.objects.create(user=patron, card_number="SIL-1")
    PatronProfile.objects.create(user=patron2, card_number="SIL-2")
    response = client.post("/en/account/login/", {"username": "PATRON@example.org", "password": PASSWORD})
    assert response.url == "/en/account/profile/"
    html = client.get("/en/account/profile/").content.decode()
    assert "SIL-1" in html
    assert "SIL-2" not in html
    assert "patron2@example.org" not in html
    client.post("/en/account/logout/")
    assert client.get("/en/account/profile/").status_code == 302


def test_wrong_password_gives_a_clear_error(client, patron):
    html = client.post("/en/account/login/", {"username": "patron@example.org", "password": "nope"}).content.decode()
    assert "The e-mail address or password is wrong." in html


def test_profile_changes_are_saved_and_bad_input_is_refused(client, patron):
    client.force_login(patron)
    response = client.post(
        "/en/account/profile/", {"first_name": "Onutė", "last_name": "P.", "preferred_language": "fi"}
    )
    assert response.status_code == 302
    patron.refresh_from_db()
    assert (patron.first_name, patron.preferred_language) == ("Onutė", "fi")
    html = client.post(
        "/en/account/profile/", {"first_name": "", "last_name": "P.", "preferred_language": "xx"}
    ).content.decode()
    assert "This field is required." in html
    assert "Select a valid choice." in html


def test_password_reset_mails_a_link_that_sets_a_new_password(
    transactional_db, client, patron, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(pk=patron.pk).update(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/password-reset/", {"email": "patron@example.org"})
    assert response.url == "/en/account/password-reset/sent/"
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    link = sent_link(r"http://testserver/en/account/reset/[^/\s]+/[^/\s]+/")
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "naujas-slaptažodis-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    patron.refresh_from_db()
    assert patron.check_password(new)


def test_password_reset_mail_is_in_the_language_of_the_account_not_of_the_page(
    transactional_db, client, patron, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(pk=patron.pk).update(preferred_language="bg")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/password-reset/", {"email": "patron@example.org"})
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    message = mail.outbox[-1]
    assert message.subject == "Изберете нова парола"
    assert "http://testserver/bg/account/reset/" in message.body
    assert "Someone asked" not in message.body


def test_lithuanian_register_page_gives_every_password_rule_and_error_in_lithuanian(client, categories):
    page = client.get("/lt/account/register/").content.decode()
    for rule in [
        "Jūsų slaptažodis negali būti per daug panašus į kitus jūsų asmens duomenis.",
        "Jūsų slaptažodį turi sudaryti bent 8 simboliai.",
        "Jūsų slaptažodis negali būti vienas iš dažnai naudojamų slaptažodžių.",
        "Jūsų slaptažodis negali būti sudarytas vien iš skaitmenų.",
    ]:
        assert rule in page
    assert "Your password" not in page
    data = {
        "first_name": "Ona",
        "last_name": "Onaitė",
        "email": "ona@example.org",
        "password1": "k9-x",
        "password2": "k9-x",
    }
    html = client.post("/lt/account/register/", data).content.decode()
    assert "Šis slaptažodis yra per trumpas. Jį turi sudaryti bent 8 simboliai." in html
    assert 'value="ona@example.org"' in html


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/en/account/password-reset/", {"email": "nobody@example.org"})
    assert response.url == "/en/account/password-reset/sent/"
    assert mail.outbox == []


def test_staff_confirm_a_patron_category_in_the_admin(client, librarian, patron, categories):
    from pricing.models import PatronCategory

    profile = PatronProfile.objects.create(user=patron, category=PatronCategory.objects.get(code="reduced"))
    client.force_login(librarian)
    client.post(
        "/admin/library_portal/patronprofile/", {"action": "confirm_category", "_selected_action": [profile.pk]}
    )
    profile.refresh_from_db()
    assert profile.category_confirmed
    assert profile.category_confirmed_by == librarian


def test_a_patron_without_a_category_cannot_be_confirmed(patron, librarian):
    from library_portal.errors import DomainError

    profile = PatronProfile.objects.create(user=patron)
    with pytest.raises(DomainError):
        patron_category_confirm(profile=profile, staff=librarian)


def test_patrons_cannot_open_the_patron_list(client, patron):
    client.force_login(patron)
    assert client.get("/admin/library_portal/patronprofile/").status_code == 302
