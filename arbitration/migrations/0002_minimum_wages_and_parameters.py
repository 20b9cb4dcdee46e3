"""Weifang's monthly minimum wages 2024-2026 and the arbitration track's statutory parameters.

UNVERIFIED DATA. The amounts are the Shandong tiers of the notice in force from 2021-10-01 (2100 / 1900 /
1700 yuan, statutory-rules §10 [M]) and the tier of each Weifang division is an assumption: districts and
development zones tier 1, county-level cities tier 2, counties tier 3. Every row's source says so. An
administrator must check the current provincial notice (a later one may apply to some of these years) and
correct the rows in the admin before awards are marked final on them.
"""

from django.db import migrations

TIER_AMOUNTS = {1: "2100.00", 2: "1900.00", 3: "1700.00"}
# Division code -> tier (assumed, see above). Codes are those of core/migrations/0002.
DIVISION_TIERS = {
    "370702": 1, "370703": 1, "370704": 1, "370705": 1,
    "370771": 1, "370772": 1, "370773": 1, "370774": 1, "370775": 1,
    "370781": 2, "370782": 2, "370783": 2, "370784": 2, "370785": 2, "370786": 2,
    "370724": 3, "370725": 3,
}
YEARS = (2024, 2025, 2026)
SOURCE = ("[UNVERIFIED] 山东省最低工资标准 (2021-10-01 起执行) 第{tier}档 {amount} 元/月; tier of this division "
          "assumed; check the provincial notice in force in {year}")

PARAMETERS = [
    ("final_award_minimum_wage_months", "12", "months",
     "劳动争议调解仲裁法 art 47(1); 最高人民法院关于审理劳动争议案件适用法律问题的解释（一） (法释〔2020〕26号) art 19",
     "A money claim item is final when the amount decided does not exceed this many months of the local monthly "
     "minimum wage; tested per item."),
    ("award_suit_days", "15", "calendar days", "劳动争议调解仲裁法 arts 48, 50",
     "A party may sue within 15 days of receiving the award (the worker after a final award; either party after a "
     "non-final one)."),
    ("award_set_aside_days", "30", "calendar days", "劳动争议调解仲裁法 art 49",
     "The employer may apply to the intermediate court to set aside a final award within 30 days of receiving it."),
    ("summary_procedure_amount_limit", "124110.00", "yuan",
     "劳动人事争议仲裁办案规则 art 56(2): the province's previous-year average annual wage of employees",
     "PLACEHOLDER, MUST BE CHECKED: this is the national 2024 urban non-private average annual wage (124,110 yuan, "
     "statutory-rules §10 [V]), not Shandong's. Enter the Shandong figure for the previous year and update it "
     "every year. Shandong's own regulation (art 39) sets no amount condition."),
]


def forward(apps, schema_editor):
    Division = apps.get_model("core", "Division")
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    Parameter = apps.get_model("core", "StatutoryParameter")
    divisions = {d.code: d for d in Division.objects.filter(code__in=DIVISION_TIERS)}
    for code, tier in DIVISION_TIERS.items():
        if code not in divisions:
            continue
        for year in YEARS:
            amount = TIER_AMOUNTS[tier]
            # get_or_create: an administrator's correction is never overwritten by a re-run.
            MinimumWage.objects.get_or_create(
                division=divisions[code], year=year,
                defaults={"monthly_amount": amount, "source": SOURCE.format(tier=tier, amount=amount, year=year)},
            )
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0001_initial"), ("core", "0002_weifang_divisions_and_parameters")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
