"""Writing many index rows at once on PostgreSQL (the chunked rebuild, search/rebuild.py).

The rows are streamed with COPY into a temporary table of the session and upserted from it
in one `INSERT … SELECT … ON CONFLICT`: no statement with thousands of parameters to build,
send and parse, and the index maintenance happens in one pass. The temporary table empties
itself at each commit (`ON COMMIT DELETE ROWS`), so every chunk starts from nothing.
"""

from __future__ import annotations

import datetime
import io

from django.db import connection
from django.utils import timezone

STAGING = "search_staging"
COLUMNS = ["kind", "object_id", "township_id", "category_id", "title", "url", "index_no",
           "doc_number", "summary", "meta", "content", "validity", "disclosure_mode",
           "published_on", "year", "document", "title_vector"]
_KEY = ("kind", "object_id")
# The tsvector columns: literals of quoted lexemes, which never hold these characters.
_VECTORS = frozenset({"document", "title_vector"})


def _text(value: str) -> str:
    """A value in COPY's text format: backslash, tab, newline and carriage return escaped."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return value


def _field(name: str, value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value if name in _VECTORS else _text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _copy_text(rows: list[tuple[str, int, dict]]) -> str:
    lines = []
    for kind, object_id, values in rows:
        fields = [kind, str(object_id)]
        fields.extend([_field(name, values[name]) for name in COLUMNS[2:]])
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


_NAMES = ", ".join(COLUMNS)
_UPDATES = ", ".join(f"{name} = EXCLUDED.{name}" for name in (*COLUMNS, "indexed_at")
                     if name not in _KEY)
# Built from the constants above only.
_CREATE = (f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} ON COMMIT DELETE ROWS AS "  # noqa: S608
           f"SELECT {_NAMES} FROM search_searchentry WITH NO DATA")
_COPY = f"COPY {STAGING} ({_NAMES}) FROM STDIN"
_UPSERT = (f"INSERT INTO search_searchentry ({_NAMES}, indexed_at) "  # noqa: S608
           f"SELECT {_NAMES}, %s FROM {STAGING} "
           f"ON CONFLICT (kind, object_id) DO UPDATE SET {_UPDATES}")
_EMPTY = f"DELETE FROM {STAGING}"  # noqa: S608


def upsert(rows: list[tuple[str, int, dict]]) -> int:
    """Insert or replace the rows (kind, object_id, entry_values) in one statement; inside
    the caller's transaction."""
    if not rows:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_CREATE)
        cursor.copy_expert(_COPY, io.StringIO(_copy_text(rows)))
        cursor.execute(_UPSERT, [timezone.now()])
        cursor.execute(_EMPTY)  # a caller may write twice before its commit
    return len(rows)
