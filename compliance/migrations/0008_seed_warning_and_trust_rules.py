"""The early-warning rules and the trustworthy-employer rule, seeded as local rules (no statute sets these
thresholds: measures 10 and 21 of 潍人社字〔2023〕58号 ask for interviews, warnings and rewards, without numbers), and the listing
term's clock started again when an early removal is revoked (Order 45 art 15)."""

from django.db import migrations

SOURCE_10 = "潍人社字〔2023〕58号 (十) 部门联动快速维权 (interviews and warnings with the industry departments); threshold set locally, no statute sets it"
WARNING_RULES = [
    dict(code="employer_3_in_30", kind="count", subject="employer", min_count=3, window_days=30,
         description="同一用人单位30日内被投诉3次以上", source=SOURCE_10),
    dict(code="employer_rising", kind="rising", subject="employer", min_count=3, window_days=30, rise_percent=50,
         description="同一用人单位近30日投诉量较前30日上升50%以上（且不少于3件）", source=SOURCE_10),
    dict(code="platform_5_in_30", kind="count", subject="platform", min_count=5, window_days=30,
         description="同一平台30日内相关投诉5次以上", source=SOURCE_10),
    dict(code="industry_rising", kind="rising", subject="industry", min_count=10, window_days=30, rise_percent=50,
         description="同一行业近30日投诉量较前30日上升50%以上（且不少于10件）", source=SOURCE_10),
    dict(code="employer_collective", kind="collective", subject="employer", min_count=1, window_days=30,
         description="用人单位发生集体劳动争议", source=SOURCE_10 + "; 劳动争议调解仲裁法 art 7 (collective dispute)"),
]
TRUST_RULE = dict(
    code="clean_24_months", months=24, upheld_outcomes=["corrected", "penalty"],
    description="连续24个月无劳动保障违法行为被查处、未列入失信名单、无查实的投诉举报，且信用等级为A级",
    source="潍人社字〔2023〕58号 (二十一) 守信激励; 企业劳动保障守法诚信等级评价办法（人社部规〔2016〕1号）A级; period set locally",
)


def forward(apps, schema_editor):
    WarningRule = apps.get_model("compliance", "WarningRule")
    TrustRule = apps.get_model("compliance", "TrustRule")
    for row in WARNING_RULES:
        row = dict(row)
        WarningRule.objects.update_or_create(code=row.pop("code"), defaults=row)
    row = dict(TRUST_RULE)
    TrustRule.objects.update_or_create(code=row.pop("code"), defaults=row)
    Rule = apps.get_model("deadlines", "DeadlineRule")
    term = Rule.objects.filter(code="blacklist_term").first()
    if term is not None and "blacklist_relisted" not in term.start_on:
        term.start_on = [*term.start_on, "blacklist_relisted"]
        term.save(update_fields=["start_on"])


def backward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    term = Rule.objects.filter(code="blacklist_term").first()
    if term is not None:
        term.start_on = [key for key in term.start_on if key != "blacklist_relisted"]
        term.save(update_fields=["start_on"])


class Migration(migrations.Migration):
    dependencies = [("compliance", "0007_early_warning"), ("deadlines", "0016_blacklist_listing_rules")]
    operations = [migrations.RunPython(forward, backward)]
