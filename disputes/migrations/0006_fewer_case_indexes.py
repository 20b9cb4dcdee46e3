"""Drop six single-column indexes that composite indexes already cover (issue 5: fewer to write).

Each of these foreign keys leads a composite index (case_worker_status, case_employer_status,
case_division_time, case_first_handler, case_owner_queue, event_case_time), which serves the same lookups.
Only the indexes are dropped: AlterField alone would also drop and re-validate the foreign-key constraints,
a full scan of a province's tables under an exclusive lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


INDEXES = [
    ("disputes_case_division_id_c83c5cf1", "disputes_case", "division_id"),
    ("disputes_case_employer_id_119769b3", "disputes_case", "employer_id"),
    ("disputes_case_first_handler_id_c71d2ddc", "disputes_case", "first_handler_id"),
    ("disputes_case_owner_org_id_9cb3e098", "disputes_case", "owner_org_id"),
    ("disputes_case_worker_id_8cb861f4", "disputes_case", "worker_id"),
    ("disputes_caseevent_case_id_c3a65fd6", "disputes_caseevent", "case_id"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_weifang_divisions_and_parameters'),
        ('disputes', '0005_queue_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='division',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, to='core.division', verbose_name='county / district'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='employer',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='disputes.employer', verbose_name='employer'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='first_handler',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='first-responsible handler'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='owner_org',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='owned_cases', to='core.organization', verbose_name='handling organisation'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='worker',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='disputes.worker', verbose_name='worker'),
                ),
                migrations.AlterField(
                    model_name='caseevent',
                    name='case',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='disputes.case'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(f"DROP INDEX IF EXISTS {name}", reverse_sql=f"CREATE INDEX {name} ON {table} ({column})")
                for name, table, column in INDEXES
            ],
        ),
    ]
