"""On PostgreSQL the database itself refuses to change or delete audit log rows.

A trigger rejects every UPDATE and DELETE on auditlog_logentry. The one exception is the
foreign key django-auditlog declares ON DELETE SET NULL: when a staff account is deleted,
its entries keep everything (including actor_email) and only lose the link to the row.
TRUNCATE is left to the table owner (test databases are flushed that way). SQLite has no
such guard; production runs on PostgreSQL.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log rows cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_log_immutable ON auditlog_logentry;
CREATE TRIGGER audit_log_immutable
    BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS audit_log_immutable ON auditlog_logentry;
DROP FUNCTION IF EXISTS audit_log_refuse_change();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(forward, backward)]
