"""The one-statement inserts of library_portal/inserts.py: what save() would write, in order, never cut."""

import pytest
from django.db import DataError, connection, transaction

from ill.models import IllRequest, StatusChange
from library_portal.inserts import insert_select, insert_values
from tests.ill.factories import IllRequestFactory
from tests.services.factories import BranchFactory


def _insert_with_history(request: IllRequest, history: list[StatusChange]) -> int:
    request_sql, params = insert_values(request)
    history_sql, history_params = insert_select(history, parent_field="request")
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH r AS ({request_sql} RETURNING id), h AS ({history_sql}) SELECT id FROM r",  # noqa: S608
            [*params, *history_params],
        )
        return cursor.fetchone()[0]


def _unsaved_request(patron) -> IllRequest:
    """A complete request as a form would give it, not yet saved."""
    return IllRequestFactory.build(patron=patron, pickup_branch=BranchFactory())


def _change(request: IllRequest, **fields) -> StatusChange:
    return StatusChange(request=request, to_status="SUBMITTED", **fields)


def test_dependants_are_inserted_in_order_with_their_defaults(patron):
    request = _unsaved_request(patron)
    request_id = _insert_with_history(request, [_change(request, note=note) for note in ["first", "second", "third"]])
    history = StatusChange.objects.filter(request_id=request_id).order_by("pk")
    assert [change.note for change in history] == ["first", "second", "third"]
    assert all(change.note_is_public and change.created_at and change.actor_id is None for change in history)


def test_a_value_too_long_for_its_column_fails_instead_of_being_cut(patron):
    request = _unsaved_request(patron)
    request.title = "x" * 501  # the column holds 500
    with pytest.raises(DataError), transaction.atomic():
        _insert_with_history(request, [_change(request)])
    request.title = "Metai"
    with pytest.raises(DataError), transaction.atomic():
        _insert_with_history(request, [_change(request, actor_label="y" * 101)])  # the column holds 100
    assert not IllRequest.objects.exists()
