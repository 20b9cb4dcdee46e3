"""The green channel (measure 11): a priority flag with its ground and note on the case, first in every queue
(the queue's partial indexes rebuilt with it leading their order)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_zones_without_codes'),
        ('disputes', '0016_worker_personal_data_encrypted'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_queue_owner',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_queue_handler',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_queue_unassigned',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_queue_first_handler',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_queue_first_elsewhere',
        ),
        migrations.AddField(
            model_name='case',
            name='is_priority',
            field=models.BooleanField(default=False, verbose_name='green channel'),
        ),
        migrations.AddField(
            model_name='case',
            name='priority_ground',
            field=models.CharField(blank=True, choices=[('flexible_wages', "Flexible worker's unpaid wages"), ('collective', 'Collective dispute'), ('vulnerable', 'Vulnerable worker'), ('urgent_limitation', 'Limitation period about to expire')], max_length=32, verbose_name='green channel ground'),
        ),
        migrations.AddField(
            model_name='case',
            name='priority_note',
            field=models.TextField(blank=True, verbose_name='green channel note'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status__in', ('registered', 'inspection', 'correction_due', 'arbitration_review', 'arbitration', 'hearing', 'litigation', 'mediation', 'confirmation', 'suspended'))), fields=['owner_org', '-is_priority', '-is_collective', '-registered_at', '-id'], name='case_queue_owner'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status__in', ('registered', 'inspection', 'correction_due', 'arbitration_review', 'arbitration', 'hearing', 'litigation', 'mediation', 'confirmation', 'suspended'))), fields=['owner_user', 'owner_org', '-is_priority', '-is_collective', '-registered_at', '-id'], name='case_queue_handler'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('owner_user__isnull', True), ('status__in', ('registered', 'inspection', 'correction_due', 'arbitration_review', 'arbitration', 'hearing', 'litigation', 'mediation', 'confirmation', 'suspended'))), fields=['owner_org', '-is_priority', '-is_collective', '-registered_at', '-id'], name='case_queue_unassigned'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('first_handler_released_at__isnull', True), ('status__in', ('registered', 'inspection', 'correction_due', 'arbitration_review', 'arbitration', 'hearing', 'litigation', 'mediation', 'confirmation', 'suspended'))), fields=['first_handler', '-is_priority', '-is_collective', '-registered_at', '-id'], name='case_queue_first_handler'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('first_handler_released_at__isnull', True), ('status__in', ('registered', 'inspection', 'correction_due', 'arbitration_review', 'arbitration', 'hearing', 'litigation', 'mediation', 'confirmation', 'suspended')), models.Q(('owner_org', models.F('first_handler_org')), _negated=True)), fields=['first_handler_org', '-is_priority', '-is_collective', '-registered_at', '-id'], name='case_queue_first_elsewhere'),
        ),
    ]
