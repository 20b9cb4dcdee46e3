"""The green channel's service levels (measure 11), loaded as local rules (is_local), apart from the law's."""

from django.db import migrations, models

from deadlines.rules_data import LOCAL_RULES


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in LOCAL_RULES:
        row = dict(row)
        Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, "is_local": True, **row})


def backward(apps, schema_editor):
    apps.get_model("deadlines", "DeadlineRule").objects.filter(code__in=[r["code"] for r in LOCAL_RULES]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("deadlines", "0013_consultation_next_step"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlinerule",
            name="is_local",
            field=models.BooleanField(default=False, verbose_name="local service level (not statutory)"),
        ),
        migrations.RunPython(forward, backward),
    ]
