"""Keep each entry's text vector in the table row when it fits (STORAGE MAIN: compressed,
moved out to TOAST only when the row would not fit in a page), PostgreSQL only.

Finding a frequent term's newest matches walks the date index and tests each entry's
vector; read from TOAST, a test cost about 4.5 buffer reads and 5 µs; in the row, about
1.3 µs (docs/SEARCH.md, "Cost"). Rows already stored keep their TOAST copies until they
are written again: `manage.py rebuild_search_index` rewrites them all."""

from django.db import migrations

SQL = "ALTER TABLE search_searchentry ALTER COLUMN document SET STORAGE {}"


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL.format("MAIN"))


def external(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL.format("EXTENDED"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_filter_date_indexes")]

    operations = [migrations.RunPython(inline, external)]
