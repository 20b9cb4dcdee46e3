"""Fixed-shape reads on the hottest paths, written as SQL and turned back into model instances.

Why not the ORM there: building and compiling a QuerySet costs the web process far more than running it. On
the benchmark machine a one-row select_related lookup spent ~1 ms of Python CPU in Django's query compiler
against ~0.1 ms for the database round trip (bench/README.md, fifth session), and intake made four of them per
registration. Only statements whose shape never changes belong here; everything else stays in the ORM.

What stays Django's: the column list comes from the model's own fields (a new field is selected without
editing any SQL), and every value goes through the converters the backend and the field would apply, so the
instances are the same as the ORM's (tested against it on SQLite and PostgreSQL).
"""

from __future__ import annotations

from django.db import connections


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


def fetch_row(sql: str, params, using: str = "default"):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
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
        cursor.execute(
            f"SELECT {', '.join(c.sql(connection) for c in chain)} "
            f"FROM {qn(base.model._meta.db_table)} {qn(base.alias)} {' '.join(joins)} WHERE {where} {tail}",
            params,
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
