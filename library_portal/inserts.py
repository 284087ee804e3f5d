"""Several rows in one INSERT statement: a parent and the rows that point at it.

The portal's busiest writes (an interlibrary-loan submission, a survey response) insert a row and
its dependants. Through the ORM that is a transaction of several round trips; written as one
statement with data-modifying CTEs it is one round trip, still all or nothing (a statement is
atomic even in autocommit):

    WITH r AS (<insert_values(parent)> RETURNING id),
         c0 AS (<insert_select(child, parent_field=...)>), ...
    SELECT id FROM r

`insert_parts(instance)` gives the columns and values that `instance.save()` would insert:
defaults, what `pre_save` receivers set, `auto_now_add` and each field's own conversion, so the
statement and the ORM can never disagree on what a row holds. (`post_save` is not sent: none of
the models inserted this way has receivers.)
"""

import re
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.signals import pre_save


def insert_parts(instance: models.Model, *, leave_out: tuple[str, ...] = ()) -> tuple[list[str], list[Any]]:
    """(quoted columns, parameters) of an INSERT of the unsaved `instance`, without its automatic
    primary key and without the fields named in `leave_out` (the statement supplies those)."""
    pre_save.send(sender=type(instance), instance=instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None)
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the `connection` proxy costs a lookup per use
    fields = _written_fields(type(instance), leave_out)
    columns = [connection.ops.quote_name(field.column) for field in fields]
    return columns, [field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in fields]


def _written_fields(model: type[models.Model], leave_out: tuple[str, ...]) -> list[models.Field]:
    return [
        field
        for field in model._meta.local_concrete_fields
        if field is not model._meta.auto_field and field.name not in leave_out
    ]


def table(model: type[models.Model]) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)


def insert_values(instance: models.Model) -> tuple[str, list[Any]]:
    """`INSERT INTO <table> (<columns>) VALUES (<placeholders>)` of the unsaved `instance`, and its
    parameters: the parent row of a statement (add ON CONFLICT and RETURNING after it)."""
    columns, params = insert_parts(instance)
    placeholders = ", ".join(["%s"] * len(params))
    return f"INSERT INTO {table(type(instance))} ({', '.join(columns)}) VALUES ({placeholders})", params  # noqa: S608


def insert_select(instances: list[models.Model], *, parent_field: str, parent: str = "r") -> tuple[str, list[Any]]:
    """One INSERT of the unsaved `instances` (one model, inserted in this order) whose `parent_field`
    points at the row the CTE `parent` returned (`id`), and its parameters. Nothing is inserted
    when that CTE inserted nothing."""
    connection = connections[DEFAULT_DB_ALIAS]
    model = type(instances[0])
    fields = _written_fields(model, (parent_field,))
    # A VALUES list types each column by itself (a column of NULLs would be text): cast each to its
    # field's type; strings to plain varchar, so that a value too long fails instead of being cut.
    casts = [re.sub(r"^varchar\(\d+\)$", "varchar", field.db_type(connection)) for field in fields]
    row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    params = [value for instance in instances for value in insert_parts(instance, leave_out=(parent_field,))[1]]
    column = connection.ops.quote_name(model._meta.get_field(parent_field).column)
    sql = (
        f"INSERT INTO {table(model)} ({column}, {columns}) "  # noqa: S608
        f"SELECT {parent}.id, v.* FROM {parent}, (VALUES {', '.join([row] * len(instances))}) AS v"
    )
    return sql, params
