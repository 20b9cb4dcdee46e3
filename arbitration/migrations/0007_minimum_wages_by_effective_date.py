"""Minimum wages keyed by division and the day they take effect, each row with its source and a verified flag.

The rows seeded by 0002 were one copy per calendar year 2024-2026 of the tiers of Shandong's notice in force from
2021-10-01 (2100 / 1900 / 1700 yuan [M]), with a tier assumed per division. Keyed by year they were wrong for
January-September 2021 and silent about the day a notice takes effect. Here:

- every division's seeded copies (amount and source as seeded, unchanged by an administrator) become ONE row in
  force from 2021-10-01, the notice's effective date, verified=False: the notice's text could not be checked
  against the Shandong government's publication, and the tier of each division is an assumption;
- a row an administrator changed (another amount or source) is kept, in force from 1 January of its year, so no
  entered value is lost;
- a zone that has an administering division (core 0004) uses that division's rate: its seeded copies are
  dropped, a changed zone row is kept (it wins over the administering division's).
Nothing is marked verified: an administrator who checks a row against the notice ticks it in the admin.
"""

import datetime

from django.db import migrations, models
import django.db.models.deletion

NOTICE_EFFECTIVE = datetime.date(2021, 10, 1)
NOTICE_SOURCE = (
    "山东省人民政府关于调整全省最低工资标准的通知 (2021), in force from 2021-10-01: tier {tier} {amount} yuan/month "
    "[M: amounts and this division's tier not checked against the published notice; check and tick verified]"
)
TIER_OF_AMOUNT = {"2100.00": 1, "1900.00": 2, "1700.00": 3}


def _seeded(row) -> bool:
    return row.source.startswith("[UNVERIFIED] 山东省最低工资标准 (2021-10-01 起执行)") and \
        f"{row.monthly_amount:.2f}" in TIER_OF_AMOUNT


def forward(apps, schema_editor):
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    for row in MinimumWage.objects.select_related("division").order_by("division_id", "year"):
        if not _seeded(row):
            row.effective_from = datetime.date(row.year, 1, 1)
            row.note = (row.note + "\n" if row.note else "") + f"Entered for the calendar year {row.year}."
            row.save(update_fields=["effective_from", "note"])
        elif row.division.administered_by_id is not None:
            row.delete()
        elif MinimumWage.objects.filter(division_id=row.division_id, effective_from=NOTICE_EFFECTIVE).exists():
            row.delete()
        else:
            amount = f"{row.monthly_amount:.2f}"
            row.effective_from = NOTICE_EFFECTIVE
            row.source = NOTICE_SOURCE.format(tier=TIER_OF_AMOUNT[amount], amount=amount)
            row.save(update_fields=["effective_from", "source"])


def reseed(apps, schema_editor):
    """The reference rows as this migration leaves a fresh database: the tests call it after a flush."""
    from importlib import import_module

    seeded = import_module("arbitration.migrations.0002_minimum_wages_and_parameters")
    Division = apps.get_model("core", "Division")
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    Parameter = apps.get_model("core", "StatutoryParameter")
    for division in Division.objects.filter(code__in=seeded.DIVISION_TIERS, administered_by__isnull=True):
        tier = seeded.DIVISION_TIERS[division.code]
        amount = seeded.TIER_AMOUNTS[tier]
        MinimumWage.objects.get_or_create(
            division=division, effective_from=NOTICE_EFFECTIVE,
            defaults={"monthly_amount": amount, "source": NOTICE_SOURCE.format(tier=tier, amount=amount)},
        )
    for key, value, unit, source, note in seeded.PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0006_award_ground"), ("core", "0004_zones_without_codes")]

    operations = [
        migrations.RemoveConstraint(model_name="minimumwage", name="uniq_minimum_wage_division_year"),
        migrations.AddField(
            model_name="minimumwage", name="effective_from",
            field=models.DateField(null=True, verbose_name="in force from"),
        ),
        migrations.AddField(
            model_name="minimumwage", name="verified",
            field=models.BooleanField(
                default=False, verbose_name="verified",
                help_text="Checked against the text of the provincial notice by the person who entered it.",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="minimumwage", name="effective_from", field=models.DateField(verbose_name="in force from"),
        ),
        migrations.RemoveField(model_name="minimumwage", name="year"),
        migrations.AlterModelOptions(
            name="minimumwage",
            options={"ordering": ["-effective_from", "division__code"], "verbose_name": "minimum wage",
                     "verbose_name_plural": "minimum wages"},
        ),
        migrations.AddConstraint(
            model_name="minimumwage",
            constraint=models.UniqueConstraint(fields=("division", "effective_from"), name="uniq_minimum_wage_division_date"),
        ),
        migrations.AddField(
            model_name="awarditem", name="minimum_wage",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="arbitration.minimumwage"),
        ),
    ]
