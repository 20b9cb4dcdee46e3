"""A joint consultation's next step on a case is a clock: due the day the conclusion sets, owned by the
organisation it names, met when that organisation records it done (a local service level, not a statutory one)."""

from django.db import migrations

from deadlines.rules_data import RULES

CHANGED = ("consultation_next_step",)


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in CHANGED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0012_blacklist_rules")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
