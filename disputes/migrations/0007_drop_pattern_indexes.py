"""Drop four PostgreSQL pattern indexes that no query uses (issue 5: fewer indexes to write per registration).

Django adds a second index with varchar_pattern_ops beside every indexed or unique CharField on PostgreSQL, for
LIKE 'prefix%' lookups. Nothing here searches case numbers, stages, ID numbers or credit codes by prefix (the
queue's search matches them exactly), so these only cost writes: every registration inserts into all of them,
and every change of a case's stage or number adds an entry to both of the case's (such updates are never
HOT). 77 MB on the benchmark's province. Equality lookups use the plain unique or b-tree index beside each.

Only the indexes are dropped; the model state does not know these indexes and does not change. A later
AlterField that changes one of these columns' type would have Django create its pattern index again.
SQLite has no such indexes: nothing to do there.
"""

from django.db import migrations

INDEXES = [
    ("disputes_case_number_267188c4_like", "disputes_case", "number"),
    ("disputes_case_status_6248c9f4_like", "disputes_case", "status"),
    ("disputes_worker_id_number_c2db1950_like", "disputes_worker", "id_number"),
    ("disputes_employer_credit_code_bf53e4a9_like", "disputes_employer", "credit_code"),
]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _column in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table, column in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column} varchar_pattern_ops)")


class Migration(migrations.Migration):

    dependencies = [
        ("disputes", "0006_fewer_case_indexes"),
    ]

    operations = [migrations.RunPython(drop, create)]
