"""documents.NumberPattern takes over arbitration's CaseNumberPattern (arbitration/0005 renamed its table to
documents_numberpattern): the key `commission` becomes `issuer`, and the yearly counters behind {seq} move from
the track-named series ("arbitration:<org>:<kind>", "inspection:<org>:<kind>") to "number:<org>:<kind>" with
their last number, so every series goes on from where it stood: no number lost, none given twice."""

import django.db.models.deletion
from django.db import migrations, models

import documents.models

OLD_PREFIXES = ("arbitration:", "inspection:")
INSPECTION_KINDS = {"filing_rejection", "correction_order", "penalty_notice", "penalty_decision"}


def move_series(apps, schema_editor):
    # Every counter of the old series, also one whose pattern was since deleted: a pattern entered again later
    # must go on from the old last number, not restart at 1.
    Sequence = apps.get_model("core", "Sequence")
    for prefix in OLD_PREFIXES:
        for row in Sequence.objects.filter(series__startswith=prefix):
            row.series = "number:" + row.series.removeprefix(prefix)
            row.save(update_fields=["series"])


def restore_series(apps, schema_editor):
    Sequence = apps.get_model("core", "Sequence")
    for row in Sequence.objects.filter(series__startswith="number:"):
        kind = row.series.rsplit(":", 1)[1]
        track = "inspection:" if kind in INSPECTION_KINDS else "arbitration:"
        row.series = track + row.series.removeprefix("number:")
        row.save(update_fields=["series"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("arbitration", "0005_number_patterns_move_to_documents"),
        ("core", "0003_pending_tasks"),
    ]

    operations = [
        # The table and its rows are already there (arbitration/0005): only the state learns of the model.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NumberPattern",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("kind", models.CharField(
                            choices=[
                                ("accept", "Accepted case (案字)"), ("reject", "Notice of non-acceptance (不字)"),
                                ("filing_rejection", "Notice of refusal to file (监不立字)"),
                                ("correction_order", "Order to correct (监令字)"),
                                ("penalty_notice", "Notice of proposed penalty (罚告字)"),
                                ("penalty_decision", "Penalty decision (罚决字)"),
                            ],
                            max_length=16, verbose_name="kind",
                        )),
                        ("pattern", models.CharField(
                            help_text="For example 潍劳人仲案字〔{year}〕第{seq}号 or 潍城人社监令字〔{year}〕第{seq}号. {year} "
                                      "is the year of the decision, {seq} its number in that year.",
                            max_length=64, validators=[documents.models.validate_pattern], verbose_name="pattern",
                        )),
                        ("commission", models.ForeignKey(
                            limit_choices_to={"kind__in": ("arbitration", "inspection")},
                            on_delete=django.db.models.deletion.PROTECT, related_name="case_number_patterns",
                            to="core.organization", verbose_name="issuing organisation",
                        )),
                    ],
                    options={
                        "verbose_name": "case-number pattern",
                        "verbose_name_plural": "case-number patterns",
                        "ordering": ["commission__name", "kind"],
                        "constraints": [
                            models.UniqueConstraint(fields=("commission", "kind"), name="uniq_number_pattern_per_kind"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RemoveConstraint(model_name="numberpattern", name="uniq_number_pattern_per_kind"),
        migrations.RenameField(model_name="numberpattern", old_name="commission", new_name="issuer"),
        migrations.AlterField(
            model_name="numberpattern",
            name="issuer",
            field=models.ForeignKey(
                limit_choices_to={"kind__in": ("arbitration", "inspection")},
                on_delete=django.db.models.deletion.PROTECT, related_name="number_patterns",
                to="core.organization", verbose_name="issuing organisation",
            ),
        ),
        migrations.AlterModelOptions(
            name="numberpattern",
            options={
                "ordering": ["issuer__name", "kind"],
                "verbose_name": "case-number pattern",
                "verbose_name_plural": "case-number patterns",
            },
        ),
        migrations.AddConstraint(
            model_name="numberpattern",
            constraint=models.UniqueConstraint(fields=("issuer", "kind"), name="uniq_number_pattern_per_issuer_kind"),
        ),
        migrations.RunPython(move_series, restore_series),
    ]
