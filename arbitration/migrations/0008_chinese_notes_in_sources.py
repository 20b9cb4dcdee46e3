"""The seeded minimum wages and the summary-procedure limit carried English notes in their sources, which Chinese
pages printed as they were; they are now Chinese. A source an administrator has changed is left alone."""

import importlib

from django.db import migrations

previous = importlib.import_module("arbitration.migrations.0007_minimum_wages_by_effective_date")

TIER_NAMES = {1: "一", 2: "二", 3: "三"}
NOTICE_SOURCE = ("山东省人民政府关于调整全省最低工资标准的通知（2021），2021-10-01起执行：第{tier}档 {amount}元/月"
                 "［未核实：金额及本区划所属档次未与公布的通知核对，核对后请勾选“已核实”］")
LIMIT_OLD = "劳动人事争议仲裁办案规则 art 56(2): the province's previous-year average annual wage of employees"
LIMIT_NEW = "劳动人事争议仲裁办案规则 art 56(2)：本省上年度职工年平均工资"


def forward(apps, schema_editor):
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    for tier, amount in (("1", "2100.00"), ("2", "1900.00"), ("3", "1700.00")):
        MinimumWage.objects.filter(source=previous.NOTICE_SOURCE.format(tier=tier, amount=amount)).update(
            source=NOTICE_SOURCE.format(tier=TIER_NAMES[int(tier)], amount=amount))
    apps.get_model("core", "StatutoryParameter").objects.filter(
        key="summary_procedure_amount_limit", source=LIMIT_OLD).update(source=LIMIT_NEW)


def backward(apps, schema_editor):
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    for tier, amount in (("1", "2100.00"), ("2", "1900.00"), ("3", "1700.00")):
        MinimumWage.objects.filter(source=NOTICE_SOURCE.format(tier=TIER_NAMES[int(tier)], amount=amount)).update(
            source=previous.NOTICE_SOURCE.format(tier=tier, amount=amount))
    apps.get_model("core", "StatutoryParameter").objects.filter(
        key="summary_procedure_amount_limit", source=LIMIT_NEW).update(source=LIMIT_OLD)


def reseed(apps, schema_editor):
    """The reference rows as the migrations leave a fresh database: the tests call it after a flush."""
    previous.reseed(apps, schema_editor)
    forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0007_minimum_wages_by_effective_date")]
    operations = [migrations.RunPython(forward, backward)]
