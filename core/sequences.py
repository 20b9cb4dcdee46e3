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
    assert transaction.get_connection().in_atomic_block, "next_in_sequence needs a transaction"
    seq, _ = Sequence.objects.select_for_update().get_or_create(series=series, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last
