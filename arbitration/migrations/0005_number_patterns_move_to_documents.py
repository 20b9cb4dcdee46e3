"""Number patterns move to documents (documents.NumberPattern): this app lets go of the model, and its table
is renamed in place, so every row and its id stay (documents/0001 takes the model over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0004_number_patterns_for_inspection"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="casenumberpattern", table="documents_numberpattern"),
            ],
            state_operations=[
                migrations.DeleteModel(name="casenumberpattern"),
            ],
        ),
    ]
