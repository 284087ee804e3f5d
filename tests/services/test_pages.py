import datetime as dt

import pytest
from django.utils import timezone

from library_portal.caching import Namespace, bump
from library_portal.languages import LANGS
from services.models import HoursKind, Page, Principle
from tests.factories import (
    BranchFactory,
    LibraryFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ServiceCategoryFactory,
    ServiceFactory,
)


@pytest.fixture
def catalogue(db):
    LibraryFactory()
    branch = BranchFactory(slug="centrine", name="Centrinė biblioteka", name_en="Central library")
    for weekday in range(7):
        OpeningHoursFactory(branch=branch, weekday=weekday, opens=dt.time(0, 0), closes=dt.time(23, 59))
    category = ServiceCategoryFactory(title="Kopijavimas", title_en="Copying", slug="kopijavimas")
    service = ServiceFactory(
        slug="kopijavimas-a4",
        title="Dokumentų kopijavimas",
        title_en="Photocopying",
        title_bg="Копиране",
        summary="Nespalvotos ir spalvotos kopijos",
        summary_en="Black-and-white and colour copies",
        category=category,
        is_highlighted=True,
    )
    service.branches.add(branch)
    Page.objects.create(slug="principles", title="Principai", body="Įvadas")
    Page.objects.create(
        slug="accessibility",
        title="Prieinamumo pareiškimas",
        title_en="Accessibility statement",
        body="## Atitiktis\nIš dalies atitinka.",
    )
    Page.objects.create(slug="privacy", title="Privatumas", body="Tekstas")
    Principle.objects.create(number=1, title="Profesionalumas", title_fi="Ammatillisuus", body="Tekstas")
    return {"branch": branch, "service": service}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "path",
    [
        "",
        "services/",
        "services/kopijavimas-a4/",
        "branches/",
        "branches/centrine/",
        "about/principles/",
        "about/accessibility/",
        "about/privacy/",
    ],
)
def test_every_public_page_answers_in_every_language(client, catalogue, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_root_redirects_by_accept_language(client, db):
    assert client.get("/", headers={"accept-language": "fi-FI,fi;q=0.9"}).url == "/fi/"
    assert client.get("/", headers={"accept-language": "bg"}).url == "/bg/"


def test_root_redirects_to_lithuanian_without_a_known_language(client, db):
    assert client.get("/", headers={"accept-language": "ja"}).url == "/lt/"
    assert client.get("/").url == "/lt/"


def test_language_switcher_keeps_the_user_on_the_same_page(client, catalogue):
    html = client.get("/bg/services/kopijavimas-a4/").content.decode()
    for lang in LANGS:
        assert f'href="/{lang}/services/kopijavimas-a4/" lang="{lang}"' in html


def test_translated_model_text_is_shown_and_falls_back_to_lithuanian(client, catalogue):
    assert "Photocopying" in client.get("/en/services/kopijavimas-a4/").content.decode()
    assert "Копиране" in client.get("/bg/services/kopijavimas-a4/").content.decode()
    # No Finnish title was entered: the Lithuanian one is shown instead of an empty heading.
    assert "Dokumentų kopijavimas" in client.get("/fi/services/kopijavimas-a4/").content.decode()


def test_ui_strings_are_translated(client, catalogue):
    assert "Palvelut" in client.get("/fi/services/").content.decode()
    assert "Услуги" in client.get("/bg/services/").content.decode()
    assert "Paslaugos" in client.get("/lt/services/").content.decode()


def test_content_page_headings_come_from_staff_text_escaped(client, catalogue):
    Page.objects.filter(slug="privacy").update(body="<script>alert(1)</script>\n\n## Slapukai")
    html = client.get("/lt/about/privacy/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<h2>Slapukai</h2>" in html


def test_branch_page_shows_open_now_and_weekly_hours(client, catalogue):
    html = client.get("/en/branches/centrine/").content.decode()
    assert "Open now" in html
    assert "Monday" in html


def test_branch_page_lists_a_coming_closure(client, catalogue):
    today = timezone.localdate()
    OpeningExceptionFactory(branch=catalogue["branch"], date=today + dt.timedelta(days=3), reason_en="Inventory day")
    assert "Inventory day" in client.get("/en/branches/centrine/").content.decode()


def test_closure_today_makes_the_branch_closed_now(client, catalogue):
    OpeningExceptionFactory(branch=catalogue["branch"], date=timezone.localdate(), reason_en="Holiday")
    html = client.get("/en/branches/").content.decode()
    assert "Closed now" in html
    assert "Holiday" in html


def test_self_service_hours_are_shown_separately(client, catalogue):
    OpeningHoursFactory(branch=catalogue["branch"], kind=HoursKind.SELF_SERVICE, weekday=0)
    assert "Self-service hours" in client.get("/en/branches/centrine/").content.decode()


def test_the_services_list_leads_a_search_to_the_site_search(client, catalogue):
    # The search itself: tests/search/.
    response = client.get("/en/services/", {"q": "colour"})
    assert response.status_code == 302
    assert response.url == "/en/search/?q=colour&group=services"


def test_bogus_page_number_shows_a_valid_page(client, catalogue):
    for page in ("999", "abc"):
        response = client.get("/lt/services/", {"page": page})
        assert response.status_code == 200
        assert "Dokumentų kopijavimas" in response.content.decode()


@pytest.mark.parametrize(
    "lang,text",
    [
        ("lt", "Puslapis nerastas"),
        ("en", "Page not found"),
        ("bg", "Страницата не е намерена"),
        ("fi", "Sivua ei löytynyt"),
    ],
)
def test_unknown_slug_gives_the_styled_404_in_that_language(client, catalogue, lang, text):
    for path in (f"/{lang}/services/no-such-service/", f"/{lang}/branches/no-such-branch/", f"/{lang}/nowhere/"):
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert text in html
        assert 'class="skip-link"' in html


def test_unknown_language_prefix_gives_the_styled_404(client, catalogue):
    response = client.get("/xx/services/")
    assert response.status_code == 404
    assert "Puslapis nerastas" in response.content.decode()


def test_unpublished_service_is_not_shown(client, catalogue):
    catalogue["service"].is_published = False
    catalogue["service"].save()
    assert client.get("/lt/services/kopijavimas-a4/").status_code == 404
    assert "Dokumentų kopijavimas" not in client.get("/lt/services/").content.decode()


def test_server_error_page_is_styled_and_translated(client, rf, settings):
    from django.utils import translation

    from library_portal.views import server_error

    with translation.override("fi"):
        response = server_error(rf.get("/fi/"))
    assert response.status_code == 500
    assert "Jotain meni vikaan" in response.content.decode()


def _fill(count: int) -> tuple[str, str]:
    """`count` branches, each with hours, an exception today and a service; the last branch's name and service's
    title, which the lists must then show."""
    branches = BranchFactory.create_batch(count)
    category = ServiceCategoryFactory()
    for branch in branches:
        OpeningHoursFactory(branch=branch)
        OpeningExceptionFactory(branch=branch, date=timezone.localdate())
        service = ServiceFactory(category=category)
        service.branches.add(branch)
    return branches[-1].name, service.title


@pytest.mark.parametrize(
    ("path", "most"),
    # The home page also reads the next events, the survey to invite to and the news (the latest three and when they
    # next change); every page the notices of its banner (staff's and the exceptions').
    [("/lt/", 13), ("/lt/services/", 8), ("/lt/branches/", 8), ("/api/v1/branches/", 8), ("/api/v1/services/", 8)],
)
def test_list_pages_use_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, path, most):
    LibraryFactory()
    _fill(3)
    with django_assert_max_num_queries(most) as few:
        assert client.get(path).status_code == 200
    branch, service = _fill(30)
    bump(*Namespace)  # the factories write past the services: the cached page and body are built anew
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(path)
    assert response.status_code == 200
    # A page that lists less passes a count too: the new rows must be on it.
    assert (service if "services" in path else branch) in response.content.decode()
