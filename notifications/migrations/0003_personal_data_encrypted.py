"""A message's recipient (the worker's phone or e-mail) is encrypted at rest like the worker's own (core.crypto);
existing rows are rewritten in place, and going back decrypts them."""

import core.crypto
from django.db import migrations


def encrypt_rows(apps, schema_editor):
    core.crypto.rewrite_column(schema_editor, "notifications_workermessage", "recipient", core.crypto.encrypt_clear)


def decrypt_rows(apps, schema_editor):
    core.crypto.rewrite_column(schema_editor, "notifications_workermessage", "recipient", core.crypto.decrypt_sealed)


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_seed_message_templates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='workermessage',
            name='recipient',
            field=core.crypto.EncryptedTextField(verbose_name='recipient'),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
