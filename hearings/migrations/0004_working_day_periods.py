"""The two periods of LDMAL art 35 are counted in working days (statutory-rules §1: 办案规则 art 81)."""

from django.db import migrations

PARAMETERS = [
    ("hearing_notice_min_days", "5", "working days", "劳动争议调解仲裁法 art 35; 劳动人事争议仲裁办案规则 art 81",
     "The tribunal notifies the parties of the hearing date and place in writing at least 5 days before the "
     "hearing; 办案规则 art 81 counts periods of 3, 5 and 10 days in working days. A hearing is therefore "
     "scheduled no sooner than 5 working days after today (deadlines.calendar.WorkCalendar)."),
    ("hearing_postponement_request_min_days", "3", "working days",
     "劳动争议调解仲裁法 art 35; 劳动人事争议仲裁办案规则 art 81",
     "A party with a proper reason may ask for a postponement no later than 3 working days before the hearing; "
     "the commission decides."),
]


def forward(apps, schema_editor):
    # Also called by the tests after a transactional test's flush (schema_editor is None then).
    Parameter = apps.get_model("core", "StatutoryParameter")
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


def backward(apps, schema_editor):
    from importlib import import_module

    import_module("hearings.migrations.0003_statutory_parameters").forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("hearings", "0003_statutory_parameters")]
    operations = [migrations.RunPython(forward, backward)]
