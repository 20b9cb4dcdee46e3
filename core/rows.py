"""The project's fast path for reads: fixed-shape statements on the hottest pages, run as SQL (prepared on
PostgreSQL) and turned back into the model instances the ORM would build. Everything else stays in the ORM.

Why it is kept: through the ORM, each of these one-row or one-case reads cost the web 0.6-1.5 ms of CPU in
Django's query compiler and PostgreSQL 0.1-0.6 ms of planning, against 0.1-0.4 ms and ~0.01 ms here (1M cases,
in-process A/B, docs/performance.md). Per request that was +4-6 ms of CPU on the case page and the queue (case
API 8.8 -> 14.0 ms, queue API 7.5 -> 11-14 ms) and +2.6 ms on the status lookup, at a load where the p95s
(queue 50, case page 41, status 22 ms against 100/100/50) were reached with the machine a third to two thirds
busy. Users: core.access (the actor), disputes.selectors (case, timeline, referrals, queue parts),
deadlines.selectors (clocks), portal.selectors (status page), intake.selectors (parties on file).

What stays Django's: the column list comes from the model's own fields (a new field is selected without
editing any SQL), every value goes through the converters the backend and the field would apply, so the
instances are the same as the ORM's (tested against it on SQLite and PostgreSQL), and where a condition is
more than a key lookup it is the ORM's own compiled SQL (the queue's parts). Parts of Django it relies on that
are not documented API (the backend's and fields' converters, Field.get_col, Field.set_cached_value, the
backend's integer ranges) are each checked in tests/core/test_rows.py, whose message names the one that changed.
Attaching relations by assignment (the public descriptor) instead measured ~5x slower per relation.

On PostgreSQL the statements are prepared once per connection and then only executed (`execute`): planning
them with the partial indexes' predicates to prove cost PostgreSQL more CPU than running them. Off with the
setting DATABASE_PREPARED_STATEMENTS, and always behind a pooler in transaction mode (DB_TRANSACTION_POOLER),
where a session's next transaction may run on another server session that never saw the PREPARE
(tests/db/test_pooler.py).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import weakref

from django.conf import settings
from django.db import connections

# Per DB-API connection (a reconnect starts afresh): the statements prepared on it, SQL text -> name.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Name -> SQL text, for reading a query log (statement_text).
_texts: dict[str, str] = {}
_PLACEHOLDER = re.compile(r"%(s|%)")
_EXECUTE = re.compile(r"EXECUTE (ow_[0-9a-f]{16})\b")


def statement_text(logged: str) -> str:
    """The SQL behind a logged `EXECUTE ow_...` of this module; any other logged SQL as it is. Tests that
    look into the statements a request ran read them through this."""
    found = _EXECUTE.match(logged)
    return _texts.get(found.group(1), logged) if found else logged


def _numbered(sql: str) -> str:
    """psycopg2's %s placeholders as PostgreSQL's $1, $2, ... (and %% as %)."""
    n = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: f"${next(n)}" if m.group(1) == "s" else "%", sql)


def execute(cursor, sql: str, params, connection) -> None:
    """Run one of this module's statements: prepared on PostgreSQL, as it is elsewhere.

    The PREPARE goes through the driver's own cursor, outside Django's query log: it is set-up done once per
    connection, and the query-count tests count what a request runs each time. Prepared statements belong to
    the session, not the transaction, so one prepared in a transaction that rolls back stays usable."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    raw = connection.connection
    names = _prepared.get(raw)
    if names is None:
        names = _prepared[raw] = {}
    name = names.get(sql)
    if name is None:
        name = "ow_" + hashlib.sha1(sql.encode()).hexdigest()[:16]
        with raw.cursor() as setup:
            setup.execute(f"PREPARE {name} AS {_numbered(sql)}")
        names[sql] = name
        _texts[name] = sql
    cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}", params)


class Columns:
    """The concrete columns of `model` under the table alias `alias`, and how to build an instance from them."""

    def __init__(self, model, alias: str):
        self.model = model
        self.alias = alias
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self._converters: dict[str, list] = {}
        self._sql: dict[str, str] = {}

    def sql(self, connection) -> str:
        found = self._sql.get(connection.alias)
        if found is None:
            qn = connection.ops.quote_name
            found = self._sql[connection.alias] = ", ".join(f"{qn(self.alias)}.{qn(f.column)}" for f in self.fields)
        return found

    @property
    def width(self) -> int:
        return len(self.fields)

    def _converters_for(self, connection) -> list:
        found = self._converters.get(connection.alias)
        if found is None:
            found = []
            for i, f in enumerate(self.fields):
                col = f.get_col(self.alias)
                chain = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
                if chain:
                    found.append((i, col, chain))
            self._converters[connection.alias] = found
        return found

    def build(self, row, start: int, connection):
        """The instance held in row[start:start + width], or None when an outer join found nothing (NULL key)."""
        values = list(row[start:start + self.width])
        if values[self.pk_index] is None:
            return None
        for i, col, chain in self._converters_for(connection):
            for convert in chain:
                values[i] = convert(values[i], col, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


def holds(field, value, using: str = "default") -> bool:
    """Whether the database column of this integer field can hold `value`. The ORM answers "no rows" for a
    value beyond the column's range; a statement here must be told, or the driver refuses the parameter."""
    low, high = connections[using].ops.integer_field_range(field.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


def fetch_row(sql: str, params, using: str = "default"):
    connection = connections[using]
    with connection.cursor() as cursor:
        execute(cursor, sql, params, connection)
        return cursor.fetchone()


def select_related_rows(base: Columns, relations, where: str, params, *, tail: str = "", using: str = "default") -> list:
    """Rows of base's model with to-one relations attached as select_related attaches them, in one statement.

    relations: (owner, field name, Columns of the related model) in join order, owner being `base` or an
    earlier relation's Columns; the join is outer when the foreign key is nullable. where and tail (ORDER BY,
    LIMIT) refer to the aliases of the Columns; params fill their placeholders."""
    connection = connections[using]
    qn = connection.ops.quote_name
    chain = [base] + [related for _, _, related in relations]
    joins = []
    for owner, name, related in relations:
        field = owner.model._meta.get_field(name)
        kind = "LEFT OUTER JOIN" if field.null else "INNER JOIN"
        joins.append(
            f"{kind} {qn(related.model._meta.db_table)} {qn(related.alias)} "
            f"ON {qn(related.alias)}.{qn(field.target_field.column)} = {qn(owner.alias)}.{qn(field.column)}"
        )
    with connection.cursor() as cursor:
        execute(
            cursor,
            f"SELECT {', '.join(c.sql(connection) for c in chain)} "
            f"FROM {qn(base.model._meta.db_table)} {qn(base.alias)} {' '.join(joins)} WHERE {where} {tail}",
            params,
            connection,
        )
        rows = cursor.fetchall()
    built = []
    for row in rows:
        start, instances = 0, {}
        for cols in chain:
            instances[cols.alias] = cols.build(row, start, connection)
            start += cols.width
        for owner, name, related in relations:
            if instances[owner.alias] is not None:
                owner.model._meta.get_field(name).set_cached_value(instances[owner.alias], instances[related.alias])
        built.append(instances[base.alias])
    return built
