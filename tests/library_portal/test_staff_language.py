"""The back office speaks each staff member's own language, chosen on /admin/language/, whatever the browser asks."""

from django.urls import reverse

from tests.conftest import PASSWORD


def test_the_back_office_follows_the_staff_members_language_not_the_browser(client, librarian):
    librarian.preferred_language = "fi"
    librarian.save()
    client.login(email=librarian.email, password=PASSWORD)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="lt")
    assert '<html lang="fi"' in page.content.decode()
    assert "Tänään" in page.content.decode()


def test_a_new_member_of_staff_reads_lithuanian(client, librarian):
    client.login(email=librarian.email, password=PASSWORD)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="lt"' in page.content.decode()


def test_staff_choose_their_language_and_return_where_they_were(client, librarian):
    client.login(email=librarian.email, password=PASSWORD)
    back = reverse("admin:ill_illrequest_changelist")
    response = client.post(reverse("admin:staff_language"), {"language": "bg", "next": back})
    assert response["Location"] == back
    librarian.refresh_from_db()
    assert librarian.preferred_language == "bg"
    page = client.get(back)
    assert '<html lang="bg"' in page.content.decode()
    assert "Административната система вече ви говори на този език." in page.content.decode()


def test_a_foreign_next_address_or_an_unknown_language_is_refused(client, librarian):
    client.login(email=librarian.email, password=PASSWORD)
    response = client.post(reverse("admin:staff_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")
    page = client.post(reverse("admin:staff_language"), {"language": "xx"})
    assert page.status_code == 200
    assert page.context["form"].errors["language"]
    librarian.refresh_from_db()
    assert librarian.preferred_language == "en"
