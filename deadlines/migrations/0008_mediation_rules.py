"""The mediation track now records its own outcome: a failed mediation meets the 15-day clock, which only the
parties' recorded agreement extends; applying for judicial confirmation meets the 30-day clock."""

from django.db import migrations

from deadlines.rules_data import RULES

CHANGED = ("mediation", "judicial_confirmation")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in CHANGED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0007_fewer_clock_indexes")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
