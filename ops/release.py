"""The running release: the version in pyproject.toml and the build id of this installation.

The version changes with every release (CHANGELOG.md); the build id tells two builds of the same
version apart: APP_BUILD_ID from the environment, else the BUILD_ID file deploy/build.sh writes
(the git commit, or the build time when there is no git checkout), else "dev".
"""

import functools
import os
import tomllib
from pathlib import Path

from django.conf import settings


@functools.cache
def _read(base_dir: str) -> tuple[str, str]:
    base = Path(base_dir)
    try:
        with (base / "pyproject.toml").open("rb") as handle:
            version = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "unknown"
    build = os.environ.get("APP_BUILD_ID", "").strip()
    if not build:
        try:
            build = (base / "BUILD_ID").read_text(encoding="utf-8").strip()
        except OSError:
            build = ""
    return version, build or "dev"


def version() -> str:
    return _read(str(settings.BASE_DIR))[0]


def build_id() -> str:
    return _read(str(settings.BASE_DIR))[1]


def describe() -> str:
    return f"{version()} ({build_id()})"


def clear_cache() -> None:
    _read.cache_clear()
