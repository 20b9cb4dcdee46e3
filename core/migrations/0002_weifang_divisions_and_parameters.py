"""Weifang's divisions (GB/T 2260; statutory-rules §10) and the first statutory parameters."""

from django.db import migrations

DIVISIONS = [
    ("370702", "潍城区"), ("370703", "寒亭区"), ("370704", "坊子区"), ("370705", "奎文区"),
    ("370724", "临朐县"), ("370725", "昌乐县"), ("370781", "青州市"), ("370782", "诸城市"),
    ("370783", "寿光市"), ("370784", "安丘市"), ("370785", "高密市"), ("370786", "昌邑市"),
    # Development zones have no GB/T 2260 code of their own; 370772 is the statistical code of Binhai.
    ("370771", "潍坊高新技术产业开发区"), ("370772", "潍坊滨海经济技术开发区"),
    ("370773", "潍坊峡山生态经济开发区"), ("370774", "潍坊综合保税区"), ("370775", "潍坊经济开发区"),
]

PARAMETERS = [
    ("collective_dispute_min_workers", "10", "workers", "劳动争议调解仲裁法 art 7; 办案规则 arts 5, 62",
     "Ten or more workers with a common claim make a collective dispute (priority, three arbitrators)."),
]


def forward(apps, schema_editor):
    Division = apps.get_model("core", "Division")
    Parameter = apps.get_model("core", "StatutoryParameter")
    for code, name in DIVISIONS:
        Division.objects.update_or_create(code=code, defaults={"name": name})
    for key, value, unit, source, note in PARAMETERS:
        Parameter.objects.update_or_create(key=key, defaults={"value": value, "unit": unit, "source": source, "note": note})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
