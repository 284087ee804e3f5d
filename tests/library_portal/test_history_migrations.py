"""One history shape: the migrations that rename the history fields (`by`/`at` of a registration's history,
`user` of feedback's) keep every row's actor and time. They run backwards and forwards on the real test database,
with rows written by the models as they were."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from feedback.models import FeedbackEvent
from services.models import Registration, RegistrationChange
from tests.factories import EventFactory, FeedbackFactory, UserFactory

BEFORE = [
    ("services", "0010_registration_history_reason_codes"),
    ("feedback", "0003_reply_templates_start_after_the_greeting"),
]
WRITTEN_AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def migrations(transactional_db):
    """`back()` takes services and feedback to before one history shape and returns the models of then;
    `forward()` (also run after the test, so that the next test finds the schema of today) applies everything."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    class Migrations:
        @staticmethod
        def back():
            executor = MigrationExecutor(connection)
            executor.migrate(BEFORE)
            return MigrationExecutor(connection).loader.project_state(BEFORE).apps

        @staticmethod
        def forward():
            MigrationExecutor(connection).migrate(latest)

    yield Migrations
    Migrations.forward()


def test_the_history_migrations_keep_every_rows_actor_time_and_reason(migrations):
    """One test for the three kinds of rows: one migration back and forward serves them all. Each such cycle is
    about 11 s of CPU: three tests of one cycle each took 37 s of CPU, this one takes 16 s (pytest --reuse-db)."""
    librarian = UserFactory(email="ona@example.org")
    moved = Registration.objects.create(
        event=EventFactory(), name="Jonas", email="jonas@example.org", status="cancelled", consent_at=WRITTEN_AT
    )
    noted = Registration.objects.create(
        event=EventFactory(), name="Petras", email="petras@example.org", status="cancelled", consent_at=WRITTEN_AT
    )
    feedback = FeedbackFactory()
    feedback.events.all().delete()

    old = migrations.back()
    _old_registration_rows(old, moved, librarian)
    _old_feedback_row(old, feedback, librarian)
    _reason_codes_from_old_notes(old, noted, librarian)

    migrations.forward()

    rows = RegistrationChange.objects.filter(registration=moved).order_by("pk")
    assert [(c.from_status, c.to_status, c.actor_id, c.reason, c.note) for c in rows] == [
        ("", "confirmed", None, "registered", ""),
        ("confirmed", "cancelled", librarian.pk, "cancelled_by_staff", "The room is flooded"),
    ]
    assert rows.last().created_at == WRITTEN_AT
    event = FeedbackEvent.objects.get(feedback=feedback)
    assert (event.action, event.from_status, event.to_status, event.actor_id, event.note, event.created_at) == (
        "status",
        "new",
        "in_progress",
        librarian.pk,
        "Asked the branch",
        WRITTEN_AT,
    )


def _old_registration_rows(old, registration, librarian) -> None:
    """A registration's history as the models before one history shape wrote it (`by`/`at`)."""
    OldChange = old.get_model("services", "RegistrationChange")
    OldChange.objects.create(registration_id=registration.pk, to_status="confirmed", reason="registered")
    staff_row = OldChange.objects.create(
        registration_id=registration.pk,
        from_status="confirmed",
        to_status="cancelled",
        by_id=librarian.pk,
        reason="cancelled_by_staff",
        note="The room is flooded",
    )
    # `at` was auto_now_add: the time of the row is set afterwards, as the data of a past day.
    OldChange.objects.filter(pk=staff_row.pk).update(at=WRITTEN_AT)


def _old_feedback_row(old, feedback, librarian) -> None:
    """Feedback's history as its models wrote it (`user`)."""
    old.get_model("feedback", "FeedbackEvent").objects.create(
        feedback_id=feedback.pk,
        action="status",
        from_status="new",
        to_status="in_progress",
        user_id=librarian.pk,
        note="Asked the branch",
        created_at=WRITTEN_AT,
    )


def _reason_codes_from_old_notes(old, registration, librarian) -> None:
    """services 0010, run on rows written by the models of its time (`by`, not `actor`): old English notes become
    reasons, a staff member's message stays. The rows of the other registration already have their reasons, which
    this migration leaves alone."""
    OldChange = old.get_model("services", "RegistrationChange")
    rows = [
        ("", "held", None, "registered"),
        ("held", "confirmed", None, "confirmed by link"),
        ("confirmed", "cancelled", librarian.pk, "The room is flooded"),
    ]
    changes = [
        OldChange.objects.create(registration_id=registration.pk, from_status=a, to_status=b, by_id=by, note=note)
        for a, b, by, note in rows
    ]
    importlib.import_module("services.migrations.0010_registration_history_reason_codes").notes_to_reasons(old, None)
    assert [(c.reason, c.note) for c in OldChange.objects.filter(pk__in=[c.pk for c in changes]).order_by("pk")] == [
        ("registered", ""),
        ("confirmed_by_link", ""),
        ("cancelled_by_staff", "The room is flooded"),
    ]
