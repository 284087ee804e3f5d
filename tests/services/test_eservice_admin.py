"""The e-services in the back office: who sees what, the cancel actions, demo data, mail attachments."""

import datetime as dt

import pytest
from django import forms
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from library_portal.tasks import mail_after_commit
from services.models import EService, EServicePlace, Event, Library, Partner, Registration
from services.registrations import event_registration_confirm, event_registration_create
from tests.factories import EServiceFactory, EventFactory, PartnerFactory
from tests.library_portal.test_tasks import FAILURES

ADMIN_LISTS = ["partner", "eservice", "onlineresource", "event", "registration", "consultation"]


@pytest.fixture
def objects(db):
    partner = PartnerFactory()
    eservice = EServiceFactory()
    eservice.partners.add(partner)
    event = EventFactory(eservice=eservice, partner=partner)
    registration = event_registration_create(
        event=event, name="Ona", email="ona@example.org", phone="", consent=True, language="lt", site_url="http://x"
    )
    registration = event_registration_confirm(registration=registration, site_url="http://x")
    return {"event": event, "registration": registration, "eservice": eservice}


# What each list shows of the objects below.
SHOWN = {
    "partner": lambda objects: objects["event"].partner.name,
    "eservice": lambda objects: objects["eservice"].title,
    "event": lambda objects: objects["event"].title,
    "registration": lambda objects: objects["registration"].email,
}


@pytest.mark.parametrize("path", ADMIN_LISTS)
def test_librarian_and_manager_see_the_eservice_lists(client, librarian, manager, objects, path):
    for user in (librarian, manager):
        client.force_login(user)
        response = client.get(f"/admin/services/{path}/")
        assert response.status_code == 200
        if path in SHOWN:  # the fixture makes no online resource and no consultation
            assert SHOWN[path](objects) in response.content.decode()


def test_patron_cannot_see_registrations_in_the_back_office(client, patron, objects):
    client.force_login(patron)
    assert client.get("/admin/services/registration/").status_code == 302


def test_only_a_manager_may_delete_a_partner(client, librarian, manager, objects):
    partner = Partner.objects.get()
    client.force_login(librarian)
    assert client.post(f"/admin/services/partner/{partner.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(manager)
    assert client.post(f"/admin/services/partner/{partner.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Partner.objects.exists()


def test_the_admin_action_cancels_an_event_through_the_service(client, librarian, objects):
    client.force_login(librarian)
    event = objects["event"]
    response = client.post(
        "/admin/services/event/", {"action": "cancel_events", "_selected_action": [event.pk]}, follow=True
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.is_cancelled
    again = client.post(
        "/admin/services/event/", {"action": "cancel_events", "_selected_action": [event.pk]}, follow=True
    )
    assert "already cancelled" in again.content.decode() or "jau atšauktas" in again.content.decode()


def test_the_admin_action_cancels_a_registration_and_frees_the_place(client, librarian, objects):
    client.force_login(librarian)
    registration = objects["registration"]
    client.post(
        "/admin/services/registration/",
        {"action": "cancel_registrations", "_selected_action": [registration.pk]},
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert Event.objects.get(pk=objects["event"].pk).confirmed_count == 0
    assert registration.changes.last().actor is not None


def test_the_demo_eservices_load_idempotently_from_seeds_001_and_002(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--no-accounts")
    before = [m.objects.count() for m in (Partner, EService, EServicePlace, Event)]
    call_command("load_demo", "--no-accounts")
    assert [m.objects.count() for m in (Partner, EService, EServicePlace, Event)] == before
    utility = EService.objects.get(slug="utility-self-service")
    other_libraries = utility.places.filter(library__isnull=False).count()
    assert other_libraries == Library.objects.filter(is_portal_library=False).count() == 19
    assert utility.partners.get().name_lt == "AB LESTO"
    assert EService.objects.get(slug="e-health-help").title_bg == "Е-здраве"
    assert {e.area for e in EService.objects.all()} == {"utility", "employment", "health", "culture", "government"}
    past = Event.objects.get(starts_at__lt=timezone.now())
    assert (past.registrations.count(), past.registrations.filter(attended=True).count()) == (9, 7)
    assert past.confirmed_count == 9


@pytest.mark.django_db(transaction=True)
def test_an_attachment_survives_a_retry_of_the_mail_task(settings):
    settings.EMAIL_BACKEND = "tests.library_portal.test_tasks.FlakyBackend"
    FAILURES["left"] = 1
    mail_after_commit(
        subject="Kvietimas", body="—", to=["ona@example.org"], attachments=[("a.ics", "BEGIN", "text/calendar")]
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert mail.outbox == []
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    (message,) = mail.outbox
    assert message.attachments == [("a.ics", "BEGIN", "text/calendar")]


def admin_form_data(response) -> dict:  # noqa: C901 - rebuilds what a browser posts for every kind of admin field
    """The admin change form's current values, as the browser would post them back."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(field.widget, forms.SplitDateTimeWidget):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
        else:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[f"{inline_form.prefix}-{name}"] = "on" if value is True else value
    return data


def test_moving_an_event_in_the_admin_tells_the_registrants_and_keeps_the_counter(
    client, librarian, objects, django_capture_on_commit_callbacks
):
    client.force_login(librarian)
    event = objects["event"]
    original_start = event.starts_at
    url = f"/admin/services/event/{event.pk}/change/"
    data = admin_form_data(client.get(url))
    later = timezone.localtime(event.starts_at + dt.timedelta(days=1))
    data["starts_at_0"] = later.strftime("%Y-%m-%d")
    data["ends_at_0"] = (later + dt.timedelta(hours=2)).strftime("%Y-%m-%d")
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.starts_at == original_start + dt.timedelta(days=1)
    assert event.confirmed_count == 1
    mails = [t.args_kwargs["kwargs"] for t in DBTaskResult.objects.filter(task_path__endswith="send_mail_task")]
    assert [m["to"] for m in mails] == [["ona@example.org"]]
    assert "pasikeitė" in mails[0]["subject"]
    reminders = DBTaskResult.objects.filter(task_path__endswith="registration_reminder_task")
    assert [r.run_after for r in reminders] == [event.starts_at - dt.timedelta(days=1)]


def test_the_admin_refuses_fewer_places_than_people_confirmed_by_the_field_and_saves_nothing(
    client, librarian, objects
):
    librarian.preferred_language = "en"  # the back office speaks the staff member's language
    librarian.save(update_fields=["preferred_language"])
    client.force_login(librarian)
    event = objects["event"]
    event_registration_create(  # a second place, held, after the one confirmed
        event=event, name="Jonas", email="jonas@example.org", phone="", consent=True, language="en", site_url="x"
    )

    def stored() -> dict:
        with translation.override("lt"):  # modeltranslation reads `title` in the active language
            return Event.objects.values().get(pk=event.pk)

    before = stored()
    url = f"/admin/services/event/{event.pk}/change/"
    data = admin_form_data(client.get(url))
    data["capacity"] = 1
    data["room"] = "Salė B"
    DBTaskResult.objects.all().delete()
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "capacity": ["2 places are already confirmed or held: give at least that many places."]
    }
    # Nothing of the post is saved: neither the places, nor the room typed with them, nor a mail queued.
    assert stored() == before
    assert not DBTaskResult.objects.exists()
