"""Held places: a public registration keeps its place for EVENT_HOLD_MINUTES until the registrant
confirms through the e-mailed link; a hold not confirmed in time goes back to the people waiting.

The clock is pinned (time-machine) to a fixed instant; every date is built from it, never from today.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token

from library_portal.errors import DomainError
from library_portal.models import PatronProfile
from services.models import Event, Registration
from services.registrations import (
    event_registration_cancel,
    event_registration_confirm,
    event_registration_create,
    event_registration_hold_expire,
    registration_cancel_token,
    registration_confirm_token,
)
from services.selectors import service_statistics
from tests.conftest import PASSWORD
from tests.factories import EventFactory, LibraryFactory

SITE = "http://testserver"
Status = Registration.Status
T0 = dt.datetime(2031, 3, 10, 8, 0, tzinfo=dt.UTC)  # a Monday morning, far from any real date
HOLD = dt.timedelta(minutes=30)  # EVENT_HOLD_MINUTES' default


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(T0, tick=False)
    return time_machine


@pytest.fixture
def event(db, clock):
    LibraryFactory()
    return EventFactory(capacity=10, starts_at=T0 + dt.timedelta(days=7))


def register(event: Event, n: int | str, **overrides) -> Registration:
    values = {
        "event": event,
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "phone": "",
        "consent": True,
        "language": "lt",
        "site_url": SITE,
    }
    return event_registration_create(**(values | overrides))


def counters(event: Event) -> tuple[int, int]:
    event.refresh_from_db()
    return event.confirmed_count, event.held_count


def statuses(event: Event) -> dict[str, int]:
    found = {}
    for status in Registration.objects.filter(event=event).values_list("status", flat=True):
        found[status] = found.get(status, 0) + 1
    return found


def mails_to(address: str) -> list[dict]:
    """The mails queued to `address`. The clock stands still in these tests, so mails queued by one test share their
    `enqueued_at`: their order here is not the order they were queued in."""
    tasks = DBTaskResult.objects.filter(task_path="library_portal.tasks.send_mail_task").order_by("enqueued_at")
    return [t.args_kwargs["kwargs"] for t in tasks if t.args_kwargs["kwargs"]["to"] == [address]]


def confirm_path(body: str) -> str:
    return re.search(r"http://testserver(/\w\w/events/confirm/\S+/)", body).group(1)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


# Holding places ----------------------------------------------------------------------------------


def test_a_public_registration_holds_its_place_for_the_hold_time_and_mails_the_link(event):
    registration = register(event, 1, language="en")
    assert registration.status == Status.HELD
    assert registration.hold_expires_at == T0 + HOLD
    assert registration.contact_confirmed_at is None
    assert counters(event) == (0, 1)
    (message,) = mails_to("person1@example.org")
    assert message["subject"] == f"Confirm your place at “{event.title_en}”"
    assert confirm_path(message["body"]) == f"/en/events/confirm/{registration_confirm_token(registration)}/"
    assert "attachments" not in message  # no calendar file for a place not yet confirmed
    (task,) = DBTaskResult.objects.filter(task_path="services.tasks.registration_hold_expire_task")
    assert task.run_after == T0 + HOLD
    assert task.args_kwargs["kwargs"] == {"registration_id": registration.pk, "site_url": SITE}


def test_the_hold_time_is_a_setting(event, settings):
    settings.EVENT_HOLD_MINUTES = 5
    assert register(event, 1).hold_expires_at == T0 + dt.timedelta(minutes=5)


def test_a_hold_never_outlasts_the_start_of_the_event(db, clock):
    soon = EventFactory(starts_at=T0 + dt.timedelta(minutes=10))
    assert register(soon, 1).hold_expires_at == soon.starts_at


def test_a_held_place_counts_against_the_capacity(db, clock, client):
    event = EventFactory(capacity=1, starts_at=T0 + dt.timedelta(days=7))
    register(event, 1)
    assert register(event, 2).status == Status.WAITLISTED
    assert Event.objects.get(pk=event.pk).places_left == 0
    listed = client.get(f"/api/v1/events/{event.pk}/").json()
    assert (listed["confirmed"], listed["held"], listed["waitlisted"], listed["places_left"]) == (0, 1, 1, 0)


def test_eleven_held_registrations_for_ten_places_put_the_eleventh_on_the_waiting_list(event):
    registrations = [register(event, n) for n in range(11)]
    assert [r.status for r in registrations] == [Status.HELD] * 10 + [Status.WAITLISTED]
    assert counters(event) == (0, 10)
    (waiting,) = mails_to("person10@example.org")
    assert "laukiančiųjų" in waiting["subject"]


# Confirming through the link ---------------------------------------------------------------------


def test_opening_the_confirm_link_asks_and_does_not_confirm(event, client):
    registration = register(event, 1, language="en")
    page = client.get(confirm_path(mails_to("person1@example.org")[0]["body"]))
    assert page.status_code == 200
    assert "Confirm my place" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.HELD
    assert counters(event) == (0, 1)


def test_pressing_the_button_confirms_the_place_and_sends_the_calendar_file(
    event, client, django_capture_on_commit_callbacks
):
    registration = register(event, 1, language="en")
    path = confirm_path(mails_to("person1@example.org")[0]["body"])
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert done.status_code == 200
    assert "is confirmed" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.contact_confirmed_at == T0
    assert counters(event) == (1, 0)
    assert [(c.from_status, c.to_status, c.reason, c.note) for c in registration.changes.all()] == [
        ("", Status.HELD, "registered", ""),
        (Status.HELD, Status.CONFIRMED, "confirmed_by_link", ""),
    ]
    mails = {mail["subject"]: mail for mail in mails_to("person1@example.org")}
    assert sorted(mails) == [
        f"Confirm your place at “{event.title_en}”",
        f"Your place at “{event.title_en}” is confirmed",
    ]
    confirmed = mails[f"Your place at “{event.title_en}” is confirmed"]
    assert confirmed["attachments"][0][0] == f"event-{event.pk}.ics"
    assert f"/en/events/cancel/{registration_cancel_token(registration)}/" in confirmed["body"]
    (reminder,) = DBTaskResult.objects.filter(task_path="services.tasks.registration_reminder_task")
    assert reminder.run_after == event.starts_at - dt.timedelta(days=1)

    again = client.post(path)  # a second click says so and changes nothing
    assert again.status_code == 200
    assert "is confirmed" in again.content.decode()
    assert counters(event) == (1, 0)
    assert registration.changes.count() == 2


def test_an_expired_confirm_link_shows_a_friendly_page_and_changes_nothing(event, client, clock):
    registration = register(event, 1, language="en")
    path = confirm_path(mails_to("person1@example.org")[0]["body"])
    clock.move_to(T0 + HOLD + dt.timedelta(seconds=1), tick=False)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "was not confirmed in time" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.HELD  # left for the release task; the page changed nothing
    assert registration.changes.count() == 1
    with pytest.raises(DomainError) as refused:
        event_registration_confirm(registration=registration, site_url=SITE)
    assert refused.value.code == "hold_expired"


def test_a_forged_confirm_link_or_a_cancel_token_shows_a_friendly_page_and_changes_nothing(event, client):
    registration = register(event, 1)
    forged = registration_confirm_token(registration)[:-2] + "xx"
    for token in (forged, "forged", registration_cancel_token(registration)):
        response = client.post(f"/en/events/confirm/{token}/")
        assert response.status_code == 400
        assert "This confirmation link is not valid." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.HELD


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_confirm_page_is_translated(event, client, lang):
    registration = register(event, 1, language=lang)
    page = client.get(f"/{lang}/events/confirm/{registration_confirm_token(registration)}/").content.decode()
    button = {
        "lt": "Patvirtinti vietą",
        "en": "Confirm my place",
        "bg": "Потвърждавам мястото",
        "fi": "Vahvista paikka",
    }
    assert button[lang] in page


def test_only_a_held_place_can_be_confirmed(event):
    held = register(event, 1)
    event_registration_cancel(registration=held, site_url=SITE)
    with pytest.raises(DomainError) as refused:
        event_registration_confirm(registration=held, site_url=SITE)
    assert refused.value.code == "not_held"
    for n in range(2, 12):
        register(event, n)
    waiting = register(event, 12)
    assert waiting.status == Status.WAITLISTED
    with pytest.raises(DomainError):
        event_registration_confirm(registration=waiting, site_url=SITE)
    assert counters(event) == (0, 10)


# Expiry ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_expired_hold_is_released_by_its_task_and_the_first_person_waiting_is_offered_the_place(clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    LibraryFactory()
    event = EventFactory(capacity=1, starts_at=T0 + dt.timedelta(days=7))
    first = register(event, 1)
    clock.move_to(T0 + dt.timedelta(minutes=5), tick=False)
    second = register(event, 2, language="en")
    third = register(event, 3)
    run_worker()  # sends the mails; the release is not due yet
    first.refresh_from_db()
    assert first.status == Status.HELD
    mail.outbox.clear()

    clock.move_to(T0 + HOLD, tick=False)
    run_worker()
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert first.changes.last().reason == "not_confirmed"
    assert second.status == Status.HELD  # moving up, an unknown address must confirm as well
    assert second.hold_expires_at == T0 + 2 * HOLD
    assert third.status == Status.WAITLISTED
    assert counters(event) == (0, 1)
    (offer,) = mail.outbox
    assert offer.to == ["person2@example.org"]
    assert offer.subject == f"A place has become free at “{event.title_en}”: confirm it"
    assert "/en/events/confirm/" in offer.body
    release = DBTaskResult.objects.get(
        task_path="services.tasks.registration_hold_expire_task", args_kwargs__kwargs__registration_id=first.pk
    )
    assert release.return_value is True

    confirmed = event_registration_confirm(registration=second, site_url=SITE)
    assert confirmed.status == Status.CONFIRMED
    clock.move_to(T0 + 3 * HOLD, tick=False)
    run_worker()  # the second person's release task finds a confirmed place and leaves it alone
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert counters(event) == (1, 0)


def test_a_late_release_task_never_overbooks(event, clock, client):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    first = register(event, 1)
    clock.move_to(T0 + HOLD + dt.timedelta(minutes=10), tick=False)  # the worker has not run
    listed = client.get(f"/api/v1/events/{event.pk}/").json()
    assert (listed["held"], listed["places_left"]) == (0, 1)  # a run-out hold no longer counts
    newcomer = register(event, 2)
    assert newcomer.status == Status.HELD  # the run-out hold was released under the event's lock first
    first.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert counters(event) == (0, 1)
    assert event_registration_hold_expire(registration_id=first.pk, site_url=SITE) is False  # the late task
    assert counters(event) == (0, 1)
    assert statuses(event) == {Status.EXPIRED: 1, Status.HELD: 1}


def test_a_release_task_leaves_a_confirmed_or_cancelled_place_alone(event, clock):
    confirmed = event_registration_confirm(registration=register(event, 1), site_url=SITE)
    cancelled = event_registration_cancel(registration=register(event, 2), site_url=SITE)
    clock.move_to(T0 + 2 * HOLD, tick=False)
    assert event_registration_hold_expire(registration_id=confirmed.pk, site_url=SITE) is False
    assert event_registration_hold_expire(registration_id=cancelled.pk, site_url=SITE) is False
    assert counters(event) == (1, 0)


def test_an_expired_hold_frees_the_address_to_register_again(event, clock):
    register(event, 1)
    clock.move_to(T0 + HOLD, tick=False)
    again = register(event, 1)
    assert again.status == Status.HELD
    assert statuses(event) == {Status.EXPIRED: 1, Status.HELD: 1}


@pytest.mark.django_db(transaction=True)
def test_a_client_inventing_addresses_holds_places_only_until_the_holds_expire(clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    LibraryFactory()
    event = EventFactory(capacity=10, starts_at=T0 + dt.timedelta(days=7))
    for n in range(15):  # nobody reads these mailboxes
        register(event, f"invented-{n}")
    real = register(event, "real", language="en")
    assert real.status == Status.WAITLISTED
    assert counters(event) == (0, 10)

    clock.move_to(T0 + HOLD, tick=False)
    run_worker()
    real.refresh_from_db()
    assert real.status == Status.HELD  # the invented holds ran out; the real person is offered a place
    assert statuses(event) == {Status.EXPIRED: 10, Status.HELD: 6}
    (offer,) = [m for m in mail.outbox if m.to == ["personreal@example.org"] and "confirm it" in m.subject]
    assert "/en/events/confirm/" in offer.body
    event_registration_confirm(registration=real, site_url=SITE)

    clock.move_to(T0 + 2 * HOLD, tick=False)
    run_worker()
    assert statuses(event) == {Status.EXPIRED: 15, Status.CONFIRMED: 1}
    assert counters(event) == (1, 0)
    assert Event.objects.get(pk=event.pk).places_left == 9


# Who is confirmed at once ------------------------------------------------------------------------


def test_a_patron_with_a_verified_address_is_confirmed_at_once(event, patron, patron2):
    PatronProfile.objects.create(user=patron, email_verified_at=T0 - dt.timedelta(days=30))
    PatronProfile.objects.create(user=patron2)  # has not confirmed the account address
    assert register(event, 1, email="patron@example.org", patron=patron).status == Status.CONFIRMED
    assert register(event, 2, email="PATRON2@example.org", patron=patron2).status == Status.HELD
    assert register(event, 3, email="someone-else@example.org", patron=patron).status == Status.HELD
    assert counters(event) == (1, 2)


def test_a_waiting_person_whose_address_is_known_moves_up_confirmed(event, librarian, patron):
    PatronProfile.objects.create(user=patron, email_verified_at=T0)
    Event.objects.filter(pk=event.pk).update(capacity=1)
    first = register(event, 1)
    waiting = register(event, 2, email="patron@example.org", patron=patron)
    assert waiting.status == Status.WAITLISTED
    event_registration_cancel(registration=first, site_url=SITE)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert counters(event) == (1, 0)


def test_the_event_page_logged_in_confirms_a_verified_patron_at_once(event, client, patron):
    PatronProfile.objects.create(user=patron, email_verified_at=T0)
    client.login(email=patron.email, password=PASSWORD)
    form = client.get(f"/en/events/{event.pk}/").content.decode()
    assert 'value="patron@example.org"' in form  # the account address is filled in
    data = {"name": "Ona Onaitė", "email": "patron@example.org", "consent": "on"}
    done = client.post(f"/en/events/{event.pk}/", data)
    assert "You are registered" in done.content.decode()
    assert Registration.objects.get(event=event).status == Status.CONFIRMED


def test_the_public_event_page_holds_the_place_and_says_to_check_the_mail(event, client):
    form = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "your place is held for 30 minutes until you confirm it" in form
    no_email = client.post(f"/en/events/{event.pk}/", {"name": "Ona", "phone": "+370 600 00000", "consent": "on"})
    assert no_email.status_code == 400
    assert 'value="+370 600 00000"' in no_email.content.decode()
    assert Registration.objects.count() == 0
    done = client.post(f"/en/events/{event.pk}/", {"name": "Ona", "email": "ona@example.org", "consent": "on"})
    assert done.status_code == 200
    assert "Check your e-mail to confirm your place" in done.content.decode()
    assert Registration.objects.get().status == Status.HELD


# API ---------------------------------------------------------------------------------------------


def test_api_registration_answers_held_with_the_expiry(event, client):
    url = f"/api/v1/events/{event.pk}/registrations/"
    held = client.post(
        url, {"name": "Ona", "email": "ona@example.org", "consent": True}, content_type="application/json"
    )
    assert held.status_code == 201
    assert held.json()["status"] == "held"
    assert dt.datetime.fromisoformat(held.json()["hold_expires_at"]) == T0 + HOLD
    no_email = client.post(
        url, {"name": "Ona", "phone": "+370 600 00000", "consent": True}, content_type="application/json"
    )
    assert no_email.status_code == 400
    assert "email" in no_email.json()["error"]["fields"]


def test_api_registration_with_the_token_of_a_verified_patron_is_confirmed(event, client, patron):
    PatronProfile.objects.create(user=patron, email_verified_at=T0)
    token = Token.objects.create(user=patron)
    answer = client.post(
        f"/api/v1/events/{event.pk}/registrations/",
        {"name": "Ona", "email": "patron@example.org", "consent": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert answer.status_code == 201
    assert (answer.json()["status"], answer.json()["hold_expires_at"]) == ("confirmed", None)


def test_the_schema_documents_the_registration_statuses(db, client):
    schema = client.get("/api/schema/?format=json").json()
    output = schema["components"]["schemas"]["RegistrationOutput"]["properties"]
    (reference,) = output["status"]["allOf"]
    enum = schema["components"]["schemas"][reference["$ref"].rsplit("/", 1)[-1]]["enum"]
    assert enum == ["held", "confirmed", "waitlisted"]
    assert "hold_expires_at" in output
    assert "held" in schema["components"]["schemas"]["EventOutput"]["properties"]


# Staff -------------------------------------------------------------------------------------------


def test_staff_see_held_places_apart_from_confirmed_ones_on_the_attendee_list(event, client, librarian):
    event_registration_confirm(registration=register(event, 1, name="Ona Confirmed"), site_url=SITE)
    register(event, 2, name="Jonas Held")
    client.login(email=librarian.email, password=PASSWORD)
    page = client.get(f"/en/staff/events/{event.pk}/").content.decode()
    confirmed_table = page[page.index("<caption>Confirmed registrations") : page.index("</table>")]
    held_section = page[page.index("Places held until confirmed") :]
    held_table = held_section[: held_section.index("</table>")]
    assert "Ona Confirmed" in confirmed_table and "Jonas Held" not in confirmed_table
    assert "Jonas Held" in held_table
    assert "1 confirmed and 1 held of 10 places, 0 waiting" in page


def test_staff_register_someone_by_phone_on_the_attendee_list(event, client, librarian, patron):
    url = f"/en/staff/events/{event.pk}/"
    data = {"register": "1", "new-name": "Petras", "new-phone": "+370 600 11111", "new-consent": "on"}
    client.login(email=patron.email, password=PASSWORD)
    assert client.post(url, data).status_code == 403
    client.login(email=librarian.email, password=PASSWORD)
    missing = client.post(url, {**data, "new-phone": ""})
    assert missing.status_code == 400
    assert 'value="Petras"' in missing.content.decode()
    assert client.post(url, data).status_code == 302
    registration = Registration.objects.get(event=event)
    assert (registration.status, registration.phone) == (Status.CONFIRMED, "+370 600 11111")
    assert registration.changes.get().actor == librarian
    twice = client.post(url, data)
    assert twice.status_code == 400
    assert "already registered" in twice.content.decode()


def test_the_admin_lists_held_places_and_confirms_them_through_the_service(event, client, librarian):
    held = register(event, 1, name="Jonas Held")
    client.login(email=librarian.email, password=PASSWORD)
    listing = client.get("/admin/services/registration/?status__exact=held").content.decode()
    assert "Jonas Held" in listing
    client.post("/admin/services/registration/", {"action": "confirm_registrations", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED
    assert held.changes.last().actor == librarian
    assert counters(event) == (1, 0)


def test_statistics_count_only_confirmed_registrations(event):
    event_registration_confirm(registration=register(event, 1), site_url=SITE)
    register(event, 2)  # held
    day = event.starts_at.date()
    report = service_statistics(date_from=day - dt.timedelta(days=1), date_to=day + dt.timedelta(days=1))
    assert report.total.registrations == 1
