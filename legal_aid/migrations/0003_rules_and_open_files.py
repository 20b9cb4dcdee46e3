"""The default eligibility rules, and an aid file for every legal-aid referral already accepted (under review,
or granted where a lawyer was already assigned), so no accepted case is missing from a station's queue."""

from django.db import migrations

from legal_aid.rules_data import RULES


def forward(apps, schema_editor):
    Rule = apps.get_model("legal_aid", "EligibilityRule")
    for row in RULES:
        row = dict(row)
        Rule.objects.update_or_create(code=row.pop("code"), defaults=row)
    Referral = apps.get_model("disputes", "Referral")
    AidFile = apps.get_model("legal_aid", "AidFile")
    Assignment = apps.get_model("legal_aid", "LawyerAssignment")
    assigned = set(Assignment.objects.values_list("referral_id", flat=True))
    for referral in Referral.objects.filter(purpose="legal_aid", state="accepted", aid_file__isnull=True):
        day = (referral.decided_at or referral.offered_at).date()
        AidFile.objects.create(
            referral=referral, case_id=referral.case_id, station_id=referral.to_org_id, received_on=day,
            state="granted" if referral.pk in assigned else "review",
        )


class Migration(migrations.Migration):
    dependencies = [("legal_aid", "0002_aid_files"), ("disputes", "0011_queue_first_elsewhere_index")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
