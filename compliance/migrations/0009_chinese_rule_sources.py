"""The seeded early-warning and trustworthy-employer rules carried English notes in their sources, which Chinese
pages printed as they were (/compliance/trustworthy/); they are now Chinese. A source an administrator has changed
is left alone."""

import importlib

from django.db import migrations

previous = importlib.import_module("compliance.migrations.0008_seed_warning_and_trust_rules")

SOURCE_10 = "潍人社字〔2023〕58号 (十) 部门联动快速维权（会同行业主管部门约谈、预警）；阈值为本地设定，法规未作规定"
COLLECTIVE = SOURCE_10 + "; 劳动争议调解仲裁法 art 7（集体劳动争议）"
TRUST = "潍人社字〔2023〕58号 (二十一) 守信激励; 企业劳动保障守法诚信等级评价办法（人社部规〔2016〕1号）A级；24个月期间为本地设定"
CHANGES = [
    ("WarningRule", previous.SOURCE_10, SOURCE_10),
    ("WarningRule", previous.SOURCE_10 + "; 劳动争议调解仲裁法 art 7 (collective dispute)", COLLECTIVE),
    ("TrustRule", previous.TRUST_RULE["source"], TRUST),
]


def forward(apps, schema_editor):
    for model, old, new in CHANGES:
        apps.get_model("compliance", model).objects.filter(source=old).update(source=new)


def backward(apps, schema_editor):
    for model, old, new in CHANGES:
        apps.get_model("compliance", model).objects.filter(source=new).update(source=old)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0008_seed_warning_and_trust_rules")]
    operations = [migrations.RunPython(forward, backward)]
