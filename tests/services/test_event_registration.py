"""Registration for trainings: places, the waiting list, e-mails with .ics, cancel links, reminders, races.

A public registration holds its place until the link is confirmed (tests/services/test_event_holds.py
covers the holds themselves); `confirm` stands for the registrant pressing the button."""

import datetime as dt
import re
import threading

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from library_portal.errors import DomainError
from services import registrations
from services.events import event_cancel, event_save
from services.models import Event, Registration, RegistrationChange
from services.registrations import (
    event_registration_cancel,
    event_registration_confirm,
    event_registration_create,
    registration_cancel_token,
    registration_from_token,
)
from tests.factories import EventFactory, UserFactory

SITE = "http://testserver"
Status = Registration.Status


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


def confirm(registration: Registration) -> Registration:
    return event_registration_confirm(registration=registration, site_url=SITE)


def queued(task_path: str = "library_portal.tasks.send_mail_task") -> list[dict]:
    return [r.args_kwargs["kwargs"] for r in DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at")]


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


# Places and the waiting list ---------------------------------------------------------------------


def test_registrations_beyond_the_places_go_to_the_waiting_list(db):
    event = EventFactory(capacity=2)
    statuses = [register(event, n).status for n in range(3)]
    assert statuses == [Status.HELD, Status.HELD, Status.WAITLISTED]
    event.refresh_from_db()
    assert (event.confirmed_count, event.held_count) == (0, 2)
    assert RegistrationChange.objects.count() == 3


def test_the_database_refuses_an_overbooked_event(db):
    event = EventFactory(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_count=2)


def test_the_database_counts_a_held_place_as_taken(db):
    event = EventFactory(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_count=1, held_count=1)


@pytest.mark.django_db(transaction=True)
def test_twelve_concurrent_registrations_for_ten_places_hold_exactly_ten():
    """Twelve at once for ten places prove the lock as well as fifty did, without taking fifty of the shared server's
    connections (fifty failed once with "too many clients")."""
    event = EventFactory(capacity=10)
    barrier = threading.Barrier(12)
    errors = []

    def worker(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            register(event, n)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Status.HELD) == 10
    assert statuses.count(Status.WAITLISTED) == 2
    event.refresh_from_db()
    assert (event.confirmed_count, event.held_count) == (0, 10)


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_offers_the_place_to_the_first_waitlisted_person_by_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = EventFactory(capacity=1)
    first = confirm(register(event, 1))
    second = register(event, 2, language="en")
    third = register(event, 3)
    run_worker()
    mail.outbox.clear()

    event_registration_cancel(registration=first, site_url=SITE)
    run_worker()

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.HELD  # an address nobody has confirmed yet must confirm, even moving up
    assert third.status == Status.WAITLISTED
    event.refresh_from_db()
    assert (event.confirmed_count, event.held_count) == (0, 1)
    promoted = [m for m in mail.outbox if m.to == ["person2@example.org"]]
    assert len(promoted) == 1
    assert "A place has become free" in promoted[0].subject
    assert "/en/events/confirm/" in promoted[0].body
    assert promoted[0].attachments == []
    (cancelled,) = [m for m in mail.outbox if m.to == ["person1@example.org"]]
    assert "atšaukta" in cancelled.subject
    assert len(mail.outbox) == 2


# The confirmation e-mail and its calendar file ---------------------------------------------------


def test_the_confirmation_carries_an_ics_that_opens_in_a_calendar(db, django_capture_on_commit_callbacks):
    event = EventFactory(title="Savitarnos mokymai", room="Kompiuterių klasė")
    with django_capture_on_commit_callbacks(execute=True):
        registration = confirm(register(event, 1))
    held, message = queued()
    assert "attachments" not in held
    assert message["to"] == ["person1@example.org"]
    assert "Savitarnos mokymai" in message["subject"]
    filename, content, mimetype = message["attachments"][0]
    assert (filename, mimetype) == (f"event-{event.pk}.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Savitarnos mokymai"
    assert entry.decoded("dtstart") == event.starts_at
    assert entry.decoded("dtend") == event.ends_at
    assert "Kompiuterių klasė" in str(entry["location"])
    # The signed token carries its time, so the link is read back rather than rebuilt.
    token = re.search(rf"{SITE}/lt/events/cancel/(\S+)/", message["body"]).group(1)
    assert registration_from_token(token) == registration


def test_a_waitlisted_person_gets_no_calendar_file(db, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1)
        register(event, 2, language="en")
    waiting = queued()[1]
    assert "waiting list" in waiting["subject"]
    assert "attachments" not in waiting


def test_the_confirmation_is_written_in_the_registrants_language(db, django_capture_on_commit_callbacks):
    event = EventFactory(title="Mokymai", title_bg="Обучение")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1, language="bg")
    (message,) = queued()
    assert "Обучение" in message["subject"]
    assert "Здравейте" in message["body"]


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_values", "code"),
    [
        ({"is_cancelled": True}, "registration_closed"),
        ({"starts_at": -dt.timedelta(hours=3)}, "registration_closed"),
        ({"registration_closes_at": -dt.timedelta(hours=1)}, "registration_closed"),
        ({"registration_opens_at": dt.timedelta(days=1)}, "registration_closed"),
    ],
)
def test_registration_is_refused_outside_the_window_or_for_a_cancelled_or_past_event(db, event_values, code):
    # Times are offsets from the test's (pinned) clock: parameters are built before it is pinned.
    now = timezone.now()
    event = EventFactory(**{k: now + v if isinstance(v, dt.timedelta) else v for k, v in event_values.items()})
    with pytest.raises(DomainError) as refused:
        register(event, 1)
    assert refused.value.code == code
    assert Registration.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_malformed_email_is_refused_with_nothing_saved(db):
    event = EventFactory()
    with pytest.raises(DomainError) as refused:
        register(event, 1, email="not-an-address")
    assert refused.value.field == "email"
    assert Registration.objects.count() == 0


def test_the_same_email_cannot_register_twice_whatever_its_case(db):
    event = EventFactory()
    register(event, 1)
    with pytest.raises(DomainError) as refused:
        register(event, 1, email="PERSON1@example.org", name="Someone else")
    assert refused.value.code == "already_registered"
    assert Registration.objects.count() == 1
    assert Event.objects.get(pk=event.pk).held_count == 1


def test_registration_without_consent_or_contact_is_refused(db):
    event = EventFactory()
    with pytest.raises(DomainError):
        register(event, 1, consent=False)
    with pytest.raises(DomainError):
        register(event, 1, email="", phone="")
    assert Registration.objects.count() == 0


def test_a_public_registration_needs_an_email_address_for_its_confirmation_link(db):
    with pytest.raises(DomainError) as refused:
        register(EventFactory(), 1, email="", phone="+370 600 00000")
    assert (refused.value.code, refused.value.field) == ("required", "email")
    assert Registration.objects.count() == 0


def test_staff_may_register_someone_by_phone_alone_and_the_place_is_confirmed(db, librarian):
    registration = register(EventFactory(), 1, email="", phone="+370 600 00000", by=librarian)
    assert registration.status == Status.CONFIRMED
    change = registration.changes.get()
    assert (change.actor, change.reason, change.note) == (librarian, "registered_by_staff", "")
    with translation.override("bg"):
        assert change.get_reason_display() == "регистриран от служител"


# Cancel links ------------------------------------------------------------------------------------


def test_a_forged_token_is_refused(db):
    registration = register(EventFactory(), 1)
    token = registration_cancel_token(registration)
    with pytest.raises(DomainError) as refused:
        registration_from_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert refused.value.code == "bad_token"


def test_an_expired_token_is_refused(db, monkeypatch):
    registration = register(EventFactory(), 1)
    token = registration_cancel_token(registration)
    monkeypatch.setattr(registrations, "CANCEL_MAX_AGE", -1)
    with pytest.raises(DomainError) as refused:
        registration_from_token(token)
    assert refused.value.code == "expired"


def test_a_registration_cannot_be_cancelled_twice(db):
    registration = register(EventFactory(), 1)
    event_registration_cancel(registration=registration, site_url=SITE)
    with pytest.raises(DomainError) as refused:
        event_registration_cancel(registration=registration, site_url=SITE)
    assert refused.value.code == "already_cancelled"


def test_a_patron_cannot_cancel_once_the_event_has_begun(db):
    event = EventFactory()
    registration = register(event, 1)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(DomainError) as refused:
        event_registration_cancel(registration=registration, site_url=SITE)
    assert refused.value.code == "expired"
    registration.refresh_from_db()
    assert registration.status == Status.HELD


def test_the_cancel_page_asks_first_and_cancels_on_post(client, db):
    registration = register(EventFactory(), 1)
    url = f"/lt/events/cancel/{registration_cancel_token(registration)}/"
    page = client.get(url)
    assert page.status_code == 200
    with translation.override("lt"):
        assert gettext("Cancel this registration?") in page.content.decode()
    assert f'href="{registration.event.get_absolute_url()}"' in page.content.decode()  # "No, keep my registration"
    registration.refresh_from_db()
    assert registration.status == Status.HELD
    done = client.post(url)
    assert done.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_a_forged_cancel_link_shows_a_friendly_page_and_changes_nothing(client, db):
    registration = register(EventFactory(), 1)
    response = client.post("/en/events/cancel/forged-token/")
    assert response.status_code == 400
    assert "This cancellation link is not valid." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.HELD


# Reminders ---------------------------------------------------------------------------------------


def reminder_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path="services.tasks.registration_reminder_task"))


@pytest.mark.django_db(transaction=True)
def test_the_reminder_is_queued_for_the_day_before_and_sent_by_the_worker(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = EventFactory(starts_at=timezone.now().replace(microsecond=0) + dt.timedelta(days=3))
    registration = register(event, 1, language="en")
    assert reminder_tasks() == []  # a held place gets no reminder
    confirm(registration)
    (task,) = reminder_tasks()
    assert task.run_after == event.starts_at - dt.timedelta(days=1)
    run_worker()
    mail.outbox.clear()
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"  # not due yet

    # The clock reaches the day before (the only outside thing mocked: the task's due time).
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    run_worker()
    assert [m.subject for m in mail.outbox] == [f"Reminder: “{event.title_en}” is tomorrow"]
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_moved_event_queues_new_reminders_and_the_old_one_stays_silent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = EventFactory(starts_at=timezone.now().replace(microsecond=0) + dt.timedelta(days=3))
    confirm(register(event, 1, language="en"))
    event.starts_at += dt.timedelta(days=2)
    event.ends_at += dt.timedelta(days=2)
    event = event_save(event=event, changed_fields=["starts_at", "ends_at"], site_url=SITE)
    # The copy staff edited was read before the registration: its counter is not written back.
    assert Event.objects.get(pk=event.pk).confirmed_count == 1
    old, new = sorted(reminder_tasks(), key=lambda t: t.run_after)
    assert new.run_after == event.starts_at - dt.timedelta(days=1)
    DBTaskResult.objects.filter(pk=old.pk).update(run_after=timezone.now())
    run_worker()
    assert DBTaskResult.objects.get(pk=old.pk).return_value is False
    assert not [m for m in mail.outbox if "Reminder" in m.subject]
    assert [m for m in mail.outbox if "has changed" in m.subject]


def test_a_cancelled_event_tells_everyone_registered(db, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    register(event, 1)
    register(event, 2)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, site_url=SITE)
    assert sorted(m["to"][0] for m in queued()) == ["person1@example.org", "person2@example.org"]
    with pytest.raises(DomainError):
        event_cancel(event=event, site_url=SITE)


def test_more_places_move_people_up_from_the_waiting_list(db):
    event = EventFactory(capacity=1)
    register(event, 1)
    waiting = register(event, 2)
    event.capacity = 2
    event_save(event=event, changed_fields=["capacity"], site_url=SITE)
    waiting.refresh_from_db()
    assert waiting.status == Status.HELD
    assert Event.objects.get(pk=event.pk).held_count == 2


def test_fewer_places_than_taken_are_refused_under_the_lock_and_nothing_of_the_edit_is_saved(db):
    event = EventFactory(capacity=3, room="Salė A")
    confirm(register(event, 1))
    register(event, 2)  # held until confirmed: it counts too
    event.capacity = 1
    event.room = "Salė B"
    with pytest.raises(DomainError) as refused:
        event_save(event=event, changed_fields=["capacity", "room"], site_url=SITE)
    assert (refused.value.code, refused.value.field) == ("capacity_too_small", "capacity")
    stored = Event.objects.get(pk=event.pk)
    assert (stored.capacity, stored.room, stored.confirmed_count, stored.held_count) == (3, "Salė A", 1, 1)


def test_a_hold_that_ran_out_is_given_back_before_the_places_are_checked(db):
    event = EventFactory(capacity=2)
    confirm(register(event, 1))
    held = register(event, 2)
    Registration.objects.filter(pk=held.pk).update(hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    event.capacity = 1
    event_save(event=event, changed_fields=["capacity"], site_url=SITE)
    stored = Event.objects.get(pk=event.pk)
    assert (stored.capacity, stored.confirmed_count, stored.held_count) == (1, 1, 0)
    assert Registration.objects.get(pk=held.pk).status == Status.EXPIRED


def test_places_cannot_drop_below_the_people_confirmed(db):
    event = EventFactory(capacity=2)
    register(event, 1)
    register(event, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=1)


def test_a_logged_in_patron_is_written_to_in_the_language_of_their_account_not_of_the_page(db):
    patron = UserFactory(email="petar@example.org", preferred_language="bg")
    registration = register(EventFactory(), 1, email="petar@example.org", patron=patron, language="lt")
    assert registration.language == "bg"
    (mail_kwargs,) = queued()
    assert mail_kwargs["body"].startswith("Здравейте, Person 1,")
