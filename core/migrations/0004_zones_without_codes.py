"""Development zones without a GB/T 2260 code of their own get a local code and the division administering them.

370771 and 370773-370775 were not division codes (GB/T 2260 lists Weifang's 4 districts, 2 counties and 6
county-level cities: 370702-370705, 370724-370725, 370781-370786); 370772 is the statistics bureau's code of
潍坊滨海经济技术开发区 and stays. Each other zone keeps its row (cases point at it) under a local code made of the
administering division's code and a suffix, with that division stated as data (administered_by).

The administering divisions below are the zones' locations as commonly given [M: check with the city before
going live; an administrator corrects a row in the admin, and the minimum wage then follows].
"""

from django.db import migrations, models
import django.db.models.deletion

# old code -> (new local code, administering division's code)
ZONES = {
    "370771": ("370705-GX", "370705"),  # 潍坊高新技术产业开发区: east of the city centre, beside 奎文区
    "370773": ("370786-XS", "370786"),  # 潍坊峡山生态经济开发区: around the Xiashan reservoir, formed from 昌邑/安丘 towns
    "370774": ("370705-ZB", "370705"),  # 潍坊综合保税区: inside the high-tech zone
    "370775": ("370702-JK", "370702"),  # 潍坊经济开发区: west of the city centre, beside 潍城区
}


def forward(apps, schema_editor):
    # Also called by the tests after a transactional test's flush (schema_editor is None then).
    Division = apps.get_model("core", "Division")
    for old, (new, parent_code) in ZONES.items():
        parent = Division.objects.filter(code=parent_code).first()
        if Division.objects.filter(code=new).exists():
            # Already recoded; a re-run of 0002's forward (the tests, after a flush) made the old row again.
            Division.objects.filter(code=old).delete()
        Division.objects.filter(code=old).update(code=new, administered_by=parent)
        if parent is not None:
            Division.objects.filter(code=new, administered_by__isnull=True).update(administered_by=parent)


def backward(apps, schema_editor):
    Division = apps.get_model("core", "Division")
    for old, (new, _parent) in ZONES.items():
        Division.objects.filter(code=new).update(code=old, administered_by=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_pending_tasks")]

    operations = [
        migrations.AddField(
            model_name="division",
            name="administered_by",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="zones",
                to="core.division", verbose_name="administered by",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
