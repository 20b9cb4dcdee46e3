"""Several inserts sent to PostgreSQL as one statement (data-modifying WITH clauses).

A registration writes a worker, a case, its events and claims and takes the case number: seven statements and
the transaction's BEGIN and COMMIT, each a round trip, each parsed and planned by PostgreSQL, and each built by
Django's Model.save machinery. Sent as one statement they cost one round trip.

The SQL of each insert is still Django's: `insert_sql` runs the model's own InsertQuery compiler on unsaved
instances (once per shape of insert; the text is kept), and every value is prepared the ORM's way, so defaults,
auto_now fields, JSON adaptation and every other field preparation are the ORM's, and a new field is written
without editing any SQL here. Only the glue is ours: one insert may refer to the row
another returned (`returned`), e.g. a case's id in its events.

PostgreSQL only: SQLite has no data-modifying WITH. Callers keep their ORM path for it.

Why it is kept: on the 1M-case database a registration cost 7.0 ms of CPU (web process + its PostgreSQL
backend) this way against 10.1 ms through the ORM's inserts, with the baseline insert at 3.0 ms: 2.3x against
3.4x, where issue 5's target is at most 3x (in-process, alternating rounds; docs/performance.md).
It relies on one private detail of Django, Model._state, in mark_saved (tests/core/test_mark_saved.py checks it
on every database).
"""

from __future__ import annotations

from django.db import connections
from django.db.models.constants import OnConflict
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery


def supported(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def returned(name: str, column: str = "id", row: int | None = None) -> RawSQL:
    """A value for an unsaved instance's field: `column` of the single row the WITH clause `name` returned, or of
    its `row`-th row (from 0) by that column's order (a serial id's order is the order of the rows inserted)."""
    if row is None:
        return RawSQL(f'(SELECT "{column}" FROM {name})', ())
    return RawSQL(f'(SELECT "{column}" FROM {name} ORDER BY "{column}" LIMIT 1 OFFSET %s)', (row,))


def insert_sql(objs, *, returning=(), update_conflicts_on=(), update_fields=(), using: str = "default"):
    """(sql, params) of Django's INSERT of these unsaved instances of one model, as Model.save or bulk_create
    would send it. update_conflicts_on: the unique field names of an upsert (bulk_create(update_conflicts=True)).

    The text is Django's, compiled once per shape of insert and kept (_TEMPLATES); each call still prepares
    its values the ORM's way (pre_save, get_db_prep_save)."""
    model = type(objs[0])
    connection = connections[using]
    fields = _insert_fields(model)
    shape, params, _ = _prepared(objs, fields, connection, raw=False)
    key = (model, len(objs), shape, tuple(returning), tuple(update_conflicts_on), tuple(update_fields), using)
    sql = _TEMPLATES.get(key) if shape is not None else None
    if sql:
        return sql, params
    statement = _compiled(objs, fields, returning, update_conflicts_on, update_fields, using)
    if shape is not None and sql is None:
        # Keep the text only if the values prepared here are, one for one, the parameters Django compiled
        # beside it (read back without pre_save, which Django's compiling has just run): anything Django
        # compiles differently (several plain rows go as UNNEST arrays, say) is never kept (False: always compile).
        again, mine, randomised = _prepared(objs, fields, connection, raw=True)
        _TEMPLATES[key] = again == shape and _same_params(mine, statement[1], connection, randomised) and statement[0]
    return statement


# Compiling an INSERT (Django's InsertQuery and its compiler: quoting, placeholders, the upsert's and the
# RETURNING clauses) was about an eighth of a registration's CPU (five inserts), for text that is the same
# every time. Keyed by the model, the number of rows, where the values
# are SQL expressions (and which), and the clauses asked for.
_TEMPLATES: dict = {}


def _insert_fields(model) -> list:
    fields = _FIELDS.get(model)
    if fields is None:
        opts = model._meta
        fields = _FIELDS[model] = [f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated]
    return fields


_FIELDS: dict = {}


def _prepared(objs, fields, connection, *, raw: bool):
    """(shape, params, randomised positions) of these rows as SQLInsertCompiler prepares them: each value pre_saved (or read as it
    is, raw) and prepared for the database; a RawSQL value (e.g. `returned`) is SQL in the text and its
    params. The shape says which values are which; None when a value or field is one Django compiles some
    other way (another expression, a field with its own placeholder): those are always compiled."""
    shape, params, randomised = [], [], set()
    for obj in objs:
        for field in fields:
            value = getattr(obj, field.attname) if raw else field.pre_save(obj, add=True)
            if isinstance(value, RawSQL):
                shape.append(value.sql)
                params.extend(value.params)
            elif hasattr(value, "resolve_expression") or hasattr(field, "get_placeholder"):
                return None, None, None
            else:
                shape.append(None)
                if getattr(field, "randomised_preparation", False):
                    # Prepared differently on every call (an encrypted field's random nonce, core.crypto): its
                    # parameter is compared with Django's by position alone.
                    randomised.add(len(params))
                params.append(field.get_db_prep_save(value, connection=connection))
    return tuple(shape), tuple(params), frozenset(randomised)


def _same_params(mine, django, connection, randomised=frozenset()) -> bool:
    """Parameter for parameter, as the driver would send them (psycopg2's Json adapters have no __eq__ of their
    own, so they are compared by what they put in the statement)."""
    if len(mine) != len(django):
        return False
    if randomised:
        mine = tuple("" if i in randomised else p for i, p in enumerate(mine))
        django = tuple("" if i in randomised else p for i, p in enumerate(django))
    if mine == django:
        return True
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:  # the driver's own cursor: nothing is run or logged
        as_sent = ", ".join(["%s"] * len(mine))
        return cursor.mogrify(as_sent, mine) == cursor.mogrify(as_sent, django)


def _compiled(objs, fields, returning, update_conflicts_on, update_fields, using):
    model = type(objs[0])
    opts = model._meta
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


def mark_saved(instance, pk=None, using: str = "default"):
    """Make an instance written by a statement here what Model.save leaves behind: its primary key set and
    Django told it is in the database `using` (a later save() updates it, never inserts it again). Django has no
    public call for this, so this is the one place that writes Model._state."""
    if pk is not None:
        instance.pk = pk
    instance._state.adding = False
    instance._state.db = using
    return instance


def with_statement(clauses: list[tuple[str, tuple[str, tuple]]], final_sql: str, final_params=()) -> tuple[str, tuple]:
    """WITH name AS (sql), ... final_sql: clauses run in full even when the final query reads none of them."""
    parts, params = [], []
    for name, (sql, clause_params) in clauses:
        parts.append(f"{name} AS ({sql})")
        params.extend(clause_params)
    return f"WITH {', '.join(parts)} {final_sql}", (*params, *final_params)
