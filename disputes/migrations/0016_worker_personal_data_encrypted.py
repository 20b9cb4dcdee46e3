"""Workers' ID numbers and phones encrypted at rest, found through blind indexes; indexes for case search.

Every existing row is rewritten in place (batches by id): the clear value becomes AES-GCM ciphertext and its
blind index is written beside it (core.crypto). Reversible: going back decrypts them into the old columns.
The unique rule "one worker per ID number" moves to the ID number's blind index (equal numbers encrypt
differently). The pattern indexes Django adds beside a unique or indexed text column are dropped again, as
0007 did: nothing looks a blind index up by prefix.

Search (disputes.search): a pattern-ops index on worker and employer names (exact and leading characters), an
index of an employer's cases by time, and on PostgreSQL a trigram index (pg_trgm) on employer names for
substrings.
"""

from django.db import migrations, models

import core.crypto

BATCH = 5000
ID_NORMALIZE = "core.validators.normalize_id_number"
PHONE_NORMALIZE = "core.crypto.normalize_phone"


def _rewrite(schema_editor, transform):
    """Read every worker's two columns in batches by id and write back `transform(id_number, phone)`."""
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, {qn('id_number')}, {qn('phone')} FROM disputes_worker WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            updates = [(pk, *transform(id_number, phone)) for pk, id_number, phone in rows]
            if connection.vendor == "postgresql":
                from psycopg2.extras import execute_values

                execute_values(
                    cursor.cursor if hasattr(cursor, "cursor") else cursor,
                    "UPDATE disputes_worker w SET id_number = v.a, id_number_index = v.b, phone = v.c, "
                    "phone_index = v.d FROM (VALUES %s) v(id, a, b, c, d) WHERE w.id = v.id",
                    updates, page_size=BATCH,
                )
            else:
                cursor.executemany(
                    "UPDATE disputes_worker SET id_number = %s, id_number_index = %s, phone = %s, phone_index = %s "
                    "WHERE id = %s",
                    [(a, b, c, d, pk) for pk, a, b, c, d in updates],
                )


def encrypt_rows(apps, schema_editor):
    def transform(id_number, phone):
        return (
            core.crypto.encrypt(id_number) if id_number else "",
            core.crypto.index_of(ID_NORMALIZE, id_number),
            core.crypto.encrypt(phone) if phone else "",
            core.crypto.index_of(PHONE_NORMALIZE, phone),
        )

    _rewrite(schema_editor, transform)


def decrypt_rows(apps, schema_editor):
    def transform(id_number, phone):
        return (
            core.crypto.decrypt(id_number) if id_number else "",
            None,
            core.crypto.decrypt(phone) if phone else "",
            None,
        )

    _rewrite(schema_editor, transform)


def _like_indexes(cursor):
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'disputes_worker' AND indexname LIKE '%%_like'"
    )
    return [name for (name,) in cursor.fetchall()]


def drop_pattern_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for name in _like_indexes(cursor):
                schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS employer_name_trgm ON disputes_employer USING gin (name gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS employer_name_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("disputes", "0015_worker_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="worker", name="id_number_index", field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.AddField(
            model_name="worker", name="phone_index", field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.AlterField(model_name="worker", name="id_number", field=models.TextField(verbose_name="ID number")),
        migrations.AlterField(model_name="worker", name="phone", field=models.TextField(verbose_name="phone")),
        migrations.RunPython(encrypt_rows, decrypt_rows, elidable=False),
        migrations.AlterField(
            model_name="worker", name="id_number", field=core.crypto.EncryptedTextField(verbose_name="ID number"),
        ),
        migrations.AlterField(
            model_name="worker", name="phone", field=core.crypto.EncryptedTextField(verbose_name="phone"),
        ),
        migrations.AlterField(
            model_name="worker", name="id_number_index",
            field=core.crypto.BlindIndexField(normalize=ID_NORMALIZE, source="id_number", unique=True),
        ),
        migrations.AlterField(
            model_name="worker", name="phone_index",
            field=core.crypto.BlindIndexField(db_index=True, normalize=PHONE_NORMALIZE, source="phone"),
        ),
        migrations.RunPython(drop_pattern_indexes, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="worker",
            index=models.Index(fields=["name"], name="worker_name_pattern", opclasses=["varchar_pattern_ops"]),
        ),
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(fields=["name"], name="employer_name_pattern", opclasses=["varchar_pattern_ops"]),
        ),
        migrations.AddIndex(
            model_name="case", index=models.Index(fields=["employer", "-registered_at"], name="case_employer_time"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
