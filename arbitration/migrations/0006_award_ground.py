"""Awards keep their lawful ground and the hearing it rests on; existing awards get theirs from the record."""

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    # An earlier award rests on the case's latest hearing recorded as held on or before its date, if any;
    # one without such a hearing keeps an empty ground (the record does not show one).
    Award = apps.get_model("arbitration", "Award")
    Hearing = apps.get_model("hearings", "Hearing")
    for award in Award.objects.filter(hearing__isnull=True).select_related("file").iterator():
        hearing = (
            Hearing.objects.filter(case_id=award.file.case_id, state="held", applicant_absent=False,
                                   starts_at__date__lte=award.issued_on)
            .order_by("-starts_at", "-id").first()
        )
        if hearing is not None:
            award.hearing = hearing
            award.ground = "default_after_notice" if hearing.respondent_absent else "hearing_held"
            award.save(update_fields=["hearing", "ground"])


class Migration(migrations.Migration):

    dependencies = [
        ('arbitration', '0005_number_patterns_move_to_documents'),
        ('hearings', '0003_statutory_parameters'),
    ]

    operations = [
        migrations.AddField(
            model_name='award',
            name='ground',
            field=models.CharField(blank=True, choices=[('hearing_held', 'Hearing held'), ('default_after_notice', "Hearing held in the respondent's absence after written notice")], max_length=32, verbose_name='ground'),
        ),
        migrations.AddField(
            model_name='award',
            name='hearing',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='awards', to='hearings.hearing', verbose_name='hearing'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
