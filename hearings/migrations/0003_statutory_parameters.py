"""The two numbers of LDMAL art 35 that hearings.services applies, with their source."""

from django.db import migrations

PARAMETERS = [
    ("hearing_notice_min_days", "5", "calendar days", "劳动争议调解仲裁法 art 35",
     "The tribunal notifies the parties of the hearing date and place in writing at least 5 days before the "
     "hearing; a hearing is therefore scheduled no sooner than 5 days after today."),
    ("hearing_postponement_request_min_days", "3", "calendar days", "劳动争议调解仲裁法 art 35",
     "A party with a proper reason may ask for a postponement no later than 3 days before the hearing; the "
     "commission decides."),
]


def forward(apps, schema_editor):
    # Also called by the tests after a transactional test's flush (schema_editor is None then).
    Parameter = apps.get_model("core", "StatutoryParameter")
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


class Migration(migrations.Migration):
    dependencies = [("hearings", "0002_no_double_booking"), ("core", "0002_weifang_divisions_and_parameters")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
