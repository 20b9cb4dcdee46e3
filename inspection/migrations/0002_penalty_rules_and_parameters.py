"""The penalty ranges of 劳动保障监察条例 (statutory-rules.md §3) and the employer's statement period, as data.

One PenaltyRule row per article: the kind says how the range is applied (per worker affected, a fixed range,
or a multiple of a base amount). An administrator corrects a row in the admin; a proposal copies the range it
was checked against, so a correction never rewrites a past decision. Idempotent (update_or_create), so
tests that flush the database can run it again.
"""

from django.db import migrations

RULES = [
    dict(article="23", name="违反女职工和未成年工特殊劳动保护规定", kind="per_worker", low="1000", high="5000",
         source="劳动保障监察条例 art 23",
         note="Women workers' and minors' special protections: 1,000-5,000 yuan per worker affected. [V]"),
    dict(article="25", name="违法延长劳动者工作时间", kind="per_worker", low="100", high="500", with_warning=True,
         fine_optional=True, source="劳动保障监察条例 art 25",
         note="Excess overtime: a warning and an order to correct, and a fine of 100-500 yuan per worker may be "
              "added (可以): zero means a warning only. [V]"),
    dict(article="26", name="逾期不支付劳动报酬等，加付赔偿金", kind="multiple", low="0.5", high="1",
         payable_to_worker=True, source="劳动保障监察条例 art 26",
         note="Wages, minimum-wage shortfall or severance still unpaid after the order's deadline: an extra 50% "
              "to 100% of the amount owed, payable to the worker (加付赔偿金), not a fine. [V]"),
    dict(article="27", name="瞒报工资总额或者职工人数", kind="multiple", low="1", high="3",
         source="劳动保障监察条例 art 27",
         note="Understated wage total or headcount in social-insurance declarations: 1-3 times the understated "
              "wage amount. [V]"),
    dict(article="30", name="阻挠、拒绝劳动保障监察", kind="fixed", low="2000", high="20000",
         source="劳动保障监察条例 art 30",
         note="Refusing or obstructing inspection, refusing documents, hiding or destroying evidence "
              "(items 1-3): 2,000-20,000 yuan. [V]"),
]

PARAMETERS = [
    ("penalty_statement_period_wd", "3", "working days",
     "行政处罚法 (2021) arts 44-45 [M: unverified]",
     "How long the employer has, after being told of a proposed penalty, to state its case before the "
     "decision may be taken without its answer. The statute gives the right, not the number: 3 working days "
     "is common local practice [M, unverified]. A hearing request (行政处罚法 art 64: within 5 days) holds the "
     "decision until the hearing is recorded."),
]


def forward(apps, schema_editor):
    PenaltyRule = apps.get_model("inspection", "PenaltyRule")
    Parameter = apps.get_model("core", "StatutoryParameter")
    for row in RULES:
        row = dict(row)
        article = row.pop("article")
        defaults = {"with_warning": False, "fine_optional": False, "payable_to_worker": False, **row}
        PenaltyRule.objects.update_or_create(article=article, defaults=defaults)
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial"), ("core", "0002_weifang_divisions_and_parameters")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
