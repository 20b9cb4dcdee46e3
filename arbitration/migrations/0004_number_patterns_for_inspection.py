"""Case-number patterns also number the written decisions of labour inspection (监不立字, 监令字, 罚告字, 罚决字).

The pattern's organisation may now be an inspection organisation; the arbitration kinds and their sequences
are unchanged. No pattern is created here: an administrator enters each organisation's own (seed_demo enters
the usual form for the demo organisations).
"""

import django.db.models.deletion
from django.db import migrations, models

import documents.models


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0003_award_findings_reasoning_legal_basis"),
        ("core", "0002_weifang_divisions_and_parameters"),
    ]

    operations = [
        migrations.AlterField(
            model_name="casenumberpattern",
            name="commission",
            field=models.ForeignKey(
                limit_choices_to={"kind__in": ("arbitration", "inspection")},
                on_delete=django.db.models.deletion.PROTECT, related_name="case_number_patterns",
                to="core.organization", verbose_name="issuing organisation",
            ),
        ),
        migrations.AlterField(
            model_name="casenumberpattern",
            name="kind",
            field=models.CharField(
                choices=[
                    ("accept", "Accepted case (案字)"), ("reject", "Notice of non-acceptance (不字)"),
                    ("filing_rejection", "Notice of refusal to file (监不立字)"),
                    ("correction_order", "Order to correct (监令字)"),
                    ("penalty_notice", "Notice of proposed penalty (罚告字)"),
                    ("penalty_decision", "Penalty decision (罚决字)"),
                ],
                max_length=16, verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="casenumberpattern",
            name="pattern",
            field=models.CharField(
                help_text="For example 潍劳人仲案字〔{year}〕第{seq}号 or 潍城人社监令字〔{year}〕第{seq}号. {year} is the "
                          "year of the decision, {seq} its number in that year.",
                max_length=64, validators=[documents.models.validate_pattern], verbose_name="pattern",
            ),
        ),
    ]
