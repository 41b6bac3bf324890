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
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import VisitCounter

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

        _clients[url] = redis.Redis.from_url(url, socket_timeout=2)
    return _clients[url]


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
    if client is None:
        add_to_database(counts)
        return
    pipe = client.pipeline(transaction=True)
    for key, n in counts.items():
        pipe.hincrby(PENDING, key, n)
    pipe.execute()


def counts_for(keys: Iterable[str]) -> dict[str, int]:
    keys = list(keys)
    result = dict.fromkeys(keys, 0)
    for key, count in VisitCounter.objects.filter(key__in=keys).values_list("key", "count"):
        result[key] = count
    client = redis_client()
    if client is not None and keys:
        for key, pending in zip(keys, client.hmget(PENDING, keys), strict=True):
            if pending is not None:
                result[key] += int(pending)
        for name in client.smembers(BATCHES):  # a set, not SCAN: the keyspace holds pages
            for key, pending in zip(keys, client.hmget(name, keys), strict=True):
                if pending is not None:
                    result[key] += int(pending)
    return result


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
