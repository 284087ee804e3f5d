"""A patron finds the electricity self-service e-service in Lithuanian, sees where it is offered,
registers for a training, confirms the held place and cancels through the links in the e-mails;
axe on every page, in every language."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from library_portal.demo import demo_load_eservices
from library_portal.languages import LANGS
from library_portal.models import User
from services.models import Consultation, Event, Registration
from services.registrations import event_registration_create
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def eservices_demo(demo):
    return demo_load_eservices()


def log_in_on_the_site(page, base: str, email: str) -> None:
    """A demo account logs in on the public site (in English) and lands on My account."""
    page.goto(f"{base}/en/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/en/account/profile/$"))


def last_mail_body() -> str:
    task = DBTaskResult.objects.filter(task_path="library_portal.tasks.send_mail_task").order_by("-enqueued_at").first()
    return task.args_kwargs["kwargs"]["body"]


def test_patron_finds_the_utility_self_service_registers_for_a_training_and_cancels(page, live_server, eservices_demo):
    page.goto(f"{live_server.url}/lt/")
    page.locator("nav.main-nav").get_by_role("link", name="E. paslaugos").click()
    expect(page).to_have_url(re.compile(r"/lt/e-services/$"))
    assert_accessible(page)

    page.get_by_label("Sritis").select_option("utility")
    page.get_by_role("button", name="Rodyti").click()
    expect(page).to_have_url(re.compile(r"area=utility"))
    page.get_by_role("link", name="Elektros paslaugų savitarna (LESTO)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elektros paslaugų savitarna (LESTO)")
    where = page.locator("section", has=page.get_by_role("heading", name="Kur gauti pagalbos"))
    expect(where.get_by_role("link", name="Centrinė biblioteka (Tilžės g. 12)")).to_be_visible()
    expect(where.get_by_text("Savitarnos vieta").first).to_be_visible()
    others = page.locator(
        "section", has=page.get_by_role("heading", name="Kitos bibliotekos, teikiančios šią paslaugą")
    )
    expect(others.get_by_text("Pasvalio Mariaus Katiliškio viešoji biblioteka")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Kaip naudotis savitarnos svetaine manoelektra.lt").click()
    expect(page.get_by_label("Vardas ir pavardė")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Vardas ir pavardė").fill("Ona Petraitienė")
    page.get_by_label("El. pašto adresas").fill("ona@")
    page.get_by_label(re.compile("Sutinku")).check()
    page.get_by_role("button", name="Registruotis").click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.get_by_label("Vardas ir pavardė")).to_have_value("Ona Petraitienė")
    assert_accessible(page)

    page.get_by_label("El. pašto adresas").fill("ona@example.org")
    page.get_by_label(re.compile("Sutinku")).check()
    page.get_by_role("button", name="Registruotis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patvirtinkite vietą el. paštu atsiųsta nuoroda")
    assert_accessible(page)
    registration = Registration.objects.get(email="ona@example.org")
    assert registration.status == Registration.Status.HELD

    confirm_url = re.search(r"http://\S+/events/confirm/\S+/", last_mail_body()).group(0)
    page.goto(confirm_url)
    assert_accessible(page)
    page.get_by_role("button", name="Patvirtinti vietą").click()
    expect(page.get_by_role("status")).to_contain_text("patvirtinta")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    cancel_url = re.search(r"http://\S+/events/cancel/\S+/", last_mail_body()).group(0)
    page.goto(cancel_url)
    assert_accessible(page)
    page.get_by_role("button", name="Taip, atšaukti registraciją").click()
    expect(page.get_by_role("status")).to_contain_text("atšaukta")
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


CONFIRM_BUTTON = {
    "lt": "Patvirtinti vietą",
    "en": "Confirm my place",
    "bg": "Потвърждавам мястото",
    "fi": "Vahvista paikka",
}


def test_a_registrant_confirms_the_held_place_through_the_mailed_link(page, live_server, eservices_demo):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _register_and_confirm(page, live_server.url, lang)


def _register_and_confirm(page, base: str, lang: str) -> None:
    """A registrant of its own per language (its own address), on the same event: the event's counters are compared
    with what the languages before left on it."""
    page.context.clear_cookies()  # a new visitor
    event = Event.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False).order_by("starts_at").first()
    held_before, confirmed_before = event.held_count, event.confirmed_count
    page.goto(f"{base}/{lang}/events/{event.pk}/")
    assert_accessible(page)
    page.locator("input[name=name]").fill("Ona Petraitienė")
    page.locator("input[name=email]").fill(f"ona-{lang}@example.org")
    page.locator("input[name=consent]").check()
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get(email=f"ona-{lang}@example.org")
    assert (registration.status, registration.language) == (Registration.Status.HELD, lang)
    event.refresh_from_db()
    assert event.held_count == held_before + 1

    confirm_url = re.search(rf"http://\S+/{lang}/events/confirm/\S+/", last_mail_body()).group(0)
    page.goto(confirm_url)
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.HELD  # opening the link alone confirms nothing
    page.get_by_role("button", name=CONFIRM_BUTTON[lang]).click()
    expect(page.get_by_role("status")).to_contain_text(event.title if lang == "lt" else getattr(event, f"title_{lang}"))
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    event.refresh_from_db()
    assert (event.held_count, event.confirmed_count) == (held_before, confirmed_before + 1)
    confirmation = DBTaskResult.objects.filter(task_path="library_portal.tasks.send_mail_task").order_by("-enqueued_at")
    assert confirmation.first().args_kwargs["kwargs"]["attachments"][0][0] == f"event-{event.pk}.ics"


def test_eservice_and_event_pages_pass_axe_in_every_language(page, live_server, eservices_demo):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _check_eservice_and_event_pages(page, live_server.url, lang)


def _check_eservice_and_event_pages(page, base: str, lang: str) -> None:
    """An anonymous visitor throughout; the registration posted is refused, so nothing carries over."""
    event = Event.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    past = Event.objects.filter(starts_at__lt=timezone.now()).get()
    for path in (
        "e-services/",
        "e-services/?area=employment&branch=centrine-biblioteka",
        "e-services/e-employment-help/",
        "events/",
        f"events/{event.pk}/",
        f"events/{past.pk}/",
        "events/?area=health",
        "branches/centrine-biblioteka/",
        "events/cancel/forged/",
        "events/confirm/forged/",
    ):
        page.goto(f"{base}/{lang}/{path}")
        assert_accessible(page)
    page.goto(f"{base}/{lang}/events/{event.pk}/")
    page.locator("input[name=name]").fill("Ona")
    page.locator("input[name=email]").fill("not-an-address")
    page.locator("button[type=submit]").last.click()
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page)


def test_staff_pages_pass_axe(page, live_server, eservices_demo):
    # The staff groups come from data migrations, which the flush after an earlier browser test wipes
    # out (the permissions themselves are recreated); so the manager gets the permissions directly.
    manager = User.objects.get(email="manager@example.org")
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="services",
            codename__in=[
                "view_statistics",
                "add_consultation",
                "view_registration",
                "change_registration",
                "add_registration",
            ],
        )
    )
    upcoming = Event.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False).order_by("starts_at").first()
    event_registration_create(
        event=upcoming, name="Jonas", email="jonas@example.org", phone="", consent=True, language="en", site_url=""
    )
    log_in_on_the_site(page, live_server.url, "manager@example.org")
    event = Event.objects.filter(starts_at__lt=timezone.now()).get()  # the past training, with attendance
    for path in ("staff/consultations/", "staff/e-service-statistics/", f"staff/events/{event.pk}/"):
        response = page.goto(f"{live_server.url}/en/{path}")
        assert response.status == 200, (path, page.locator("main").inner_text())
        assert_accessible(page)
    expect(page.get_by_role("button", name="Print the list")).to_be_visible()  # the last page: attendees
    page.goto(f"{live_server.url}/en/staff/events/{upcoming.pk}/")
    held = page.locator("table.held")
    expect(held.get_by_role("rowheader", name="Jonas")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name and surname").fill("Petras")
    page.get_by_label("Phone").fill("+370 600 11111")
    page.get_by_label(re.compile("The person agrees")).check()
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("table.attendees").get_by_role("rowheader", name="Petras")).to_be_visible()
    assert_accessible(page)
    assert Registration.objects.get(phone="+370 600 11111").status == Registration.Status.CONFIRMED
    page.goto(f"{live_server.url}/en/staff/e-service-statistics/")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.get_by_role("link", name="Download XLSX")).to_be_visible()


def test_a_librarian_records_a_consultation_then_corrects_and_deletes_entries_on_the_same_page(
    page, live_server, eservices_demo
):
    librarian = User.objects.get(email="librarian@example.org")
    librarian.user_permissions.add(
        Permission.objects.get(content_type__app_label="services", codename="add_consultation")
    )
    log_in_on_the_site(page, live_server.url, "librarian@example.org")
    page.goto(f"{live_server.url}/en/staff/consultations/")
    page.get_by_label("Branch").select_option(index=1)
    page.get_by_label("E-service").select_option(index=1)
    for people in ("2", "4"):
        page.get_by_label("Number of people").fill(people)
        page.get_by_role("button", name="Record").click()
        expect(page.locator(".messages")).to_contain_text("Consultation recorded.")
    first, second = Consultation.objects.filter(recorded_by=librarian).order_by("pk")
    assert_accessible(page)
    page.locator(f"#consultation-{first.pk}").get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Number of people")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Number of people").fill("3")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".messages")).to_contain_text("The entry is corrected.")
    first.refresh_from_db()
    assert first.people == 3
    page.locator(f"#consultation-{second.pk}").get_by_role("button", name="Delete").click()
    expect(page.locator(".messages")).to_contain_text("The entry is deleted.")
    assert list(Consultation.objects.filter(recorded_by=librarian).values_list("pk", flat=True)) == [first.pk]
    assert_accessible(page)


def test_the_statistics_downloads_keep_the_period_chosen_in_the_form(page, live_server, eservices_demo):
    manager = User.objects.get(email="manager@example.org")
    manager.user_permissions.add(Permission.objects.get(content_type__app_label="services", codename="view_statistics"))
    log_in_on_the_site(page, live_server.url, "manager@example.org")
    page.goto(f"{live_server.url}/en/staff/e-service-statistics/")
    page.get_by_label("From").fill("2026-03-01")
    page.get_by_label("To").fill("2026-03-31")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"date_from=2026-03-01"))
    assert_accessible(page)
    for link, kind in (("Download CSV", "csv"), ("Download XLSX", "xlsx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        assert download.value.suggested_filename == f"e-service-statistics-20260301-20260331.{kind}"
