"""The official number of each written decision of the inspection: the refusal to file, the order to correct,
the penalty notice and the penalty decision (one decision may decide several proposals, which share its number).

Records made before this migration keep an empty number: their documents were issued with the case number.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0002_penalty_rules_and_parameters"),
    ]

    operations = [
        migrations.AddField(
            model_name="filingdecision",
            name="number",
            field=models.CharField(blank=True, max_length=64, verbose_name="document number"),
        ),
        migrations.AddField(
            model_name="correctionorder",
            name="number",
            field=models.CharField(blank=True, max_length=64, verbose_name="document number"),
        ),
        migrations.AddField(
            model_name="penaltyproposal",
            name="notice_number",
            field=models.CharField(blank=True, max_length=64, verbose_name="notice number"),
        ),
        migrations.AddField(
            model_name="penaltyproposal",
            name="decision_number",
            field=models.CharField(blank=True, max_length=64, verbose_name="decision number"),
        ),
        migrations.AddConstraint(
            model_name="filingdecision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number", ""), _negated=True), fields=("number",), name="uniq_filing_refusal_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="correctionorder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number", ""), _negated=True), fields=("number",), name="uniq_correction_order_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="penaltyproposal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("notice_number", ""), _negated=True), fields=("notice_number",),
                name="uniq_penalty_notice_number",
            ),
        ),
    ]
