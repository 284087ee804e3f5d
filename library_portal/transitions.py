"""The one way a workflow's status moves: `transition`.

Each app keeps its own table of allowed moves (a plain mapping beside its statuses) and its own history table
(a `library_portal.models.StatusHistory`); what a move does besides (counters, dates, e-mails) stays in the app's
service around the call.
"""

from collections.abc import Collection, Iterable, Mapping

from django.db import models, transaction

from library_portal.errors import DomainError
from library_portal.models import TimeStampedModel

ILLEGAL_MOVE = "illegal_move"


def transition(
    obj: models.Model,
    to: str,
    *,
    table: Mapping[str, Collection[str]],
    history: models.Manager,
    refused,
    closed=None,
    actor=None,
    note: str = "",
    fields: Iterable[str] = (),
    **history_fields,
) -> str:
    """Move `obj.status` to `to` if `table` allows it, save it and write its history row; return the status it left.

    The row is locked (`select_for_update`) and its status read from the database, so two moves at once are made one
    after the other and the second is checked against the first one's result. `history` is the manager of obj's
    history rows (`request.history`), which sets the foreign key; `history_fields` are the app's own columns of the
    row (a reason, an action, the note's visibility). `fields` are the other fields of `obj` the caller changed for
    this move and that are saved with it.

    Raises DomainError (code illegal_move, 409) when the table has no such move: the message is `closed` when the
    current status allows no move at all and one is given, else `refused`; both are translated and may name
    `%(from)s` and `%(to)s`, the statuses' labels. Nothing is saved then.
    """
    model = type(obj)
    with transaction.atomic():
        current = model._default_manager.select_for_update().filter(pk=obj.pk).values_list("status", flat=True).get()
        allowed = table.get(current, ())
        if to not in allowed:
            labels = dict(model._meta.get_field("status").flatchoices)
            message = closed if closed is not None and not allowed else refused
            raise DomainError(
                message % {"from": labels.get(current, current), "to": labels.get(to, to)},
                code=ILLEGAL_MOVE,
                status=409,
            )
        obj.status = to
        update = ["status", *fields]
        if isinstance(obj, TimeStampedModel):
            update.append("updated_at")
        obj.save(update_fields=update)
        history.create(from_status=current, to_status=to, actor=actor, note=note, **history_fields)
    return current
