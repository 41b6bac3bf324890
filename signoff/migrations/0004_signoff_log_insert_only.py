"""On PostgreSQL the database itself refuses to change or delete sign-off log rows.

The sign-off log (signoff_signoff) is insert-only (只增不改, docs and signoff/chain.py): a
trigger rejects every UPDATE and DELETE, like the audit log's guard
(security/migrations/0001_audit_log_immutable.py). Every foreign key of the table is
PROTECT, so no cascade needs an exception. TRUNCATE is left to the table owner (the
migration role; test databases are flushed that way); the runtime role has no TRUNCATE
privilege and cannot disable the trigger (docs/DEPLOY.md, `grant_runtime`). SQLite has no
such guard; production runs on PostgreSQL.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION signoff_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'sign-off log rows cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS signoff_log_insert_only ON signoff_signoff;
CREATE TRIGGER signoff_log_insert_only
    BEFORE UPDATE OR DELETE ON signoff_signoff
    FOR EACH ROW EXECUTE FUNCTION signoff_log_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS signoff_log_insert_only ON signoff_signoff;
DROP FUNCTION IF EXISTS signoff_log_refuse_change();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("signoff", "0003_recent_indexes")]

    operations = [migrations.RunPython(forward, backward)]
