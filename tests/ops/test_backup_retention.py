"""Retention: the newest BACKUP_KEEP complete backups stay; interrupted ones are never
restored and are cleared once a newer backup completes."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import FileSystemStorage

from ops import backups
from ops.database import BackupError


def _folder(root, name: str, *, complete: bool = True) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "media.tar").write_bytes(b"x")
    if complete:
        (folder / "manifest.json").write_text(json.dumps({"format": 1, "name": name}))


def test_prune_keeps_the_newest_n_complete_backups(tmp_path):
    for day in range(1, 6):
        _folder(tmp_path, f"township-2026010{day}-020000")
    deleted = backups.prune(FileSystemStorage(location=tmp_path), keep=3)
    assert deleted == ["township-20260101-020000", "township-20260102-020000"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "township-20260103-020000", "township-20260104-020000", "township-20260105-020000"]


def test_interrupted_backup_is_not_listed_and_is_cleared_by_a_newer_one(tmp_path):
    _folder(tmp_path, "township-20260101-020000")
    _folder(tmp_path, "township-20260102-020000", complete=False)
    storage = FileSystemStorage(location=tmp_path)
    assert backups.list_backups(storage) == ["township-20260101-020000"]
    assert backups.prune(storage, keep=5) == []  # still newer than the newest complete one
    _folder(tmp_path, "township-20260103-020000")
    assert backups.prune(storage, keep=5) == ["township-20260102-020000"]


def test_prune_without_any_complete_backup_deletes_nothing(tmp_path):
    _folder(tmp_path, "township-20260102-020000", complete=False)
    assert backups.prune(FileSystemStorage(location=tmp_path), keep=1) == []
    assert (tmp_path / "township-20260102-020000").exists()


def test_restore_of_an_interrupted_backup_is_refused_in_chinese(tmp_path):
    _folder(tmp_path, "township-20260102-020000", complete=False)
    with pytest.raises(BackupError, match="没有名为"):
        backups.read_manifest(FileSystemStorage(location=tmp_path), "township-20260102-020000")
    with pytest.raises(BackupError, match="没有找到完整的备份"):
        backups.read_manifest(FileSystemStorage(location=tmp_path), "latest")
