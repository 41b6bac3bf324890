"""`manage.py restore_drill`: the latest backup restored into a scratch database and media
directory and compared, the live site untouched, the scratch copy gone afterwards."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from ops import drill
from tests.ops.conftest import FIGURES
from tests.ops.fresh_db import row_counts_here
from tests.ops.test_backup_restore import _populate

pytestmark = pytest.mark.django_db(transaction=True)


ROOT = Path(__file__).resolve().parents[2]


def _live_url(tmp_path) -> str:
    """The database the drill runs beside: this test database on PostgreSQL (its rows are
    committed, transaction=True); a file of its own on SQLite (the test database is in memory)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'live.sqlite3'}"
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _drill(tmp_path, backup_dir, media_root) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": _live_url(tmp_path),
           "MEDIA_ROOT": str(media_root), "REDIS_URL": "", "VISITS_REDIS_URL": ""}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore_drill", "--dir", str(backup_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300)


def _scratch_exists() -> bool:
    if connection.vendor != "postgresql":
        return False
    raw = drill._maintenance_connection()
    try:
        with raw.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                           [f"{connection.settings_dict['NAME']}_restore_drill"[:63]])
            return cursor.fetchone() is not None
    finally:
        raw.close()


def test_restore_drill_compares_everything_and_leaves_the_live_site_alone(tmp_path, settings):
    _populate()
    backup_dir = tmp_path / "backups"
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    live_rows = row_counts_here()
    live_media = sorted(p.name for p in tmp_path.joinpath("media").rglob("*") if p.is_file())
    result = _drill(tmp_path, backup_dir, settings.MEDIA_ROOT)
    assert result.returncode == 0, result.stderr
    assert "全部一致" in result.stdout
    assert row_counts_here() == live_rows
    assert sorted(p.name for p in tmp_path.joinpath("media").rglob("*")
                  if p.is_file()) == live_media
    assert not _scratch_exists()
    FIGURES.append(f"restore_drill ({connection.vendor}): {result.stdout.strip()}")


def test_restore_drill_reports_a_damaged_backup_and_drops_the_scratch_copy(tmp_path, settings):
    _populate()
    backup_dir = tmp_path / "backups"
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    archive = next(backup_dir.glob("*/media.tar"))
    data = bytearray(archive.read_bytes())
    data[700] ^= 0xFF
    archive.write_bytes(bytes(data))
    result = _drill(tmp_path, backup_dir, settings.MEDIA_ROOT)
    assert result.returncode != 0
    assert "恢复演练失败" in result.stderr
    assert not _scratch_exists()
