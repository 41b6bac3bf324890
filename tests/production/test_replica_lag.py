"""Replica lag never outlives a withdrawal in the page cache (pagecache/replica.py), proven
with a real streaming replica: a PostgreSQL primary of its own (initdb on a spare port, the
site's data copied in), a hot standby made from it with `pg_basebackup -R`, a redis-server of
its own, and two gunicorn nodes with DATABASE_URL on the primary and DATABASE_REPLICA_URL on
the standby. Replay is paused on the standby (`pg_wal_replay_pause()`), an item both nodes
have cached is withdrawn on the primary, and both nodes are asked for it and for the
township's page for a while: the standby still holds the item as published, yet no answer
is a 200 for it and no township page lists it. After `pg_wal_replay_resume()` the standby
catches up and serves again, and pages it renders are cached (hits)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time

import pytest

from tests.production import stack
from tests.production.conftest import BASE_PORT, REQUIRED

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
LAG_SECONDS = 6  # how long the withdrawn item is asked for while replay is paused
FIGURES: list[str] = []


def _caught_up(primary: str, standby: str, seconds: float = 30) -> float:
    """Wait until the standby has replayed everything the primary has written; seconds taken."""
    started = time.monotonic()
    target = stack.query(primary, "SELECT pg_current_wal_insert_lsn()::text")[0][0]
    while time.monotonic() - started < seconds:
        if stack.query(standby, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                       (target,))[0][0]:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"the standby did not reach {target} within {seconds}s")


def _standby_app_queries_since(standby: str, since) -> int:
    """Standby sessions of the site whose last statement, started after `since`, was not the
    replay-position check: reads of the site's tables served by the standby."""
    return stack.query(standby, """
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = 'township' AND backend_type = 'client backend'
          AND pid <> pg_backend_pid() AND query_start > %s
          AND query NOT LIKE '%%pg_last_wal_replay_lsn%%'""", (since,))[0][0]


def _tools_or_skip():
    bindir = stack.postgres_bin()
    tools = bindir and all((bindir / t).exists() for t in ("initdb", "pg_ctl", "pg_basebackup"))
    if not tools or shutil.which("redis-server") is None:
        reason = "PostgreSQL server binaries (initdb, pg_basebackup) or redis-server missing"
        if REQUIRED:
            pytest.fail(f"REQUIRE_PRODUCTION=1 but {reason}")
        pytest.skip(reason)
    return bindir


@contextlib.contextmanager
def _streaming_pair(site, tmp_path, bindir):
    """A primary with the site's data, a hot standby following it, a redis-server, and two
    gunicorn nodes reading public pages from the standby: yields (env, primary, standby,
    node URLs). Everything is stopped and removed afterwards."""
    work = stack.new_cluster_dir()
    primary = stack.Cluster(bindir, work, "primary", BASE_PORT + 60,
                            "-c fsync=off -c wal_level=replica")
    standby = stack.Cluster(bindir, work, "standby", BASE_PORT + 61,
                            "-c fsync=off -c hot_standby=on")
    redis_port = BASE_PORT + 62
    redis_proc = procs = None
    try:
        primary.initdb()
        primary.start()
        primary_url = primary.copy_in(site.database_url)
        backup = stack.run(  # the standby: a base backup that follows the primary (-R)
            [*primary.as_postgres, str(bindir / "pg_basebackup"), "-D", str(standby.data),
             "-R", "-X", "stream", "-c", "fast", "--no-sync", "-h", "127.0.0.1",
             "-p", str(primary.port), "-U", "postgres"], site.env, timeout=120)
        assert backup.returncode == 0, backup.stderr
        standby.start()
        assert stack.query(standby.url(), "SELECT pg_is_in_recovery()") == [(True,)]
        redis_proc = stack.redis_server(tmp_path, redis_port)
        stack.wait_redis(tmp_path, redis_port)
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        env = {**site.env, "DATABASE_URL": primary_url, "DATABASE_REPLICA_URL": standby.url(),
               "REDIS_URL": redis_url, "VISITS_REDIS_URL": redis_url,
               "PAGE_CACHE_REDIS_URL": redis_url}
        procs = stack.Stack(tmp_path, env)
        ports = (BASE_PORT + 63, BASE_PORT + 64)
        procs.gunicorns(*ports)
        yield env, primary_url, standby.url(), [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        if procs is not None:
            procs.stop()
        if redis_proc is not None and redis_proc.poll() is None:
            os.killpg(redis_proc.pid, signal.SIGTERM)
            redis_proc.wait(10)
        standby.stop()
        primary.stop()
        shutil.rmtree(work, ignore_errors=True)


def _ask_while_paused(nodes, item, township) -> dict:
    """Ask both nodes for the withdrawn item and the township page for LAG_SECONDS."""
    counts = {"asked": 0, "stale": 0, "item": 0, "township_hits": 0, "statuses": {}}
    started = time.monotonic()
    while time.monotonic() - started < LAG_SECONDS:
        for node in nodes:
            answer = stack.fetch(node + item["item_url"], headers=HTTPS)
            page = stack.fetch(node + township, headers=HTTPS)
            counts["asked"] += 2
            counts["item"] += 1
            counts["statuses"][answer.status] = counts["statuses"].get(answer.status, 0) + 1
            counts["stale"] += (answer.status == 200) + (item["title"] in page.text)
            counts["township_hits"] += page.headers.get("x-page-cache") == "hit"
    return counts


def _behind(redis_url: str, standby_url: str) -> int:
    """Bytes of WAL between the standby's replay position and the recorded one."""
    import redis

    recorded = int(redis.Redis.from_url(redis_url).get("pages:1:gen-lsn") or 0)
    high, low = stack.query(standby_url, "SELECT pg_last_wal_replay_lsn()::text")[0][0].split("/")
    return recorded - ((int(high, 16) << 32) | int(low, 16))


def test_a_withdrawal_is_never_served_from_cache_while_the_replica_lags(site, tmp_path):
    bindir = _tools_or_skip()
    started = time.monotonic()
    with _streaming_pair(site, tmp_path, bindir) as (env, primary_url, standby_url, nodes):
        setup_seconds = time.monotonic() - started
        item = stack.seed(env, "publish", site.data["township_slug"], "副本延迟期间撤回的通知")
        _caught_up(primary_url, standby_url)
        township = site.data["township_url"]
        cached_before = {}
        for node in nodes:  # both nodes render from the (current) standby and cache it
            for path in (item["item_url"], township):
                stack.fetch(node + path, headers=HTTPS)
            cached_before[node] = stack.fetch(node + item["item_url"],
                                              headers=HTTPS).headers.get("x-page-cache")

        stack.query(standby_url, "SELECT pg_wal_replay_pause()")
        paused_at = stack.query(standby_url, "SELECT now()")[0][0]
        stack.seed(env, "withdraw", str(item["item_id"]))
        sql = "SELECT status FROM disclosure_disclosureitem WHERE id = %s"
        on_primary = stack.query(primary_url, sql, (item["item_id"],))[0][0]
        on_standby = stack.query(standby_url, sql, (item["item_id"],))[0][0]
        behind = _behind(env["REDIS_URL"], standby_url)
        counts = _ask_while_paused(nodes, item, township)
        standby_reads_while_paused = _standby_app_queries_since(standby_url, paused_at)
        still_paused = stack.query(standby_url, "SELECT pg_get_wal_replay_pause_state()")[0][0]

        resumed_at = stack.query(standby_url, "SELECT now()")[0][0]
        stack.query(standby_url, "SELECT pg_wal_replay_resume()")
        catch_up = _caught_up(primary_url, standby_url)
        after = []
        for node in nodes:  # a page not cached yet: rendered from the standby, then hits
            first = stack.fetch(node + "/", headers=HTTPS)
            second = stack.fetch(node + "/", headers=HTTPS)
            gone = stack.fetch(node + item["item_url"], headers=HTTPS)
            after.append((first.headers.get("x-page-cache"),
                          second.headers.get("x-page-cache"), gone.status))
        standby_reads_after = _standby_app_queries_since(standby_url, resumed_at)
    FIGURES.append(
        f"replica lag: setup {setup_seconds:.1f}s, whole test "
        f"{time.monotonic() - started:.1f}s; item on the primary {on_primary!r}, on the paused "
        f"standby {on_standby!r}, standby {behind} bytes behind the recorded position; "
        f"{counts['asked']} requests over {LAG_SECONDS}s while paused ({counts['item']} for "
        f"the item: {counts['statuses']}), {counts['stale']} stale answers; township page "
        f"hits while paused {counts['township_hits']}; standby app reads while paused "
        f"{standby_reads_while_paused}, after resume {standby_reads_after}; caught up "
        f"{catch_up:.2f}s after resume; after: {after}")
    print(FIGURES[-1])  # noqa: T201
    assert set(cached_before.values()) == {"hit"}
    assert still_paused == "paused"
    assert on_standby == "published"  # a page rendered from the standby would be stale
    assert on_primary != "published"
    assert behind > 0
    assert counts["item"] > 10
    assert counts["stale"] == 0
    assert set(counts["statuses"]) == {410}
    assert standby_reads_while_paused == 0
    assert counts["township_hits"] > 0  # rendered from the primary meanwhile, then kept
    # rendered from the standby once (first node), then served from the cache on both
    assert after == [("miss", "hit", 410), ("hit", "hit", 410)]
    assert standby_reads_after > 0
