"""The wage-arrears list's clocks (MOHRSS Order 45): the listing decision (art 8) and the objection window (art 6)."""

from django.db import migrations

from deadlines.rules_data import RULES

ADDED = ("blacklist_decision", "blacklist_objection")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in ADDED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0011_verbose_names")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
