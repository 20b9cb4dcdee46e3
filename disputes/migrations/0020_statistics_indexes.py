"""Indexes for the supervisor's statistics (reports.selectors): a county's cases not ended and ended by date,
and the claims by case with their type and amount (in place of the foreign key's index, built first)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_zones_without_codes'),
        ('disputes', '0019_closed_at_when_a_case_ends'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('closed_at__isnull', True)), fields=['division', 'registered_at'], name='case_division_not_ended'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('closed_at__isnull', False)), fields=['division', 'closed_at'], name='case_division_ended'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['case', 'type', 'amount'], name='claim_case_type'),
        ),
        migrations.AlterField(
            model_name='claim',
            name='case',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='disputes.case'),
        ),
    ]
