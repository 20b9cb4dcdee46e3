"""The award's findings, reasoning and legal basis (LDMAL art 46), entered by the tribunal.

Awards made before this migration printed placeholder text for them; their rows get empty strings (the PDF
already issued is kept as it was served).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0002_minimum_wages_and_parameters"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="findings",
            field=models.TextField(default="", verbose_name="facts found (查明事实)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="award",
            name="reasoning",
            field=models.TextField(default="", verbose_name="reasoning (本委认为)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="award",
            name="legal_basis",
            field=models.TextField(default="", verbose_name="legal provisions relied on (依据的法律条文)"),
            preserve_default=False,
        ),
    ]
