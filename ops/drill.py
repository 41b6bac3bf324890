"""The quarterly restore drill: restore a backup into a scratch database and a scratch media
directory, compare every table's row count and every file's checksum with the manifest, then
drop the scratch copy. The live database and media are never touched."""

from __future__ import annotations

import contextlib
import copy
import shutil
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import connections
from django.utils.translation import gettext as _

from . import backups
from .database import BackupError

ALIAS = "restore_drill"


def _maintenance_connection():
    """A raw autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE
    cannot run inside the scratch database itself)."""
    params = connections["default"].get_connection_params()
    params["dbname"] = "postgres"
    raw = connections["default"].Database.connect(**params)
    raw.autocommit = True
    return raw


@contextlib.contextmanager
def scratch_database(name: str | None, workdir: Path):
    """Register the connection alias ALIAS for an empty scratch database; yield its name.
    PostgreSQL: `name` if given (it must exist and be empty; it is kept), else
    `<database>_restore_drill`, created now and dropped afterwards. SQLite: a file in workdir."""
    default = connections.settings["default"]
    settings_dict = copy.deepcopy(default)
    created = None
    if connections["default"].vendor == "sqlite":
        settings_dict["NAME"] = str(workdir / "restore-drill.sqlite3")
    else:
        if not name:
            name = created = f"{default['NAME']}_restore_drill"[:63]
            raw = _maintenance_connection()
            try:
                with raw.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    cursor.execute(f'CREATE DATABASE "{name}"')
            except connections["default"].Database.Error as exc:
                raise BackupError(_(
                    "不能新建临时数据库 %(name)s：%(error)s"
                    "（给数据库用户 CREATEDB 权限，或先建好空库并用 --database 指定）")
                    % {"name": name, "error": str(exc).strip()}) from exc
            finally:
                raw.close()
        settings_dict["NAME"] = name
    if settings_dict["NAME"] == default["NAME"]:
        raise BackupError(_("演练不能恢复到正在使用的数据库。"))
    connections.settings[ALIAS] = settings_dict
    try:
        yield settings_dict["NAME"]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        if created:
            raw = _maintenance_connection()
            try:
                with raw.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
            finally:
                raw.close()


def run_drill(name: str = "latest", *, storage=None, database: str | None = None):
    """Restore backup `name` into a scratch database and media directory; the RestoreReport."""
    workdir = Path(tempfile.mkdtemp(prefix="township-drill-"))
    try:
        with scratch_database(database, workdir) as db_name:
            media = FileSystemStorage(location=workdir / "media")
            report = backups.restore_backup(name, storage=storage, media=media, alias=ALIAS)
            report.database = db_name
            return report
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
