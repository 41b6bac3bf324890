"""Database snapshots for backups: PostgreSQL custom-format dumps, SQLite online backups.

Each `dump` also counts the rows of every table *in the same snapshot* as the dump, so the
counts in a backup's manifest describe exactly what the dump holds.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NOT_EMPTY_DB = gettext_lazy("目标数据库不是空的")


class BackupError(Exception):
    """A backup or restore cannot go on; the message is shown to the operator."""


def engine_name(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("不支持的数据库类型：%(vendor)s") % {"vendor": vendor})
    return vendor


def table_names(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor, include_views=False))


def _count(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - introspected names
        counts[table] = cursor.fetchone()[0]
    return counts


def row_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    tables = table_names(alias)
    with connection.cursor() as cursor:
        return _count(cursor, tables, connection.ops.quote_name)


def _pg_env(alias: str) -> dict[str, str]:
    settings_dict = connections[alias].settings_dict
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"]}
    for key, var in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"),
                     ("PORT", "PGPORT")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    return env


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(_("找不到 %(name)s：请安装 PostgreSQL 客户端（postgresql-client）")
                          % {"name": name})
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(_("%(tool)s 执行失败：%(error)s") % {
            "tool": Path(args[0]).name, "error": result.stderr.strip()[-2000:]})


def dump(path: Path, alias: str = "default") -> dict[str, int]:
    """Write the whole database to `path`; return the row count of every table in it."""
    if connections[alias].in_atomic_block:
        # SQLite would wait forever for our own open transaction; PostgreSQL would miss it.
        raise BackupError(_("不能在未提交的事务中备份"))
    if engine_name(alias) == "sqlite":
        return _dump_sqlite(path, alias)
    return _dump_postgresql(path, alias)


def _dump_sqlite(path: Path, alias: str) -> dict[str, int]:
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        tables = [row[0] for row in target.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return _count(target.cursor(), sorted(tables), connection.ops.quote_name)
    finally:
        target.close()


def _dump_postgresql(path: Path, alias: str) -> dict[str, int]:
    """pg_dump and the row counts read one exported snapshot, so they agree exactly."""
    connection = connections[alias]
    pg_dump = _binary("pg_dump")
    tables = table_names(alias)
    raw = connection.Database.connect(**connection.get_connection_params())
    try:
        raw.autocommit = True  # explicit BEGIN below, the same with psycopg 2 and 3
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={path}",
                  "--no-password"], _pg_env(alias))
            counts = _count(cursor, tables, connection.ops.quote_name)
            cursor.execute("ROLLBACK")
    finally:
        raw.close()
    return counts


def restore(path: Path, alias: str = "default") -> None:
    """Load a dump into the (empty) database of `alias`."""
    if table_names(alias):
        raise BackupError(NOT_EMPTY_DB)
    connection = connections[alias]
    if engine_name(alias) == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    pg_restore = _binary("pg_restore")
    connection.close()
    _run([pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          "--no-password", f"--dbname={connection.settings_dict['NAME']}", str(path)],
         _pg_env(alias))
