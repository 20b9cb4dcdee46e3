"""Drop three indexes of deadlines_clock that nothing reads by (issue 5: the sweep's stamps write every index).

The sweep's stamps (reminded_at, escalated_at) sit in partial-index predicates, so they are never HOT updates:
each one writes every index of the table. Only the indexes are dropped: AlterField alone would also drop and
re-validate the foreign-key constraints over every clock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


INDEXES = [
    ("deadlines_clock_due_on_c6c3af1f", "deadlines_clock", "due_on"),
    ("deadlines_clock_rule_id_902f95fe", "deadlines_clock", "rule_id"),
    ("deadlines_clock_extended_by_id_e837d885", "deadlines_clock", "extended_by_id"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('deadlines', '0006_activate_service_assignment_petition'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='clock',
                    name='due_on',
                    field=models.DateField(blank=True, null=True),
                ),
                migrations.AlterField(
                    model_name='clock',
                    name='extended_by',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='clock',
                    name='rule',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='clocks', to='deadlines.deadlinerule'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(f"DROP INDEX IF EXISTS {name}", reverse_sql=f"CREATE INDEX {name} ON {table} ({column})")
                for name, table, column in INDEXES
            ],
        ),
    ]
