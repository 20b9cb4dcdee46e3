"""On PostgreSQL the database refuses a second booking of a room or an arbitrator for an overlapping time.

tstzrange(starts_at, ends_at) is half-open ("[)"), so a hearing ending at 10:00 and the next starting at
10:00 do not overlap. Only scheduled hearings hold their slot: a postponed, held or cancelled one frees it.
btree_gist lets the gist index compare room_id / arbitrator_id with "=".

The composite foreign key keeps each seat's copy of (period, state) equal to its hearing's: changing the
hearing's state cascades to its seats, and a seat with a period its hearing does not have cannot exist.

SQLite (the embedded default) has no exclusion constraints; hearings.services checks overlaps there while
holding SQLite's database-wide write lock, which serialises writers.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CREATE = """
ALTER TABLE hearings_hearing
    ADD CONSTRAINT hearing_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (state = 'scheduled');
ALTER TABLE hearings_hearing
    ADD CONSTRAINT hearing_period_state_key UNIQUE (id, starts_at, ends_at, state);
ALTER TABLE hearings_hearingarbitrator
    ADD CONSTRAINT hearing_seat_copies_hearing
    FOREIGN KEY (hearing_id, starts_at, ends_at, state)
    REFERENCES hearings_hearing (id, starts_at, ends_at, state) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE hearings_hearingarbitrator
    ADD CONSTRAINT hearing_arbitrator_no_overlap
    EXCLUDE USING gist (arbitrator_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (state = 'scheduled');
"""
DROP = """
ALTER TABLE hearings_hearingarbitrator DROP CONSTRAINT IF EXISTS hearing_arbitrator_no_overlap;
ALTER TABLE hearings_hearingarbitrator DROP CONSTRAINT IF EXISTS hearing_seat_copies_hearing;
ALTER TABLE hearings_hearing DROP CONSTRAINT IF EXISTS hearing_period_state_key;
ALTER TABLE hearings_hearing DROP CONSTRAINT IF EXISTS hearing_room_no_overlap;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("hearings", "0001_initial")]
    operations = [
        # CreateExtension does nothing on other databases, so SQLite migrates through this unchanged.
        BtreeGistExtension(),
        migrations.RunPython(forward, backward),
    ]
