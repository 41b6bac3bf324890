"""An empty database beside the test database, for restores run in a subprocess."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from django.db import connection


def _maintenance():
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    raw = connection.Database.connect(**params)
    raw.autocommit = True
    return raw


@contextlib.contextmanager
def fresh_database(tmp_path: Path, suffix: str):
    """Yield the DATABASE_URL of a new empty database; drop it afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / f'{suffix}.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_{suffix}"[:63]
    raw = _maintenance()
    try:
        with raw.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        auth = settings_dict["USER"] or ""
        if settings_dict["PASSWORD"]:
            auth += f":{settings_dict['PASSWORD']}"
        host = settings_dict["HOST"] or "127.0.0.1"
        port = settings_dict["PORT"] or 5432
        yield f"postgres://{auth}@{host}:{port}/{name}"
    finally:
        with raw.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        raw.close()


def row_counts_at(url: str) -> dict[str, int]:
    """Row count of every table of the database at `url`, read without Django."""
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            tables = [r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                    for t in tables}
        finally:
            db.close()
    params = connection.get_connection_params()
    params["dbname"] = url.rsplit("/", 1)[1]
    raw = connection.Database.connect(**params)
    try:
        with raw.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = [r[0] for r in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
                counts[table] = cursor.fetchone()[0]
            return counts
    finally:
        raw.close()


def row_counts_here() -> dict[str, int]:
    """Row count of every table of the test database, from the catalogue, not introspection."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table' "
                           "AND name NOT LIKE 'sqlite_%'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [r[0] for r in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts
