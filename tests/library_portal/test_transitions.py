"""The one transition helper, on feedback (the smallest workflow): it checks the status in the database, not the
copy it is given, and writes the history row only with the move."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from feedback.models import FEEDBACK_TRANSITIONS, Feedback, FeedbackStatus
from library_portal.errors import DomainError
from library_portal.transitions import transition
from tests.factories import FeedbackFactory

REFUSED = gettext_lazy("Feedback that is “%(from)s” cannot become “%(to)s”.")


def move(feedback: Feedback, to: str, actor=None, note: str = "") -> str:
    return transition(
        feedback,
        to,
        table=FEEDBACK_TRANSITIONS,
        history=feedback.events,
        refused=REFUSED,
        actor=actor,
        note=note,
        action="status",
    )


def test_a_move_saves_the_status_and_writes_one_history_row_with_actor_and_note(librarian):
    feedback = FeedbackFactory()
    feedback.events.all().delete()
    assert move(feedback, FeedbackStatus.IN_PROGRESS, actor=librarian, note="Asked the branch") == FeedbackStatus.NEW
    assert Feedback.objects.get(pk=feedback.pk).status == FeedbackStatus.IN_PROGRESS
    assert list(feedback.events.values_list("from_status", "to_status", "actor", "note", "action")) == [
        ("new", "in_progress", librarian.pk, "Asked the branch", "status")
    ]


def test_a_stale_copy_is_checked_against_the_status_in_the_database_and_nothing_is_written(librarian):
    feedback = FeedbackFactory()
    stale = Feedback.objects.get(pk=feedback.pk)
    move(feedback, FeedbackStatus.CLOSED, actor=librarian)
    before = feedback.events.count()
    # NEW may become ANSWERED, CLOSED may not: the copy still says NEW.
    with pytest.raises(DomainError) as error, translation.override("en"):
        move(stale, FeedbackStatus.ANSWERED, actor=librarian)
    assert (error.value.code, error.value.status) == ("illegal_move", 409)
    assert str(error.value.message) == "Feedback that is “Closed” cannot become “Answered”."
    assert Feedback.objects.get(pk=feedback.pk).status == FeedbackStatus.CLOSED
    assert feedback.events.count() == before
