"""The seven categories of major labour-protection violation that MOHRSS Order 29 (重大劳动保障违法行为社会公布办法,
2016, in force 2017-01-01) publishes, with the records that suggest each (penalty articles of 监察条例, kinds of
item of an order to correct, grounds of a wage-arrears listing). The categories were checked against the
order's content (statutory-rules.md, "major-violation publication"); the article and item numbers cited here
were not checked against the gazetted text: verified is left False. Suggestions are data an administrator
corrects, never findings: the supervisor chooses the category of each entry."""

from django.db import migrations

SOURCE = "重大劳动保障违法行为社会公布办法（人社部令第29号）第五条第（%s）项"
CATEGORIES = [
    (1, "wages", "克扣、无故拖欠劳动者劳动报酬，数额较大的；拒不支付劳动报酬，依法移送司法机关追究刑事责任的",
     ["listing:criminal_threshold", "penalty:26", "order:wages", "order:overtime", "order:minimum_wage",
      "order:severance"]),
    (2, "social_insurance", "不依法参加社会保险或者不依法缴纳社会保险费，情节严重的",
     ["penalty:27", "order:social_insurance"]),
    (3, "working_time", "违反工作时间和休息休假规定，情节严重的", ["penalty:25"]),
    (4, "women_minors", "违反女职工和未成年工特殊劳动保护规定，情节严重的", ["penalty:23"]),
    (5, "child_labour", "违反禁止使用童工规定的", []),
    (6, "social_impact", "因劳动保障违法行为造成严重不良社会影响的", ["listing:mass_incident"]),
    (7, "other", "其他重大劳动保障违法行为", ["penalty:30", "order:other"]),
]
ITEMS = "一二三四五六七"


def forward(apps, schema_editor):
    Category = apps.get_model("compliance", "PublicationCategory")
    for number, code, name, suggested in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={
            "number": number, "name": name, "source": SOURCE % ITEMS[number - 1], "verified": False,
            "suggested_for": suggested,
        })


class Migration(migrations.Migration):
    dependencies = [("compliance", "0005_publication")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
