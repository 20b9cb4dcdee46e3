"""On PostgreSQL the database refuses a second booking of a mediation room or a mediator for an overlapping time,
as hearings do (hearings/migrations/0002): half-open periods, only scheduled sessions hold their slot.

SQLite (the embedded default) has no exclusion constraints; mediation.court checks overlaps there while holding
SQLite's database-wide write lock.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CREATE = """
ALTER TABLE mediation_mediationsession
    ADD CONSTRAINT mediation_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (state = 'scheduled');
ALTER TABLE mediation_mediationsession
    ADD CONSTRAINT mediation_mediator_no_overlap
    EXCLUDE USING gist (mediator_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (state = 'scheduled');
"""
DROP = """
ALTER TABLE mediation_mediationsession DROP CONSTRAINT IF EXISTS mediation_mediator_no_overlap;
ALTER TABLE mediation_mediationsession DROP CONSTRAINT IF EXISTS mediation_room_no_overlap;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("mediation", "0002_union_court_mediation")]
    operations = [BtreeGistExtension(), migrations.RunPython(forward, backward)]
