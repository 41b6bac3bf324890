"""Where visit counts live.

Default: each hit is one atomic SQL upsert per key
(`INSERT ... ON CONFLICT (key) DO UPDATE SET count = count + n`), which PostgreSQL and
SQLite both execute without lost updates under concurrency.

With Redis configured (settings.VISITS_REDIS_URL, falling back to REDIS_URL), a hit is one
HINCRBY on a pending hash; `manage.py flush_visits` moves the pending counts into the
database. The shown count is database + pending, so it is exact at every moment. A flush
first RENAMEs the pending hash (atomic), so hits arriving during a flush go to a fresh hash;
a flush interrupted before its DELETE leaves the renamed hash behind and the next flush
picks it up, so nothing is lost when a process restarts.

Redis down: a hit Redis does not take (connection refused, a timeout, any Redis error) is
written to the database at once with the same upsert, so no count is lost and none is
counted twice (HINCRBY either ran or it did not; a timeout after Redis ran it is the one
case that can add a hit twice). After a failure Redis is left alone for
REDIS_RETRY_SECONDS (every hit goes straight to the database meanwhile), and one warning
is logged per interval. Shown counts are database only while Redis is down (the hits
pending in Redis come back with it, nothing is lost).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, connections, router, transaction
from django.utils import timezone

from .models import VisitCounter

log = logging.getLogger("visits")

PENDING = "visits:pending"
FLUSHING_PREFIX = "visits:flushing:"
BATCHES = "visits:batches"  # the names of renamed hashes not yet moved to the database


def redis_url() -> str:
    return getattr(settings, "VISITS_REDIS_URL", None) or getattr(settings, "REDIS_URL", "")


_clients: dict[str, object] = {}


def redis_client():
    url = redis_url()
    if not url:
        return None
    if url not in _clients:
        import redis

        _clients[url] = redis.Redis.from_url(
            url, socket_timeout=getattr(settings, "REDIS_SOCKET_TIMEOUT", 1.0),
            socket_connect_timeout=getattr(settings, "REDIS_CONNECT_TIMEOUT", 0.5))
    return _clients[url]


_down_until = 0.0  # monotonic: Redis is not asked before this
_last_warning = 0.0


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.RedisError, OSError)


def _usable(client) -> bool:
    return client is not None and time.monotonic() >= _down_until


def _failed(exc: BaseException) -> None:
    global _down_until, _last_warning
    retry = getattr(settings, "REDIS_RETRY_SECONDS", 5)
    now = time.monotonic()
    _down_until = now + retry
    if now - _last_warning >= retry:
        _last_warning = now
        log.warning("visits: Redis unavailable (%s: %s); counting in the database",
                    type(exc).__name__, exc)


def add_to_database(counts: dict[str, int]) -> None:
    """Atomically add counts to the counters, creating rows as needed."""
    if not counts:
        return
    table = connection.ops.quote_name(VisitCounter._meta.db_table)
    now = timezone.now()
    sql = (
        f"INSERT INTO {table} (key, count, updated_at) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + EXCLUDED.count, "
        f"updated_at = EXCLUDED.updated_at"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for key in sorted(counts):  # one lock order for every writer: no deadlocks
            cursor.execute(sql, [key, counts[key], now])


def record(keys: Iterable[str]) -> None:
    counts = dict.fromkeys(keys, 1)
    client = redis_client()
    if not _usable(client):
        add_to_database(counts)
        return
    try:
        pipe = client.pipeline(transaction=True)
        for key, n in counts.items():
            pipe.hincrby(PENDING, key, n)
        pipe.execute()
    except _redis_errors() as exc:
        _failed(exc)
        add_to_database(counts)


def stored_counts(keys: list[str]) -> list[tuple[str, int]]:
    """(key, count) rows of the database for `keys`: one plain SELECT on the primary key,
    through the router (a public page may read from the replica). Every page-cache miss
    shows a count; the ORM took several times the query's own time to build this one."""
    if not keys:
        return []
    alias = router.db_for_read(VisitCounter)
    quote = connections[alias].ops.quote_name
    table, key, count = (quote(VisitCounter._meta.db_table), quote("key"), quote("count"))
    marks = ", ".join(["%s"] * len(keys))
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {key}, {count} FROM {table} WHERE {key} IN ({marks})",  # noqa: S608
                       keys)
        return cursor.fetchall()


def counts_for(keys: Iterable[str]) -> dict[str, int]:
    keys = list(keys)
    result = dict.fromkeys(keys, 0)
    for key, count in stored_counts(keys):
        result[key] = count
    client = redis_client()
    if _usable(client) and keys:
        try:
            _add_pending(client, keys, result)
        except _redis_errors() as exc:  # shown from the database alone meanwhile
            _failed(exc)
            for key, count in stored_counts(keys):
                result[key] = count
    return result


# What is pending for each key (ARGV): in the pending hash and in every renamed hash a
# flush has not moved to the database yet (BATCHES). One command, run atomically.
PENDING_SUMS = """
local totals = {}
local now = redis.call('HMGET', KEYS[1], unpack(ARGV))
for i = 1, #ARGV do totals[i] = tonumber(now[i]) or 0 end
for _, name in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local more = redis.call('HMGET', name, unpack(ARGV))
  for i = 1, #ARGV do totals[i] = totals[i] + (tonumber(more[i]) or 0) end
end
return totals
"""
_scripts: dict[int, object] = {}


def _add_pending(client, keys: list[str], result: dict[str, int]) -> None:
    # Every page-cache miss shows a count: one round trip, where a MULTI of the two reads
    # and then one HMGET per batch were several.
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(PENDING_SUMS)
    for key, pending in zip(keys, script(keys=[PENDING, BATCHES], args=keys), strict=True):
        result[key] += int(pending)


def count_for(key: str) -> int:
    return counts_for([key])[key]


def flush() -> int:
    """Move pending Redis counts into the database; returns the number of hits moved."""
    client = redis_client()
    if client is None:
        return 0
    with client.lock("visits:flush-lock", timeout=300, blocking_timeout=60):
        return _flush_locked(client)


def _flush_locked(client) -> int:
    batch = f"{FLUSHING_PREFIX}{uuid.uuid4().hex}"
    try:
        with client.pipeline(transaction=True) as pipe:
            pipe.sadd(BATCHES, batch).rename(PENDING, batch).execute()
    except Exception as exc:  # redis.ResponseError: no such key -> nothing pending
        if "no such key" not in str(exc).lower():
            raise
    moved = 0
    # Batches left by an interrupted flush are picked up too (SCAN: flushes are rare).
    names = {n if isinstance(n, bytes) else n.encode() for n in client.smembers(BATCHES)}
    names.update(client.scan_iter(match=FLUSHING_PREFIX + "*"))
    for name in sorted(names):
        counts = {k.decode(): int(v) for k, v in client.hgetall(name).items()}
        add_to_database(counts)
        with client.pipeline(transaction=True) as pipe:
            pipe.delete(name).srem(BATCHES, name).execute()
        moved += sum(counts.values())
    return moved
