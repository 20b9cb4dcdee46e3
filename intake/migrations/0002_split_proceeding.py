import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disputes', '0021_personal_data_encrypted'),
        ('intake', '0001_pending_receipts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SplitProceeding',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='+', serialize=False, to='disputes.case', verbose_name='case split off')),
                ('split_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('split_by', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('split_from', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='disputes.case', verbose_name='split from')),
            ],
            options={
                'verbose_name': 'proceeding split off a complaint',
                'verbose_name_plural': 'proceedings split off complaints',
            },
        ),
    ]
