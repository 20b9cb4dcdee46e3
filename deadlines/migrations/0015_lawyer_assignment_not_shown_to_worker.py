"""The station's deadline to assign a lawyer is its own, not the worker's: it leaves the worker's page (which
says a lawyer will be assigned, and then names the lawyer)."""

from django.db import migrations


def forward(apps, schema_editor):
    apps.get_model("deadlines", "DeadlineRule").objects.filter(code="legal_aid_assignment").update(show_to_worker=False)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0014_green_channel_rules")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
