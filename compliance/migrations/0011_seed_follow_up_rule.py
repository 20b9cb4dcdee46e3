"""The interview follow-up rule, seeded as a local service level: no statute or notice read sets when an interview's
rectification is checked, so `local` is True and `verified` False; a department corrects it in the admin."""

from django.db import migrations

RULE = dict(
    code="follow_up_5_days", days_after=5,
    description="约谈、警示设定整改期限的，整改期限届满后5日内跟进核查整改情况",
    source="本地服务标准（非法定）：潍人社字〔2023〕58号 (十) 要求约谈、警示，未规定跟进期限；5日为本地设定",
)


def forward(apps, schema_editor):
    apps.get_model("compliance", "FollowUpRule").objects.get_or_create(
        code=RULE["code"], defaults={**RULE, "local": True, "verified": False})


class Migration(migrations.Migration):
    dependencies = [("compliance", "0010_industry_departments_and_follow_ups")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
