"""The grading rules of 企业劳动保障守法诚信等级评价办法 (人社部规〔2016〕1号, in force 2017-01-01) that the case
file can count. Its A: complied and not investigated and dealt with; B: investigated and dealt with, not C; C
includes being investigated and dealt with three or more times, and refusing to carry out an order to correct,
a handling decision or a penalty decision. The other C conditions (mass or extreme incidents, child or forced
labour, obstructing inspection, criminal liability) are not recorded as such in the case file yet. The
办法 grades on the previous year's record; the rules here look back 365 days from the day the file is read.
Checked against the ministry's published summary, not the gazetted text: verified is left False."""

from django.db import migrations

SOURCE = "企业劳动保障守法诚信等级评价办法（人社部规〔2016〕1号）"
RULES = [
    ("c_investigated_three", "C", "investigated", 3, 365, "因劳动保障违法行为被查处三次以上（含三次）", f"{SOURCE} C级情形"),
    ("c_not_complied", "C", "not_complied", 1, 365,
     "拒不履行劳动保障监察限期整改指令、行政处理决定或者行政处罚决定", f"{SOURCE} C级情形"),
    ("b_investigated", "B", "investigated", 1, 365, "因劳动保障违法行为被查处，但不属于C级所列情形", f"{SOURCE} B级"),
]


def forward(apps, schema_editor):
    CreditRule = apps.get_model("compliance", "CreditRule")
    for code, grade, fact, min_cases, days, description, source in RULES:
        CreditRule.objects.get_or_create(code=code, defaults={
            "grade": grade, "fact": fact, "min_cases": min_cases, "lookback_days": days,
            "description": description, "source": source, "verified": False,
        })


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_credit_rules")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
