"""Statutory parameters say whether their source was checked against the official text.

Marked verified: the parameters whose every cited provision ../shared/domain/statutory-rules.md marks [V], as
seeded (a source an administrator changed is left unverified for them to check). Left unverified: the hearing
periods (counted in working days under 办案规则 art 81, [M]), the summary-procedure limit (a placeholder), the
penalty statement period ([M]) and the minimum working age (劳动法 art 15, 禁止使用童工规定 art 2: not in the
rules checked)."""

from django.db import migrations, models

VERIFIED = {
    "collective_dispute_min_workers": "劳动争议调解仲裁法 art 7; 办案规则 arts 5, 62",
    "final_award_minimum_wage_months":
        "劳动争议调解仲裁法 art 47(1); 最高人民法院关于审理劳动争议案件适用法律问题的解释（一） (法释〔2020〕26号) art 19",
    "award_suit_days": "劳动争议调解仲裁法 arts 48, 50",
    "award_set_aside_days": "劳动争议调解仲裁法 art 49",
}


def forward(apps, schema_editor):
    # Also called by the tests after a transactional test's flush (schema_editor is None then).
    Parameter = apps.get_model("core", "StatutoryParameter")
    for key, source in VERIFIED.items():
        Parameter.objects.filter(key=key, source=source).update(verified=True)


def backward(apps, schema_editor):
    pass  # the column goes with the field


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_industry_department"),
        ("arbitration", "0008_chinese_notes_in_sources"),
        ("hearings", "0004_working_day_periods"),
        ("inspection", "0005_chinese_notes_in_sources"),
    ]
    operations = [
        migrations.AddField(
            model_name="statutoryparameter", name="verified",
            field=models.BooleanField(default=False, verbose_name="checked against the official text"),
        ),
        migrations.RunPython(forward, backward),
    ]
