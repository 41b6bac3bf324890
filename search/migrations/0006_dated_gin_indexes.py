"""The text's and the title's GIN indexes also hold the publication date (the `btree_gin`
extension), PostgreSQL only.

A frequent term's newest matches are read as `published_on >= <the walk's floor> AND
<vector> @@ query`: with the date in the GIN index that is one index scan of the newest
entries' matches, where the plain index first listed every match of the term in the whole
table (`补贴` in the text, 62,000 matches at a million entries: 17 ms, now 4.5 ms; in titles
the planner combined the same list with the date index or tested wide rows one by one,
12–40 ms, now 5–8 ms; docs/PERFORMANCE.md "Eighth pass"). A query on the vector alone
uses the same index as before. btree_gin ships with PostgreSQL and is a trusted extension:
the database's owner may create it.
"""

from django.db import migrations

# (new, old, column)
INDEXES = [
    ("search_entry_dated_document", "search_entry_document_gin", "document"),
    ("search_entry_dated_title", "search_entry_title_gin", "title_vector"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    for new, old, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {new} ON search_searchentry "
                              f"USING gin (published_on, {column})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {old}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for new, old, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {old} ON search_searchentry USING gin ({column})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {new}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_inline")]

    operations = [migrations.RunPython(forwards, backwards)]
