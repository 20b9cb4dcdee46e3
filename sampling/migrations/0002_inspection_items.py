"""The inspection-item list as first entered: the matters labour inspection covers, as listed by 劳动保障监察条例
art 11. Quoted from memory, not checked against the official text here, so `verified` is False until an
administrator checks each one (the admin lists them)."""

from django.db import migrations

SOURCE = "劳动保障监察条例（国务院令第423号）第十一条（未与官方文本核对）"

ITEMS = [
    ("rules", "用人单位制定内部劳动保障规章制度的情况", "劳动保障监察条例 art 11(1)"),
    ("contracts", "用人单位与劳动者订立劳动合同的情况", "劳动保障监察条例 art 11(2)"),
    ("child_labour", "用人单位遵守禁止使用童工规定的情况", "劳动保障监察条例 art 11(3)"),
    ("women_minors", "用人单位遵守女职工和未成年工特殊劳动保护规定的情况", "劳动保障监察条例 art 11(4)"),
    ("working_time", "用人单位遵守工作时间和休息休假规定的情况", "劳动保障监察条例 art 11(5)"),
    ("wages", "用人单位支付劳动者工资和执行最低工资标准的情况", "劳动保障监察条例 art 11(6)"),
    ("social_insurance", "用人单位参加各项社会保险和缴纳社会保险费的情况", "劳动保障监察条例 art 11(7)"),
]


def forward(apps, schema_editor):
    Item = apps.get_model("sampling", "InspectionItem")
    for code, name, basis in ITEMS:
        Item.objects.get_or_create(code=code, defaults={"name": name, "basis": basis, "source": SOURCE,
                                                        "verified": False})


class Migration(migrations.Migration):
    dependencies = [("sampling", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
