"""E-services partners: librarians view them, managers add and change them (README's table of group rights)."""

from django.contrib.auth.models import Group

from services.models import Partner
from tests.factories import PartnerFactory


def test_the_data_migration_leaves_librarians_only_the_view_of_partners(db):
    def partner_rights(group: str) -> set[str]:
        permissions = Group.objects.get(name=group).permissions.filter(
            content_type__app_label="services", content_type__model="partner"
        )
        return set(permissions.values_list("codename", flat=True))

    assert partner_rights("Librarian") == {"view_partner"}
    assert partner_rights("Manager") == {"view_partner", "add_partner", "change_partner", "delete_partner"}


def test_a_librarian_views_a_partner_but_cannot_add_or_change_one(client, librarian):
    partner = PartnerFactory(name="AB LESTO")
    client.force_login(librarian)
    assert client.get("/admin/services/partner/").status_code == 200
    view = client.get(f"/admin/services/partner/{partner.pk}/change/")
    assert view.status_code == 200
    assert "AB LESTO" in view.content.decode() and 'name="slug"' not in view.content.decode()
    assert client.get("/admin/services/partner/add/").status_code == 403
    assert client.post("/admin/services/partner/add/", {"name_lt": "Naujas", "slug": "naujas"}).status_code == 403
    assert client.post(f"/admin/services/partner/{partner.pk}/change/", {"slug": "kitas"}).status_code == 403
    assert list(Partner.objects.values_list("slug", flat=True)) == [partner.slug]


def test_a_manager_adds_and_changes_partners(client, manager):
    partner = PartnerFactory()
    client.force_login(manager)
    assert client.get("/admin/services/partner/add/").status_code == 200
    page = client.get(f"/admin/services/partner/{partner.pk}/change/")
    assert 'name="slug"' in page.content.decode()
