"""The wage-arrears list's further clocks (MOHRSS Order 45): the extended decision (art 8), the objection's
verification (art 6), the listing term (art 11) and the early-removal decision (arts 12-14)."""

from django.db import migrations

from deadlines.rules_data import RULES

ADDED = ("blacklist_decision", "blacklist_decision_extended", "blacklist_objection", "blacklist_objection_review",
         "blacklist_term", "blacklist_early_removal")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in ADDED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0015_lawyer_assignment_not_shown_to_worker")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
