"""Rules whose events are now recorded: service of the application copy and the defence
(arbitration.services.service_record), the lawyer's assignment (legal_aid.services.lawyer_assign), and
petition handling (started by a petition's registration, met by any decision that answers it)."""

from django.db import migrations

from deadlines.rules_data import RULES

CHANGED = ("service_of_copy", "defence", "legal_aid_assignment", "petition_handling")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in CHANGED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0005_track_events")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
