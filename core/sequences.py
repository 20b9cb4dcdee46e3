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
    # One statement in the common case: the row lock it takes is what makes the numbers gap-free, and it is
    # held until the caller commits, so every statement less here is less waiting for the other windows.
    table, last = connection.ops.quote_name(Sequence._meta.db_table), connection.ops.quote_name("last")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 WHERE series = %s AND year = %s RETURNING {last}", [series, year]
        )
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    seq, _ = Sequence.objects.select_for_update().get_or_create(series=series, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last


def next_in_sequence_sql(series: str, year: int) -> tuple[str, tuple]:
    """next_in_sequence as one clause for a batched statement (core.sqlbatch): takes the next number, creating
    the year's counter on first use, and returns it as `last`. The row lock lasts until the caller commits."""
    from django.db import connection

    qn = connection.ops.quote_name
    table, last = qn(Sequence._meta.db_table), qn("last")
    return (
        f"INSERT INTO {table} (series, year, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT (series, year) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}",
        (series, year),
    )
