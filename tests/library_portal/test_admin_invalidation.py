"""Every way the back office changes public content reaches the next anonymous page at once: change forms (with
their inlines), the list's editable rows, deletion, and admin actions, also those that run a bulk update() which
no save() sees. Real Redis (REDIS_URL), through the admin with the test client: the page is cached first."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from services.models import Registration, Service
from services.registrations import event_registration_create
from tests.admin_forms import admin_action, change_form_data, save_in_admin
from tests.factories import (
    BranchFactory,
    EServiceFactory,
    EventFactory,
    FeedbackFactory,
    LibraryFactory,
    OpeningHoursFactory,
    PartnerFactory,
    QuestionFactory,
    ServiceCategoryFactory,
    ServiceFactory,
    SurveyFactory,
    UserFactory,
)


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    return client


def _shows(client, path: str, text: str) -> bool:
    return text in client.get(path).content.decode()


def test_a_service_saved_in_the_admin_shows_on_the_next_anonymous_page(client, staff):
    LibraryFactory()
    service = ServiceFactory(title="Senas pavadinimas")
    assert _shows(client, "/lt/services/", "Senas pavadinimas")
    save_in_admin(staff, service, title_lt="Naujas pavadinimas")
    assert _shows(client, "/lt/services/", "Naujas pavadinimas")


def test_services_hidden_and_published_by_admin_actions_show_on_the_next_anonymous_page(client, staff):
    LibraryFactory()
    service = ServiceFactory(title="Kopijavimas")
    assert _shows(client, "/lt/services/", "Kopijavimas")
    admin_action(staff, Service, "unpublish", [service])  # a bulk queryset.update()
    assert not _shows(client, "/lt/services/", "Kopijavimas")
    admin_action(staff, Service, "publish", [service])
    assert _shows(client, "/lt/services/", "Kopijavimas")


def test_a_service_deleted_in_the_admin_leaves_the_next_anonymous_page(client, staff):
    LibraryFactory()
    service = ServiceFactory(title="Dingsta")
    assert _shows(client, "/lt/services/", "Dingsta")
    admin_action(staff, Service, "delete_selected", [service])
    assert not _shows(client, "/lt/services/", "Dingsta")


def test_a_category_renamed_in_the_admin_shows_on_the_next_anonymous_page(client, staff):
    LibraryFactory()
    category = ServiceCategoryFactory(title="Sena kategorija")
    ServiceFactory(category=category)
    assert _shows(client, "/lt/services/", "Sena kategorija")
    save_in_admin(staff, category, title_lt="Nauja kategorija")
    assert _shows(client, "/lt/services/", "Nauja kategorija")


def test_opening_hours_changed_in_the_branch_inline_show_on_the_next_anonymous_page(client, staff):
    library = LibraryFactory()
    branch = BranchFactory(library=library, slug="centras", name="Centrinė")
    OpeningHoursFactory(branch=branch, weekday=0, opens="09:00", closes="17:00")
    assert _shows(client, "/lt/branches/centras/", "17:00")
    url = reverse("admin:services_branch_change", args=[branch.pk])
    data = change_form_data(staff.get(url))
    hours = next(key for key, value in data.items() if key.endswith("-closes") and value.startswith("17:00"))
    data[hours] = "19:30"
    assert staff.post(url, data).status_code == 302
    assert _shows(client, "/lt/branches/centras/", "19:30")


def test_a_branch_renamed_in_the_admin_shows_on_the_next_anonymous_branches_page(client, staff):
    library = LibraryFactory()
    branch = BranchFactory(library=library, name="Sena filialo vardas")
    assert _shows(client, "/lt/branches/", "Sena filialo vardas")
    save_in_admin(staff, branch, name_lt="Naujas filialo vardas")
    assert _shows(client, "/lt/branches/", "Naujas filialo vardas")


def test_an_eservice_and_a_partner_edited_in_the_admin_show_on_the_next_anonymous_page(client, staff):
    LibraryFactory()
    partner = PartnerFactory(name="Senas partneris")
    eservice = EServiceFactory(title="Sena e. paslauga", slug="e-paslauga")
    eservice.partners.add(partner)
    assert _shows(client, "/lt/e-services/", "Sena e. paslauga")
    save_in_admin(staff, eservice, title_lt="Nauja e. paslauga")
    assert _shows(client, "/lt/e-services/", "Nauja e. paslauga")
    assert _shows(client, "/lt/e-services/e-paslauga/", "Senas partneris")
    save_in_admin(staff, partner, name_lt="Naujas partneris")
    assert _shows(client, "/lt/e-services/e-paslauga/", "Naujas partneris")


def test_an_event_edited_and_cancelled_in_the_admin_shows_on_the_next_anonymous_page(client, staff):
    LibraryFactory()
    event = EventFactory(title="Senas renginys")
    assert _shows(client, "/lt/events/", "Senas renginys")
    save_in_admin(staff, event, title_lt="Naujas renginys")
    assert _shows(client, "/lt/events/", "Naujas renginys")
    admin_action(staff, type(event), "cancel_events", [event])
    assert not _shows(client, "/lt/events/", "Naujas renginys")


def test_registrations_confirmed_and_cancelled_by_admin_actions_change_the_places_on_the_next_anonymous_page(
    client, staff
):
    LibraryFactory()
    event = EventFactory(title="Renginys", capacity=2)
    held = event_registration_create(
        event=event, name="Ona", email="ona@example.org", phone="", consent=True, language="lt", site_url="http://x"
    )
    assert _shows(client, "/en/events/", "1 place left")  # cached: the event detail page is not (its form)
    admin_action(staff, Registration, "confirm_registrations", [held])
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.CONFIRMED
    assert _shows(client, "/en/events/", "1 place left")
    admin_action(staff, Registration, "cancel_registrations", [held])
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.CANCELLED
    assert _shows(client, "/en/events/", "2 places left")


def test_a_published_feedback_answer_shows_on_you_said_we_did_at_once(client, staff):
    LibraryFactory()
    feedback = FeedbackFactory(status="answered")
    assert not _shows(client, "/en/feedback/answered/", "Longer opening hours on Saturdays")
    url = reverse("admin:feedback_feedback_publish", args=[feedback.pk])
    response = staff.post(url, {"summary_lt": "Ilgiau šeštadieniais", "answer_lt": "Nuo birželio dirbame iki 16 val."})
    assert response.status_code == 302
    assert _shows(client, "/lt/feedback/answered/", "Nuo birželio dirbame iki 16 val.")


def test_survey_results_published_and_a_question_edited_in_the_admin_show_at_once(client, staff):
    LibraryFactory()
    survey = SurveyFactory(slug="apklausa")
    question = QuestionFactory(survey=survey, text="Senas klausimas")
    assert client.get("/lt/surveys/apklausa/results/").status_code == 404
    response = staff.post(reverse("admin:feedback_survey_publish", args=[survey.pk]), {"summary_lt": "Santrauka"})
    assert response.status_code == 302
    assert _shows(client, "/lt/surveys/apklausa/results/", "Senas klausimas")
    save_in_admin(staff, question, text_lt="Naujas klausimas")
    assert _shows(client, "/lt/surveys/apklausa/results/", "Naujas klausimas")


def test_admin_changes_show_at_once_on_the_pages_of_a_logged_in_patron(client, staff, patron):
    # A logged-in page is rendered around a body from the shared cache: the same bumps must reach it.
    library = LibraryFactory(name="Sena biblioteka")
    branch = BranchFactory(library=library, name="Sena filialo vardas")
    service = ServiceFactory(title="Senas pavadinimas", is_highlighted=True)
    client.force_login(patron)
    for path in ("/lt/", "/lt/services/", "/lt/branches/", "/lt/prices/"):
        assert _shows(client, path, "Sena biblioteka")
    save_in_admin(staff, service, title_lt="Naujas pavadinimas")
    assert _shows(client, "/lt/services/", "Naujas pavadinimas") and _shows(client, "/lt/", "Naujas pavadinimas")
    admin_action(staff, Service, "unpublish", [service])  # a bulk queryset.update()
    assert not _shows(client, "/lt/services/", "Naujas pavadinimas")
    save_in_admin(staff, branch, name_lt="Naujas filialo vardas")
    assert _shows(client, "/lt/branches/", "Naujas filialo vardas") and _shows(client, "/lt/", "Naujas filialo vardas")
    anonymous = Client()
    assert _shows(anonymous, "/lt/services/", "Sena biblioteka")
    save_in_admin(staff, library, name_lt="Nauja biblioteka")  # the header of every page
    assert _shows(client, "/lt/prices/", "Nauja biblioteka") and _shows(client, "/lt/services/", "Nauja biblioteka")
    assert _shows(anonymous, "/lt/services/", "Nauja biblioteka")


def test_a_survey_closed_in_the_admin_is_no_longer_offered_on_a_logged_in_patrons_home_page(client, staff, patron):
    # The open surveys the home page invites to are read through the shared cache, for logged-in patrons too.
    LibraryFactory()
    survey = SurveyFactory(title="Skaitytojų apklausa")
    client.force_login(patron)
    assert _shows(client, "/lt/", "Skaitytojų apklausa")
    closed = timezone.localtime() - dt.timedelta(hours=1)  # after it opened, a day ago
    save_in_admin(staff, survey, closes_at_0=f"{closed:%Y-%m-%d}", closes_at_1=f"{closed:%H:%M:%S}")
    assert not _shows(client, "/lt/", "Skaitytojų apklausa")
