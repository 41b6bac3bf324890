"""GIN indexes on the tsvector columns: PostgreSQL only (SQLite has no tsvector and uses the
LIKE fallback in search/query.py)."""

from django.db import migrations

INDEXES = [
    ("search_entry_document_gin", "document"),
    ("search_entry_title_gin", "title_vector"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry USING gin ({column})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
