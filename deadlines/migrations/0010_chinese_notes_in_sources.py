"""Two seeded rules carried an English note inside their legal source, which Chinese pages printed as it was;
the notes are now Chinese (the article references stay compact: core.citations prints them per language).
A source an administrator has changed is left alone."""

from django.db import migrations

RENAMED = {
    "referral_acceptance": ("首问负责 (保障农民工工资支付条例 art 10); local service level, configurable",
                            "首问负责（保障农民工工资支付条例 art 10）；本地服务时限，可调整"),
    "correction_order": ("劳动保障监察条例 art 18 (the order sets the deadline)",
                         "劳动保障监察条例 art 18（期限由责令改正指令书确定）"),
}


def forward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for code, (old, new) in RENAMED.items():
        Rule.objects.filter(code=code, source=old).update(source=new)


def backward(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    for code, (old, new) in RENAMED.items():
        Rule.objects.filter(code=code, source=new).update(source=old)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0009_legal_aid_file")]
    operations = [migrations.RunPython(forward, backward)]
