"""`manage.py backup` then `manage.py restore` into a fresh database and media root: every
table's row count and every file's checksum come back equal (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from disclosure.models import Attachment
from tests.factories import make_item, make_member, make_township
from tests.ops.conftest import FIGURES
from tests.ops.fresh_db import fresh_database, row_counts_at, row_counts_here
from townships.models import Role

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db(transaction=True)


def _populate() -> None:
    township = make_township()
    make_member(township=township, role=Role.PUBLISHER)
    published = make_item(township=township, published=True)
    draft = make_item(township=township)
    for n, item in enumerate([published, published, draft]):
        Attachment.objects.create(item=item, file=SimpleUploadedFile(f"附件{n}.pdf", PDF * (n + 1)))
    default_storage.save("其他/说明 文件.txt", ContentFile("镇政府说明".encode()))
    default_storage.save("其他/空文件.txt", ContentFile(b""))


def _checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _restore(database_url: str, media_root: Path, backup_dir: Path, *args: str):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url,
           "MEDIA_ROOT": str(media_root), "REDIS_URL": "", "VISITS_REDIS_URL": ""}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", "latest", "--dir", str(backup_dir), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300)


def test_restore_into_fresh_database_gives_back_every_row_and_file(settings, tmp_path):
    _populate()
    backup_dir = tmp_path / "backups"
    started = time.monotonic()
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    backed_up = time.monotonic() - started
    source_rows, source_files = row_counts_here(), _checksums(Path(settings.MEDIA_ROOT))

    media_root = tmp_path / "restored-media"
    with fresh_database(tmp_path, "restore") as url:
        started = time.monotonic()
        result = _restore(url, media_root, backup_dir)
        restored = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        assert "全部一致" in result.stdout
        assert "页面缓存计数器" in result.stdout  # every cached page dropped (issue 20)
        assert "检索索引" in result.stdout  # and it says what else it reset
        restored_rows = row_counts_at(url)

    assert restored_rows == source_rows
    assert _checksums(media_root) == source_files
    assert len(source_files) == 5
    assert sum(source_rows.values()) > 100
    FIGURES.append(f"backup round trip ({connection.vendor}): {len(source_rows)} tables, "
                   f"{sum(source_rows.values())} rows and {len(source_files)} files compared "
                   f"equal; backup {backed_up:.2f}s, restore (subprocess) {restored:.2f}s")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings):
    _populate()
    backup_dir = tmp_path / "backups"
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    before = row_counts_here()
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore", "latest", dir=str(backup_dir), stdout=io.StringIO())
    assert row_counts_here() == before
    assert not (tmp_path / "empty-media").exists()


def test_restore_refuses_a_media_root_that_is_not_empty(tmp_path):
    _populate()
    backup_dir = tmp_path / "backups"
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    media_root = tmp_path / "m"
    (media_root / "attachments").mkdir(parents=True)
    (media_root / "attachments" / "old.pdf").write_bytes(PDF)
    with fresh_database(tmp_path, "media") as url:
        result = _restore(url, media_root, backup_dir)
        assert row_counts_at(url) == {}
    assert result.returncode != 0
    assert "目标上传文件目录不是空的" in result.stderr


def test_a_corrupted_archive_is_refused_before_anything_is_restored(tmp_path):
    _populate()
    backup_dir = tmp_path / "backups"
    call_command("backup", dir=str(backup_dir), stdout=io.StringIO())
    archive = next(backup_dir.glob("*/media.tar"))
    data = bytearray(archive.read_bytes())
    data[700] ^= 0xFF
    archive.write_bytes(bytes(data))
    with fresh_database(tmp_path, "corrupt") as url:
        result = _restore(url, tmp_path / "m", backup_dir)
        assert row_counts_at(url) == {}
    assert result.returncode != 0
    assert "校验和不一致" in result.stderr
