from django.db import migrations


def forward(apps, schema_editor):
    from deadlines.rules_data import RULES

    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        row = dict(row)
        Rule.objects.update_or_create(code=row.pop("code"), defaults=row)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_calendar_2024_2026")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
