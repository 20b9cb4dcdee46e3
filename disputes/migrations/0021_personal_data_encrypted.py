"""A worker's e-mail address is encrypted at rest like the ID number and phone (core.crypto); existing addresses
are rewritten in place, and going back decrypts them."""

import core.crypto
from django.db import migrations


def encrypt_rows(apps, schema_editor):
    core.crypto.rewrite_column(schema_editor, "disputes_worker", "email", core.crypto.encrypt_clear)


def decrypt_rows(apps, schema_editor):
    core.crypto.rewrite_column(schema_editor, "disputes_worker", "email", core.crypto.decrypt_sealed)


class Migration(migrations.Migration):

    dependencies = [
        ('disputes', '0020_statistics_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='worker',
            name='email',
            field=core.crypto.EncryptedTextField(blank=True, verbose_name='e-mail'),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
