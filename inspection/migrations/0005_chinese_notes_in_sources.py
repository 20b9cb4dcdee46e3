"""The penalty statement period's source carried an English confidence note that Chinese pages printed as it was.
A source an administrator has changed is left alone."""

from django.db import migrations

OLD, NEW = "行政处罚法 (2021) arts 44-45 [M: unverified]", "行政处罚法（2021）arts 44-45［未核实］"


def forward(apps, schema_editor):
    apps.get_model("core", "StatutoryParameter").objects.filter(
        key="penalty_statement_period_wd", source=OLD).update(source=NEW)


def backward(apps, schema_editor):
    apps.get_model("core", "StatutoryParameter").objects.filter(
        key="penalty_statement_period_wd", source=NEW).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("inspection", "0004_correction_order_findings")]
    operations = [migrations.RunPython(forward, backward)]
