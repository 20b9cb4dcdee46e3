"""Orders to correct keep the violations found apart from what must be corrected.

An existing order printed its requirements text (or, without one, the case's facts) as the violations found: that
text becomes its findings, and the requirements stay as they were, so no text is lost and the issued document
still matches its record.
"""

from django.db import migrations, models


def copy_findings(apps, schema_editor):
    CorrectionOrder = apps.get_model("inspection", "CorrectionOrder")
    for order in CorrectionOrder.objects.filter(findings="").select_related("case").iterator():
        order.findings = order.requirements or order.case.facts
        order.save(update_fields=["findings"])


class Migration(migrations.Migration):

    dependencies = [
        ('inspection', '0003_document_numbers'),
    ]

    operations = [
        migrations.AddField(
            model_name='correctionorder',
            name='findings',
            field=models.TextField(blank=True, verbose_name='violations found'),
        ),
        migrations.RunPython(copy_findings, migrations.RunPython.noop),
    ]
