"""Backups: one consistent snapshot of the whole database and every media file.

A backup is a folder in the backup storage (BACKUP_DIR, or an S3-compatible bucket):

    township-YYYYMMDD-HHMMSS/
        database.dump | database.sqlite3   pg_dump custom format, or SQLite's online backup
        media.tar                          every uploaded file
        manifest.json                      written last: row count of every table, size and
                                           SHA-256 of the dump, the archive and every file

A folder without manifest.json is an interrupted backup and is never restored. The database
is dumped before the media are read: files are only added, never changed in place, so every
file the dump refers to is in the archive (files uploaded meanwhile are there too, unused).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import database, media_archive, release
from .database import BackupError

MANIFEST = "manifest.json"
MEDIA_FILE = "media.tar"
FORMAT = 1
NOT_EMPTY_MEDIA = gettext_lazy("目标上传文件目录不是空的")


def backup_storage():
    return storages["backups"]


def media_storage():
    return storages["default"]


def _sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return media_archive.sha256_of(handle)


def _file_entry(path: Path) -> dict:
    return {"file": path.name, "size": path.stat().st_size, "sha256": _sha256_file(path)}


def _latest_migrations(alias: str) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _app_version() -> str:
    return release.version()


def _new_name(storage) -> str:
    base = f"township-{timezone.localtime():%Y%m%d-%H%M%S}"
    name, n = base, 1
    while storage.exists(f"{name}/{MANIFEST}") or storage.exists(f"{name}/{MEDIA_FILE}"):
        n += 1
        name = f"{base}-{n}"
    return name


def _put(storage, name: str, path: Path) -> None:
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=path.name))
    if saved != name:
        raise BackupError(_("备份位置已有同名文件：%(name)s") % {"name": name})


def create_backup(*, storage=None, media=None, alias: str = "default") -> dict:
    """Write one backup; return its manifest."""
    storage = storage or backup_storage()
    media = media or media_storage()
    started = time.monotonic()
    engine = database.engine_name(alias)
    db_file = "database.dump" if engine == "postgresql" else "database.sqlite3"
    name = _new_name(storage)
    with tempfile.TemporaryDirectory(prefix="township-backup-") as tmp:
        db_path, media_path = Path(tmp) / db_file, Path(tmp) / MEDIA_FILE
        tables = database.dump(db_path, alias)
        files = media_archive.write_archive(media, media_path)
        manifest = {
            "format": FORMAT,
            "name": name,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "django": django.get_version(),
            "app_version": _app_version(),
            "migrations": _latest_migrations(alias),
            "tables": tables,
            "database": _file_entry(db_path),
            "media": {**_file_entry(media_path), "files": files},
        }
        _put(storage, f"{name}/{db_file}", db_path)
        _put(storage, f"{name}/{MEDIA_FILE}", media_path)
    manifest["seconds"] = round(time.monotonic() - started, 2)
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    storage.save(f"{name}/{MANIFEST}", ContentFile(body))
    return manifest


def _folders(storage) -> list[str]:
    try:
        dirs, _files = storage.listdir("")
    except FileNotFoundError:
        return []
    return sorted(d for d in dirs if d.startswith("township-"))


def list_backups(storage=None) -> list[str]:
    """Complete backups, newest first."""
    storage = storage or backup_storage()
    return [d for d in reversed(_folders(storage)) if storage.exists(f"{d}/{MANIFEST}")]


def delete_backup(storage, name: str) -> None:
    for file_name in list(media_archive.walk(storage, name)):
        storage.delete(file_name)
    storage.delete(name)  # the emptied folder, on a file system


def prune(storage=None, keep: int = 14) -> list[str]:
    """Delete all but the newest `keep` complete backups, and interrupted ones older than
    the newest complete backup. Returns the deleted names."""
    storage = storage or backup_storage()
    complete = list_backups(storage)
    if not complete:
        return []
    doomed = set(complete[max(keep, 1):])
    doomed |= {d for d in _folders(storage) if d not in complete and d < complete[0]}
    for name in sorted(doomed):
        delete_backup(storage, name)
    return sorted(doomed)


def read_manifest(storage, name: str) -> dict:
    if name == "latest":
        found = list_backups(storage)
        if not found:
            raise BackupError(_("没有找到完整的备份"))
        name = found[0]
    if not storage.exists(f"{name}/{MANIFEST}"):
        raise BackupError(_("没有名为 %(name)s 的完整备份") % {"name": name})
    with storage.open(f"{name}/{MANIFEST}", "rb") as handle:
        manifest = json.loads(handle.read().decode())
    if manifest.get("format") != FORMAT:
        raise BackupError(_("无法识别的备份格式：%(format)s") % {"format": manifest.get("format")})
    return manifest


def fetch(storage, manifest: dict, workdir: Path) -> tuple[Path, Path]:
    """Copy the dump and the archive to `workdir`, checking sizes and checksums."""
    paths = []
    for entry in (manifest["database"], manifest["media"]):
        target = workdir / entry["file"]
        with storage.open(f"{manifest['name']}/{entry['file']}", "rb") as src, \
                target.open("wb") as dst:
            shutil.copyfileobj(src, dst, media_archive.CHUNK)
        if target.stat().st_size != entry["size"] or _sha256_file(target) != entry["sha256"]:
            raise BackupError(_("%(file)s 与清单中的校验和不一致，备份已损坏")
                              % {"file": entry["file"]})
        paths.append(target)
    return paths[0], paths[1]


@dataclass
class RestoreReport:
    name: str
    tables: int = 0
    rows: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _media_is_empty(media) -> bool:
    return next(iter(media_archive.walk(media)), None) is None


def restore_backup(name: str, *, storage=None, media=None, alias: str = "default",
                   verify_only: bool = False) -> RestoreReport:
    """Restore a backup into an empty database and an empty media storage, then compare
    every table's row count and every file's checksum with the manifest."""
    storage = storage or backup_storage()
    media = media or media_storage()
    started = time.monotonic()
    manifest = read_manifest(storage, name)
    report = RestoreReport(name=manifest["name"])
    if manifest["engine"] != database.engine_name(alias):
        raise BackupError(_("备份来自 %(source)s 数据库，不能恢复到 %(target)s 数据库") % {
            "source": manifest["engine"], "target": database.engine_name(alias)})
    if not verify_only:
        if database.table_names(alias):
            raise BackupError(database.NOT_EMPTY_DB)
        if not _media_is_empty(media):
            raise BackupError(NOT_EMPTY_MEDIA)
    with tempfile.TemporaryDirectory(prefix="township-restore-") as tmp:
        db_path, media_path = fetch(storage, manifest, Path(tmp))
        if verify_only:
            report.seconds = round(time.monotonic() - started, 2)
            return report
        database.restore(db_path, alias)
        media_archive.restore_archive(media_path, media)
    counts = database.row_counts(alias)
    expected = manifest["tables"]
    for table in sorted(set(expected) | set(counts)):
        if counts.get(table) != expected.get(table):
            report.problems.append(f"table {table}: {counts.get(table)} rows, "
                                   f"backup has {expected.get(table)}")
    report.tables, report.rows = len(counts), sum(counts.values())
    report.problems.extend(media_archive.compare(media, manifest["media"]["files"]))
    report.files = len(manifest["media"]["files"])
    report.seconds = round(time.monotonic() - started, 2)
    return report
