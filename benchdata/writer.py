"""Bulk loading with explicit primary keys: PostgreSQL COPY, or bulk_create elsewhere.

Rows are dicts keyed by field attname. Ids are handed out here (from the table's current
maximum), so rows can refer to each other before anything is written; `finish()` moves the
id sequences past the loaded rows. COPY keeps the historical created/updated times the
generator sets; bulk_create (SQLite, for tests) lets auto_now fields take the current time.
"""

from __future__ import annotations

import datetime
import io
import json
import queue
import threading
from collections import defaultdict

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

NULL = "\\N"


def _escape(text: str) -> str:
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return text


def _json_text(value) -> str:
    return _escape(json.dumps(value, ensure_ascii=False))


def _kind(field: models.Field) -> str:
    if isinstance(field, models.JSONField):
        return "json"
    if isinstance(field, models.BooleanField):
        return "bool"
    if isinstance(field, (models.DateTimeField, models.DateField)):
        return "date"
    if isinstance(field, (models.CharField, models.TextField, models.FileField)):
        return "text"
    return "plain"


_EXPRESSIONS = {
    "json": "_json_text({v})", "bool": "('t' if {v} else 'f')", "date": "{v}.isoformat()",
    "text": "_escape({v})", "plain": "str({v})",
}


def _default_text(field: models.Field) -> str:
    value = field.get_default()
    if value is None:
        return NULL
    return {"json": _json_text, "bool": lambda v: "t" if v else "f",
            "date": lambda v: v.isoformat(), "text": lambda v: _escape(str(v)),
            "plain": str}[_kind(field)](value)


def row_formatter(fields: list[models.Field]):
    """Compile one function that turns a row dict into a COPY text line. Missing keys take
    the field's default, evaluated once per table (so rows must set every field whose
    default is a per-row callable)."""
    parts, names = [], {"_escape": _escape, "_json_text": _json_text, "NULL": NULL}
    for index, field in enumerate(fields):
        default = f"d{index}"
        names[default] = _default_text(field)
        value = f"row[{field.attname!r}]"
        expression = _EXPRESSIONS[_kind(field)].format(v=value)
        parts.append(f"({default} if {field.attname!r} not in row else NULL "
                     f"if {value} is None else {expression})")
    source = "def format_row(row):\n    return '\\t'.join((" + ", ".join(parts) + ",))\n"
    exec(compile(source, "<copy-row>", "exec"), names)  # noqa: S102 - code built from field names
    return names["format_row"]


class Table:
    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.format_row = row_formatter(self.fields)
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self.copy_sql = (f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) "
                         "FROM STDIN")
        self.rows: list[dict] = []
        start = model.objects.aggregate(m=Max("pk"))["m"] or 0
        self.next_id = start + 1

    def new_id(self) -> int:
        pk = self.next_id
        self.next_id += 1
        return pk


class CopyThread(threading.Thread):
    """Runs the COPY batches on its own database connection (Django connections are per
    thread), one transaction per batch, while the main thread generates the next rows."""

    def __init__(self, *, relaxed: bool):
        super().__init__(name="benchdata-copy", daemon=True)
        self.batches: queue.Queue = queue.Queue(maxsize=2)
        self.relaxed = relaxed
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            if self.relaxed:
                skip_foreign_key_checks()
            while (batch := self.batches.get()) is not None:
                with transaction.atomic(), connection.cursor() as cursor:
                    for sql, text in batch:
                        cursor.copy_expert(sql, io.StringIO(text))
        except BaseException as exc:  # handed to the main thread
            self.error = exc
            while self.batches.get() is not None:  # unblock the producer
                pass
        finally:
            connection.close()

    def submit(self, batch) -> None:
        if self.error is not None:
            raise self.error
        self.batches.put(batch)

    def stop(self) -> None:
        self.batches.put(None)
        self.join()
        if self.error is not None:
            raise self.error


class Loader:
    """Buffers rows per model; `flush()` writes them all (one transaction per flush).

    On PostgreSQL the rows go out as COPY text through a background thread; elsewhere
    through bulk_create. `relaxed=True` (PostgreSQL superuser only) skips foreign-key
    trigger checks on the writing connection.
    """

    def __init__(self, *, relaxed: bool = False):
        self.tables: dict[type, Table] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.copy = connection.vendor == "postgresql"
        self.thread = None
        # Inside a transaction (tests), another connection could neither see its rows nor
        # be rolled back with it: COPY on this connection then, and keep the checks.
        if self.copy and not connection.in_atomic_block:
            self.thread = CopyThread(relaxed=relaxed)
            self.thread.start()
        #: Whether foreign-key checks are really skipped (only on the writer thread).
        self.relaxed = relaxed and self.thread is not None

    def table(self, model) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
        return self.tables[model]

    def new_id(self, model) -> int:
        return self.table(model).new_id()

    def add(self, model, row: dict) -> int:
        """Queue a row (an id is given when it has none); returns its id."""
        table = self.table(model)
        if row.get("id") is None:
            row["id"] = table.new_id()
        table.rows.append(row)
        return row["id"]

    def flush(self) -> None:
        filled = [table for table in self.tables.values() if table.rows]
        batch = [(table.copy_sql, "\n".join(map(table.format_row, table.rows)) + "\n")
                 for table in filled] if self.copy else []
        if self.thread is not None:
            self.thread.submit(batch)
        elif self.copy:
            with transaction.atomic(), connection.cursor() as cursor:
                for sql, text in batch:
                    cursor.copy_expert(sql, io.StringIO(text))
        else:
            with transaction.atomic():
                for table in filled:
                    table.model.objects.bulk_create(
                        [table.model(**row) for row in table.rows], batch_size=500)
        for table in filled:
            self.counts[table.model._meta.label] += len(table.rows)
            table.rows = []

    def finish(self) -> None:
        """Write what is left, wait for the writer, move id sequences past the new ids."""
        self.flush()
        if self.thread is not None:
            self.thread.stop()
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def abort(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.thread.batches.put(None)
            self.thread.join()


#: Asia/Shanghai has kept UTC+8 without daylight saving since 1992; a fixed offset is much
#: cheaper than zoneinfo for millions of timestamps.
CHINA = datetime.timezone(datetime.timedelta(hours=8))


def local_time(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


def can_skip_foreign_key_checks() -> bool:
    """Whether this PostgreSQL connection may skip foreign-key triggers (superuser only)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def skip_foreign_key_checks() -> None:
    """For this session only: the generator writes consistent rows by construction, and
    checking millions of deferred foreign keys at commit would dominate the load time."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
