"""Several rows in one INSERT statement: a parent and the rows that point at it.

The portal's busiest writes (an interlibrary-loan submission, a survey response) insert a row and
its dependants. Through the ORM that is a transaction of several round trips; written as one
statement with data-modifying CTEs it is one round trip, still all or nothing (a statement is
atomic even in autocommit).

`insert_parts(instance)` gives the columns and values that `instance.save()` would insert:
defaults, what `pre_save` receivers set, `auto_now_add` and each field's own conversion, so the
statement and the ORM can never disagree on what a row holds. (`post_save` is not sent: none of
the models inserted this way has receivers.)
"""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.signals import pre_save


def insert_parts(instance: models.Model, *, leave_out: tuple[str, ...] = ()) -> tuple[list[str], list[Any]]:
    """(quoted columns, parameters) of an INSERT of the unsaved `instance`, without its automatic
    primary key and without the fields named in `leave_out` (the statement supplies those)."""
    pre_save.send(sender=type(instance), instance=instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None)
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the `connection` proxy costs a lookup per use
    columns, params = [], []
    for field in instance._meta.local_concrete_fields:
        if field is instance._meta.auto_field or field.name in leave_out:
            continue
        columns.append(connection.ops.quote_name(field.column))
        params.append(field.get_db_prep_save(field.pre_save(instance, add=True), connection))
    return columns, params


def table(model: type[models.Model]) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)
