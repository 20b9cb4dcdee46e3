"""Gap-free yearly counters for document and case numbers (restart each year, per series)."""

from django.db import models, transaction


class Sequence(models.Model):
    series = models.CharField(max_length=64)
    year = models.PositiveIntegerField()
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        app_label = "core"
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="uniq_sequence_series_year")]


def next_in_sequence(series: str, year: int) -> int:
    """Take the next number; must run inside the caller's transaction so a rollback returns it."""
    connection = transaction.get_connection()
    assert connection.in_atomic_block, "next_in_sequence needs a transaction"
    # One statement, creating the year's counter on first use: the row lock it takes is what makes the numbers
    # gap-free, and it is held until the caller commits, so every statement less here is less waiting for the
    # other windows. (PostgreSQL and SQLite >= 3.35 both run INSERT ... ON CONFLICT ... RETURNING.)
    sql, params = next_in_sequence_sql(series, year, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def next_in_sequence_sql(series: str, year: int, connection=None) -> tuple[str, tuple]:
    """next_in_sequence's statement, also a clause of a batched one (core.sqlbatch): takes the next number,
    creating the year's counter on first use, and returns it as `last`. The row lock lasts until commit."""
    connection = connection or transaction.get_connection()
    qn = connection.ops.quote_name
    table, last = qn(Sequence._meta.db_table), qn("last")
    return (
        f"INSERT INTO {table} (series, year, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT (series, year) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}",
        (series, year),
    )
