"""Rules that the inspection and hearing services now feed: a penalty decision meets the investigation and
correction clocks; the hearing-notice clock runs from scheduling to service of the notice; the
tribunal-notice clock runs from acceptance to the composition of the tribunal."""

from django.db import migrations

from deadlines.rules_data import RULES

CHANGED = ("investigation", "correction_order", "hearing_notice", "tribunal_notice")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in CHANGED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0004_escalation_index")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
