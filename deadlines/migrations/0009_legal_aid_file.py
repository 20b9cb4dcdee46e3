"""Legal aid's clocks follow the station's aid file: the review (7 working days, +3) runs from the hand-off to
the eligibility decision and is paused while the applicant supplements materials; the lawyer is assigned within
3 days of granting; the client agreement is signed within 5 days of the assignment."""

from django.db import migrations

from deadlines.rules_data import RULES

CHANGED = ("legal_aid_review", "legal_aid_assignment", "legal_aid_agreement")


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        if row["code"] in CHANGED:
            row = dict(row)
            Rule.objects.update_or_create(code=row.pop("code"), defaults={"is_active": True, **row})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0008_mediation_rules")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
