"""The age below which employing a person is child labour, with its source: the window warns of it at registration."""

from django.db import migrations

PARAMETERS = [
    ("minimum_working_age", "16", "周岁", "劳动法 art 15; 禁止使用童工规定 art 2",
     "用人单位不得招用不满16周岁的未成年人；使用童工由劳动保障行政部门查处（禁止使用童工规定第五条、第六条）。"),
]


def forward(apps, schema_editor):
    # Also called by the tests after a transactional test's flush (schema_editor is None then).
    Parameter = apps.get_model("core", "StatutoryParameter")
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


def backward(apps, schema_editor):
    apps.get_model("core", "StatutoryParameter").objects.filter(key__in=[p[0] for p in PARAMETERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_authenticator_device")]
    operations = [migrations.RunPython(forward, backward)]
