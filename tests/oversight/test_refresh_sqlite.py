"""The desk's 立即更新汇总数据 as `make run` serves it: Django's threaded runserver on one SQLite
file, the refresh on a background thread, while other requests write (log in and out: session
rows, last_login). Before config/settings.py gave SQLite WAL, IMMEDIATE transactions and a
30 s busy timeout, this failed with "database is locked" (2 of 2 on the demo)."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Refresh-Test-Pass-2026"
SEED = f"""
from oversight.models import SnapshotRun
from tests.factories import make_member, make_user
from townships.models import County, Role
county = County.objects.get()
make_member(role=Role.COUNTY_ADMIN, county=county,
            user=make_user(username="county_admin", password="{PASSWORD}"))
for n in range(4):
    make_user(username=f"writer{{n}}", password="{PASSWORD}")
SnapshotRun.objects.all().delete()
"""


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "PYTEST_")) and "REDIS" not in k}
    return {**env, "DATABASE_URL": f"sqlite:///{db}", "DEBUG": "1", "MEDIA_ROOT": str(db.parent)}


def _manage(env, *args, timeout=240):
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login(base: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=30)
    answer = session.post(f"{base}/admin/login/", timeout=60, data={
        "username": username, "password": PASSWORD, "next": "/admin/",
        "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert answer.url.endswith("/admin/"), answer.text[:500]
    return session


def _finished_runs(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM oversight_snapshotrun WHERE finished_at IS NOT NULL"
        ).fetchone()[0]


def test_desk_refresh_on_sqlite_runserver_with_concurrent_writers(tmp_path):
    db = tmp_path / "run.sqlite3"
    env = _env(db)
    _manage(env, "migrate", "-v0")
    _manage(env, "generate_city", "--townships", "4", "--items-per-township", "300")
    _manage(env, "shell", "-c", SEED)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "runserver.log"
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - `make run`'s threaded server, no reloader
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                requests.get(f"{base}/admin/login/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        admin = _login(base, "county_admin")
        stop = threading.Event()
        writes: list[int] = []

        def write(n: int) -> None:  # log in and out again and again: each is a write
            while not stop.is_set():
                session = _login(base, f"writer{n}")
                writes.append(session.post(f"{base}/admin/logout/", timeout=60, data={
                    "csrfmiddlewaretoken": session.cookies["csrftoken"]}).status_code)

        writers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for thread in writers:
            thread.start()
        time.sleep(1)
        started = time.monotonic()
        answer = admin.post(f"{base}/admin/oversight/oversightdashboard/refresh/", timeout=60,
                            data={"csrfmiddlewaretoken": admin.cookies["csrftoken"]})
        answered_in = time.monotonic() - started
        while _finished_runs(db) == 0 and time.monotonic() - started < 90:
            time.sleep(0.5)
        stop.set()
        for thread in writers:
            thread.join(timeout=120)
        dashboard = admin.get(f"{base}/admin/oversight/oversightdashboard/", timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert "已开始更新汇总数据" in answer.text
    assert answered_in < 10, "the page does not wait for the refresh"
    assert "database is locked" not in text
    assert "Traceback" not in text, text[-4000:]
    assert _finished_runs(db) == 1
    assert re.search(r"汇总数据生成于 \d{4}-\d\d-\d\d", dashboard.text)
    assert len(writes) >= 4
    assert set(writes) == {200}  # logout page, every write went through
