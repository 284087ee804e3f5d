"""The histories shown under an ILL request and a piece of feedback share one read-only inline
(library_portal.admin.ReadOnlyInline): staff read the rows the services wrote and can change none of them."""

from django.urls import reverse

from feedback.services import feedback_note_add
from ill.models import Status
from ill.services import ill_request_move
from library_portal.admin import ReadOnlyInline
from tests.factories import FeedbackFactory, IllRequestFactory


def read_only_inlines(response) -> dict:
    return {
        type(inline.opts).__name__: inline
        for inline in response.context["inline_admin_formsets"]
        if isinstance(inline.opts, ReadOnlyInline)
    }


def assert_read_only(inline, rows: int) -> None:
    formset = inline.formset
    assert len(formset.forms) == rows  # the rows written, and no empty form to add one
    assert not (inline.has_add_permission or inline.has_change_permission or formset.can_delete)
    assert all(form.fields.keys() <= {"id", formset.fk.name} for form in formset.forms)  # nothing to type into


def test_an_ill_requests_history_and_messages_are_read_only(client, librarian):
    request = IllRequestFactory(status=Status.SUBMITTED)
    ill_request_move(request_id=request.pk, to_status=Status.NEEDS_INFO, actor=librarian, note="Tikrinama")
    client.force_login(librarian)
    response = client.get(reverse("admin:ill_illrequest_change", args=[request.pk]))
    inlines = read_only_inlines(response)
    assert sorted(inlines) == ["HistoryInline", "MessageInline"]
    assert_read_only(inlines["HistoryInline"], rows=request.history.count())
    assert "Tikrinama" in response.content.decode()


def test_a_feedbacks_replies_notes_and_events_are_read_only(client, librarian):
    feedback = FeedbackFactory()
    feedback_note_add(feedback=feedback, body="Paskambinti rytoj", user=librarian)
    client.force_login(librarian)
    response = client.get(reverse("admin:feedback_feedback_change", args=[feedback.pk]))
    inlines = read_only_inlines(response)
    assert sorted(inlines) == ["EventInline", "NoteInline", "ReplyInline"]
    assert_read_only(inlines["NoteInline"], rows=1)
    assert_read_only(inlines["EventInline"], rows=feedback.events.count())
    assert "Paskambinti rytoj" in response.content.decode()
