"""On PostgreSQL the database itself refuses to change or delete a case event, whatever the client."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION disputes_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER disputes_caseevent_no_update_delete
    BEFORE UPDATE OR DELETE ON disputes_caseevent
    FOR EACH ROW EXECUTE FUNCTION disputes_caseevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS disputes_caseevent_no_update_delete ON disputes_caseevent;
DROP FUNCTION IF EXISTS disputes_caseevent_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
