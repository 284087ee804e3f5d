"""What each staff group may and may not do in the back office."""

import pytest
from django.contrib.auth.models import Group

from services.models import Page, Principle, Service
from tests.factories import BranchFactory, LibraryFactory, OpeningExceptionFactory, ServiceFactory


@pytest.fixture
def objects(db):
    library = LibraryFactory()
    branch = BranchFactory()
    service = ServiceFactory()
    page = Page.objects.create(slug="privacy", title="Privatumas", body="...")
    OpeningExceptionFactory(branch=branch, reason="Inventorizacija")
    Principle.objects.create(number=99, title="Atvirumas visiems", body="...")
    return {"library": library, "branch": branch, "service": service, "page": page}


def test_groups_are_created_by_the_data_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Librarian", "Manager"}


def test_patron_cannot_enter_the_back_office(client, patron):
    client.force_login(patron)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize(
    "path", ["service", "branch", "openingexception", "servicecategory", "library", "page", "principle"]
)
def test_librarian_and_manager_see_the_catalogue_lists(client, librarian, manager, objects, path):
    shown = {
        "service": objects["service"].title,
        "branch": objects["branch"].name,
        "openingexception": "Inventorizacija",
        "servicecategory": objects["service"].category.title,
        "library": objects["library"].name,
        "page": "Privatumas",
        "principle": "Atvirumas visiems",
    }[path]
    for user in (librarian, manager):
        client.force_login(user)
        response = client.get(f"/admin/services/{path}/")
        assert response.status_code == 200
        assert shown in response.content.decode()


def test_librarian_edits_a_service(client, librarian, objects):
    client.force_login(librarian)
    service = objects["service"]
    url = f"/admin/services/service/{service.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    assert "modeltranslation" in form.content.decode()  # the tabbed translation fields are there
    data = {
        "title_lt": "Naujas pavadinimas",
        "title_en": "New title",
        "slug": service.slug,
        "summary_lt": "Santrauka",
        "category": service.category_id,
        "order": 0,
        "is_published": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.title_lt == "Naujas pavadinimas"


def test_librarian_cannot_change_the_library_or_the_pages(client, librarian, objects):
    client.force_login(librarian)
    library = objects["library"]
    response = client.post(f"/admin/services/library/{library.pk}/change/", {"name_lt": "Kita", "time_zone": "UTC"})
    assert response.status_code == 403
    library.refresh_from_db()
    assert library.name_lt != "Kita"
    assert client.post(f"/admin/services/page/{objects['page'].pk}/change/", {"title_lt": "X"}).status_code == 403


def test_librarian_cannot_delete_branches_or_change_accounts(client, librarian, manager, objects):
    client.force_login(librarian)
    assert client.get(f"/admin/services/branch/{objects['branch'].pk}/delete/").status_code == 403
    # Patrons' accounts are view-only for librarians (to reach them); staff accounts are not shown at all.
    assert client.get("/admin/library_portal/user/add/").status_code == 403
    assert manager.email not in client.get("/admin/library_portal/user/").content.decode()


def test_manager_edits_the_library_time_zone(client, manager, objects):
    client.force_login(manager)
    library = objects["library"]
    data = {"name_lt": library.name_lt, "country": "LT", "time_zone": "Europe/Helsinki", "is_portal_library": "on"}
    response = client.post(f"/admin/services/library/{library.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    library.refresh_from_db()
    assert library.time_zone == "Europe/Helsinki"


def test_unknown_time_zone_is_refused_with_a_form_error(client, manager, objects):
    manager.preferred_language = "en"  # the back office speaks the staff member's language
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    library = objects["library"]
    data = {"name_lt": library.name_lt, "country": "LT", "time_zone": "Mars/Olympus", "is_portal_library": "on"}
    response = client.post(
        f"/admin/services/library/{library.pk}/change/?language=en", data, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()


def test_manager_sees_users_but_cannot_change_them(client, manager, patron):
    client.force_login(manager)
    users = client.get("/admin/library_portal/user/")
    assert users.status_code == 200
    assert patron.email in users.content.decode()
    assert client.post(f"/admin/library_portal/user/{patron.pk}/change/", {"email": "x@example.org"}).status_code == 403


def test_admin_lists_have_search_and_filters(client, manager, objects):
    client.force_login(manager)
    html = client.get("/admin/services/service/", {"q": objects["service"].title_lt}).content.decode()
    assert 'id="searchbar"' in html
    assert 'id="changelist-filter"' in html


def test_librarian_publishes_and_hides_services_with_admin_actions(client, librarian, objects):
    client.force_login(librarian)
    service = objects["service"]
    client.post("/admin/services/service/", {"action": "unpublish", "_selected_action": [service.pk]})
    assert not Service.objects.get(pk=service.pk).is_published
    client.post("/admin/services/service/", {"action": "publish", "_selected_action": [service.pk]})
    assert Service.objects.get(pk=service.pk).is_published


def test_branch_change_page_has_hours_and_exceptions_inline(client, librarian, objects):
    client.force_login(librarian)
    html = client.get(f"/admin/services/branch/{objects['branch'].pk}/change/").content.decode()
    assert "opening_hours-TOTAL_FORMS" in html
    assert "opening_exceptions-TOTAL_FORMS" in html
    # The translation tabs' jQuery UI is served by the portal, never from a CDN.
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html


def test_a_second_portal_library_is_refused_with_a_form_error_not_a_500(client, manager, objects):
    manager.preferred_language = "en"  # the back office speaks the staff member's language
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    data = {"name_lt": "Kita biblioteka", "country": "LT", "time_zone": "Europe/Vilnius", "is_portal_library": "on"}
    response = client.post("/admin/services/library/add/", data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Another library is already the portal&#x27;s own library." in response.content.decode()


def test_an_exception_both_closed_and_with_hours_is_refused_with_a_form_error(client, librarian, objects):
    librarian.preferred_language = "en"  # the back office speaks the staff member's language
    librarian.save(update_fields=["preferred_language"])
    client.force_login(librarian)
    data = {"branch": objects["branch"].pk, "date": "2026-12-31", "closed": "on", "opens": "10:00", "closes": "14:00"}
    response = client.post("/admin/services/openingexception/add/", data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Either tick “closed all day” and leave the times empty" in response.content.decode()
