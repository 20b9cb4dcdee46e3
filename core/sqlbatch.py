"""Several inserts sent to PostgreSQL as one statement (data-modifying WITH clauses).

A registration writes a worker, a case, its events and claims and takes the case number: seven statements and
the transaction's BEGIN and COMMIT, each a round trip, each parsed and planned by PostgreSQL, and each built by
Django's Model.save machinery. Sent as one statement they cost one round trip (bench/README.md, fifth session).

The SQL of each insert is still Django's: `insert_sql` runs the model's own InsertQuery compiler on unsaved
instances, so defaults, auto_now fields, JSON adaptation and every other field preparation are the ORM's, and
a new field is written without editing any SQL here. Only the glue is ours: one insert may refer to the row
another returned (`returned`), e.g. a case's id in its events.

PostgreSQL only: SQLite has no data-modifying WITH. Callers keep their ORM path for it.
"""

from __future__ import annotations

from django.db import connections
from django.db.models.constants import OnConflict
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery


def supported(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def returned(name: str, column: str = "id") -> RawSQL:
    """A value for an unsaved instance's field: `column` of the single row the WITH clause `name` returned."""
    return RawSQL(f'(SELECT "{column}" FROM {name})', ())


def insert_sql(objs, *, returning=(), update_conflicts_on=(), update_fields=(), using: str = "default"):
    """(sql, params) of Django's INSERT of these unsaved instances of one model, as Model.save or bulk_create
    would send it. update_conflicts_on: the unique field names of an upsert (bulk_create(update_conflicts=True))."""
    model = type(objs[0])
    opts = model._meta
    fields = [f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated]
    query = InsertQuery(
        model,
        on_conflict=OnConflict.UPDATE if update_conflicts_on else None,
        update_fields=[opts.get_field(n) for n in update_fields],
        unique_fields=[opts.get_field(n) for n in update_conflicts_on],
    )
    query.insert_values(fields, objs, raw=False)
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = [opts.get_field(n) for n in returning]
    (statement,) = compiler.as_sql()
    return statement


def with_statement(clauses: list[tuple[str, tuple[str, tuple]]], final_sql: str, final_params=()) -> tuple[str, tuple]:
    """WITH name AS (sql), ... final_sql: clauses run in full even when the final query reads none of them."""
    parts, params = [], []
    for name, (sql, clause_params) in clauses:
        parts.append(f"{name} AS ({sql})")
        params.extend(clause_params)
    return f"WITH {', '.join(parts)} {final_sql}", (*params, *final_params)
