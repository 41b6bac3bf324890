"""Media files in and out of one tar archive, through Django's storage API.

The storage API, not the file system, so the same code backs up MEDIA_ROOT and an S3 bucket.
Every file's size and SHA-256 go into the backup manifest.
"""

from __future__ import annotations

import hashlib
import posixpath
import tarfile
from pathlib import Path

from django.core.files import File

# Written and removed by the /healthz storage probe; never worth keeping.
TRANSIENT_DIRS = ("health_check_storage_test",)
CHUNK = 1024 * 1024


def walk(storage, top: str = ""):
    """Every file name in `storage` under `top`, sorted; empty when the root does not exist."""
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(top, name) if top else name
    for directory in sorted(dirs):
        if not top and directory in TRANSIENT_DIRS:
            continue
        yield from walk(storage, posixpath.join(top, directory) if top else directory)


class HashingReader:
    """A file wrapper that hashes what is read through it."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def write_archive(storage, path: Path) -> dict[str, dict]:
    """Archive every file of `storage` into `path`; return {name: {size, sha256}}."""
    files: dict[str, dict] = {}
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in walk(storage):
            size = storage.size(name)
            info = tarfile.TarInfo(name)
            info.size = size
            info.mode = 0o644
            with storage.open(name, "rb") as handle:
                reader = HashingReader(handle)
                tar.addfile(info, reader)
            if reader.size != size:
                raise OSError(f"{name} changed size while being archived")
            files[name] = {"size": size, "sha256": reader.sha256.hexdigest()}
    return files


def restore_archive(path: Path, storage) -> int:
    """Put every file of the archive into `storage` under its own name; return the count."""
    count = 0
    with tarfile.open(path, "r") as tar:
        for member in tar:
            if not member.isfile():
                continue
            name = member.name
            if name.startswith("/") or ".." in name.split("/"):
                raise OSError(f"unsafe name in archive: {name}")
            handle = tar.extractfile(member)
            saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise OSError(f"{name} already exists in the target storage")
            count += 1
    return count


def compare(storage, expected: dict[str, dict]) -> list[str]:
    """Problems found comparing `storage` with the manifest's file list; [] when equal."""
    problems = []
    present = set(walk(storage))
    for name, meta in sorted(expected.items()):
        if name not in present:
            problems.append(f"missing: {name}")
            continue
        with storage.open(name, "rb") as handle:
            if sha256_of(handle) != meta["sha256"]:
                problems.append(f"checksum differs: {name}")
    problems.extend(f"not in backup: {name}" for name in sorted(present - set(expected)))
    return problems
