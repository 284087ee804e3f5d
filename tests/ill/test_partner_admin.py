"""Partner libraries in the back office: librarians view them without our credentials; managers keep them
and issue the token a partner uses with us, which is shown once and never again."""

import base64

import pytest
from django.contrib.auth.models import Group

from ill.iso18626 import iso18626_authenticate
from ill.models import PartnerLibrary, token_digest
from services.models import Library
from tests.factories import PartnerLibraryFactory, token_of


@pytest.fixture
def partner(db):
    return PartnerLibraryFactory(
        iso18626_address="https://ill.example.org/iso18626",
        iso18626_username="LT-000045",
        iso18626_password="musu-slaptazodis-partneriui",
    )


def change_url(partner) -> str:
    return f"/admin/ill/partnerlibrary/{partner.pk}/change/"


def token_url(partner) -> str:
    return f"/admin/ill/partnerlibrary/{partner.pk}/token/"


def test_librarians_may_view_partner_libraries_only(client, librarian, partner):
    rights = Group.objects.get(name="Librarian").permissions.filter(content_type__model="partnerlibrary")
    assert set(rights.values_list("codename", flat=True)) == {"view_partnerlibrary"}
    client.force_login(librarian)
    assert client.get("/admin/ill/partnerlibrary/").status_code == 200
    page = client.get(change_url(partner))
    assert page.status_code == 200
    assert 'name="agency_id"' not in page.content.decode()  # a view, not a form
    assert client.get("/admin/ill/partnerlibrary/add/").status_code == 403
    assert client.post(change_url(partner), {"agency_id": "LT-HIJACK"}).status_code == 403
    partner.refresh_from_db()
    assert partner.agency_id != "LT-HIJACK"


def test_librarians_see_neither_our_credentials_nor_the_partners_token(client, librarian, partner):
    client.force_login(librarian)
    html = client.get(change_url(partner)).content.decode()
    assert partner.agency_id in html
    for secret in ("musu-slaptazodis-partneriui", token_of(partner), partner.inbound_token_digest):
        assert secret not in html
    assert token_url(partner) not in html
    assert client.get(token_url(partner)).status_code == 403
    assert client.post(token_url(partner)).status_code == 403
    assert PartnerLibrary.objects.get(pk=partner.pk).inbound_token_digest == token_digest(token_of(partner))


def test_managers_see_and_change_our_credentials_but_never_the_partners_token(client, manager, partner):
    client.force_login(manager)
    html = client.get(change_url(partner)).content.decode()
    assert "musu-slaptazodis-partneriui" in html
    assert token_of(partner) not in html and partner.inbound_token_digest not in html
    response = client.post(
        change_url(partner),
        {
            "library": partner.library_id,
            "agency_id": partner.agency_id,
            "has_agreement": "on",
            "is_active": "on",
            "iso18626_address": partner.iso18626_address,
            "iso18626_username": "LT-000045",
            "iso18626_password": "naujas-slaptazodis",
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.iso18626_password == "naujas-slaptazodis"
    # Saving the form leaves the token as it was.
    assert partner.inbound_token_digest == token_digest(token_of(partner))


def test_issuing_a_new_token_shows_it_once_and_the_old_one_stops_working(client, manager, partner):
    client.force_login(manager)
    assert token_url(partner) in client.get(change_url(partner)).content.decode()
    question = client.get(token_url(partner))
    assert question.status_code == 200
    assert PartnerLibrary.objects.get(pk=partner.pk).inbound_token_digest == token_digest(token_of(partner))
    shown = client.post(token_url(partner))
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]  # no browser or proxy keeps a copy
    token = shown.context["token"]
    assert token in shown.content.decode()
    assert iso18626_authenticate(f"Bearer {token}") == partner
    assert iso18626_authenticate(f"Bearer {token_of(partner)}") is None
    # Never again: not on the partner's page, not in the database.
    assert token not in client.get(change_url(partner)).content.decode()
    assert token not in str(PartnerLibrary.objects.filter(pk=partner.pk).values().get())


def test_a_new_partner_library_gets_its_token_on_the_page_after_saving(client, manager):
    library = Library.objects.create(name="Pagėgių savivaldybės viešoji biblioteka", country="LT")
    client.force_login(manager)
    shown = client.post(
        "/admin/ill/partnerlibrary/add/",
        {"library": library.pk, "agency_id": "LT-000099", "is_active": "on", "iso18626_address": ""},
    )
    assert shown.status_code == 200, shown.content.decode()[:2000]
    token = shown.context["token"]
    assert token in shown.content.decode()
    credentials = base64.b64encode(f"LT-000099:{token}".encode()).decode()
    assert iso18626_authenticate(f"Basic {credentials}") == PartnerLibrary.objects.get(agency_id="LT-000099")


def test_a_new_partner_library_keeps_what_was_entered_when_something_is_wrong(client, manager, partner):
    client.force_login(manager)
    page = client.post(
        "/admin/ill/partnerlibrary/add/", {"library": partner.library_id, "agency_id": "LT-000098", "is_active": "on"}
    )
    assert page.status_code == 200
    assert "token" not in page.context_data or page.context.get("token") is None
    assert 'value="LT-000098"' in page.content.decode()
    assert PartnerLibrary.objects.count() == 1
