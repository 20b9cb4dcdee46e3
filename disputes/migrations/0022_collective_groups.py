"""Collective disputes as one matter (disputes.collective): a case may lead a group of member cases, and the
workers' elected representatives are recorded on the lead."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disputes', '0021_personal_data_encrypted'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='lead',
            field=models.ForeignKey(
                blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name='members', to='disputes.case', verbose_name='lead case',
            ),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('lead__isnull', False)), fields=['lead'], name='case_group_member'),
        ),
        migrations.CreateModel(
            name='Representative',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chosen_at', models.DateTimeField(auto_now_add=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='representatives',
                                           to='disputes.case', verbose_name='lead case')),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+',
                                             to='disputes.worker', verbose_name='worker')),
            ],
            options={
                'verbose_name': 'representative',
                'verbose_name_plural': 'representatives',
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('case', 'worker'), name='uniq_representative_per_case')],
            },
        ),
    ]
