"""Django's Redis cache, with the client object kept instead of rebuilt on every call.

`django.core.cache.backends.redis.RedisCacheClient.get_client` constructs a new
`redis.Redis` around the shared connection pool for each cache operation; that constructor
costs more than the round trip to a local Redis. A `redis.Redis` is safe to share between
threads (connections come from the pool), so one per pool is kept.

`get_counted` reads generation counters and the value keyed by them in one round trip (a
Lua script), which is what a page-cache hit costs (pagecache/middleware.py).

Fail open (docs/PERFORMANCE.md, "Redis 故障"): connections have connect and read timeouts
(REDIS_CONNECT_TIMEOUT, REDIS_SOCKET_TIMEOUT). When Redis does not answer, a read answers
"not cached", a write is dropped, `add` answers True (the caller goes ahead as if it held
the claim) and `incr` answers `delta`; the cache then stays "open" (no Redis call at all)
for REDIS_RETRY_SECONDS, and one warning is logged per such interval, not per request.
`get_counted` and `bump_counted` raise `CacheUnavailableError` instead, so the page cache can
render without the cache and remember a bump it could not make. The first call after an
outage first runs the hooks in `on_recovery` (the page cache bumps every counter there)
and serves from Redis again only once they succeeded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

# KEYS: the counters. ARGV[1]: how many counters the caller already holds the value for
# (0 or n), then those values, then the value key's pieces around the counters' values.
# Answers {value or false, counters...}; value is false when the caller's counters are
# still current (it keeps that value itself) or nothing is stored.
GET_COUNTED = """
local held = tonumber(ARGV[1])
local base = 2 + held
local key = ARGV[base]
local counters = {}
local same = held > 0
for i, name in ipairs(KEYS) do
  local value = redis.call('GET', name) or '0'
  counters[i] = value
  if held > 0 and value ~= ARGV[1 + i] then same = false end
  key = key .. value .. ARGV[base + i]
end
if same then return {false, unpack(counters)} end
return {redis.call('GET', key), unpack(counters)}
"""


# KEYS: a page's key, then its render claim's. ARGV[1]: the claim's lifetime in seconds.
# Answers {page, 0} when it is stored; else takes the claim if nobody holds it (the value
# `add` would store) and answers {false, 1}, or {false, 0} when another render holds it.
GET_OR_CLAIM = """
local value = redis.call('GET', KEYS[1])
if value then return {value, 0} end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return {false, 1} end
return {false, 0}
"""


# KEYS[1]: a counter. ARGV: a start value (the clock, for a counter that does not exist),
# the channel, the counter's name. Increments and announces the new value atomically.
BUMP = """
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local value = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[2], ARGV[3] .. '=' .. value)
return value
"""


# KEYS[1]: a key. ARGV[1]: a number as a zero-padded decimal string (equal widths compare as
# the numbers do). Keeps the larger of the two (the replay guard's position, pagecache/replica.py).
KEEP_MAX = """
local current = redis.call('GET', KEYS[1])
if not current or current < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""
POSITION_WIDTH = 20  # digits: any 64-bit WAL position


class ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._scripts: dict[tuple[int, str], object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def script(self, source: str):
        client = self.get_client(write=False)
        found = self._scripts.get((id(client), source))
        if found is None:
            found = self._scripts[(id(client), source)] = client.register_script(source)
        return found


log = logging.getLogger("pagecache")


class CacheUnavailableError(Exception):
    """Redis did not answer (or the cache is open after a recent failure)."""


# Called (with the cache) before a cache that failed is used again; a hook that raises
# keeps the cache open until the next retry.
on_recovery: list[Callable] = []

FAILURES = (redis.exceptions.RedisError, OSError)


def _fail_open(default):
    def wrap(method):
        def guarded(self, *args, **kwargs):
            try:
                self._check_open()
                return method(self, *args, **kwargs)
            except CacheUnavailableError:
                return default(*args, **kwargs) if callable(default) else default
            except FAILURES as exc:
                self._failed(exc)
                return default(*args, **kwargs) if callable(default) else default
        guarded.__name__ = method.__name__
        guarded.__doc__ = method.__doc__
        return guarded
    return wrap


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        from django.conf import settings

        self.retry_seconds = float(options.pop(
            "retry_seconds", getattr(settings, "REDIS_RETRY_SECONDS", 5)))
        options.setdefault("socket_connect_timeout",
                           getattr(settings, "REDIS_CONNECT_TIMEOUT", 0.5))
        options.setdefault("socket_timeout", getattr(settings, "REDIS_SOCKET_TIMEOUT", 1.0))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusingClient
        self._state_lock = threading.Lock()
        self._open_until = 0.0  # monotonic; while in the future Redis is not asked
        self._was_down = False
        self._last_warning = 0.0
        self.failures = 0  # failed calls since the process started (tests, /readyz)

    # --- fail open -----------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        return self._was_down

    def _failed(self, exc: BaseException) -> None:
        now = time.monotonic()
        with self._state_lock:
            self.failures += 1
            self._open_until = now + self.retry_seconds
            self._was_down = True
            warn = now - self._last_warning >= self.retry_seconds
            if warn:
                self._last_warning = now
        if warn:
            log.warning("cache %s: Redis unavailable (%s: %s); serving without it, retrying "
                        "in %ss", self._servers[0].rsplit("@", 1)[-1],
                        type(exc).__name__, exc, self.retry_seconds)

    def check_available(self) -> None:
        self._check_open()

    def _check_open(self) -> None:
        """Raise CacheUnavailableError while the cache is open; after an outage, run the
        recovery hooks before Redis is used again."""
        if not self._was_down:
            return
        if time.monotonic() < self._open_until:
            raise CacheUnavailableError
        with self._state_lock:
            if not self._was_down:
                return
            if time.monotonic() < self._open_until:
                raise CacheUnavailableError
            # One caller probes; the others keep serving without Redis meanwhile.
            self._open_until = time.monotonic() + self.retry_seconds
        try:
            self._cache.get_client(write=True).ping()
            for hook in on_recovery:
                hook(self)
        except FAILURES as exc:
            self._failed(exc)
            raise CacheUnavailableError from exc
        with self._state_lock:
            self._was_down = False
            self._open_until = 0.0
        log.warning("cache %s: Redis is back; caching again",
                    self._servers[0].rsplit("@", 1)[-1])

    def _guarded(self, call: Callable):
        """call(), raising CacheUnavailableError for any Redis failure (and opening the cache)."""
        self._check_open()
        try:
            return call()
        except FAILURES as exc:
            self._failed(exc)
            raise CacheUnavailableError from exc

    @_fail_open(True)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_fail_open(lambda key, default=None, version=None: default)
    def get(self, *args, **kwargs):
        return super().get(*args, **kwargs)

    @_fail_open(None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_fail_open(False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_fail_open(False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_fail_open(lambda *a, **k: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_fail_open(False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_fail_open(lambda key, delta=1, version=None: delta)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_fail_open(lambda *a, **k: [])
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_fail_open(lambda key, claim, seconds: (None, True))
    def get_or_claim(self, key: str, claim: str, seconds: int) -> tuple[object | None, bool]:
        """(the value at `key`, False), or (None, whether this call took `claim`, as `add`
        would, for `seconds`): a page-cache miss and its render claim in one round trip.
        Fails open as `get` and `add` do: (None, True)."""
        found, claimed = self._cache.script(GET_OR_CLAIM)(
            keys=[self.make_and_validate_key(key), self.make_and_validate_key(claim)],
            args=[int(seconds)])
        if found is not None:
            return self._cache._serializer.loads(found), False
        return None, bool(claimed)

    @_fail_open(None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    def clear(self):
        # Not guarded: a restore or a test that clears must know it did not happen.
        return super().clear()

    # --- counters --------------------------------------------------------------------

    def get_counted(self, counters: list[str], pieces: list[str],
                    held: tuple[int, ...] = ()):
        """(value or None, counter values) where the value's key is
        pieces[0] + c1 + pieces[1] + c2 + … (unprefixed keys, as for get/set). With `held`
        (counter values whose value the caller keeps) and the counters unchanged, the value
        is not sent: None comes back with counters equal to `held`."""
        keys = [self.make_and_validate_key(name) for name in counters]
        prefix = self.make_and_validate_key(pieces[0])
        found, *values = self._guarded(lambda: self._cache.script(GET_COUNTED)(
            keys=keys, args=[len(held), *held, prefix, *pieces[1:]]))
        value = None if not found else self._cache._serializer.loads(found)
        return value, tuple(int(v) for v in values)

    def channel(self) -> str:
        """Where counter bumps are announced: one channel per cache (prefix and server), as
        Redis channels are shared by every database of a server."""
        return f"{self.make_key('generations')}@{self._servers[0]}"

    def bump_counted(self, counter: str, name: str) -> int:
        """Increment `counter` (unprefixed; created from the clock if missing) and publish
        `name=value` on `channel()`, in one atomic script. Raises CacheUnavailableError."""
        return int(self._guarded(lambda: self._cache.script(BUMP)(
            keys=[self.make_and_validate_key(counter)],
            args=[int(time.time() * 1000), self.channel(), name])))

    def bump_counted_unguarded(self, counter: str, name: str) -> int:
        """bump_counted for the recovery hooks (which run inside the guard)."""
        return int(self._cache.script(BUMP)(
            keys=[self.make_and_validate_key(counter)],
            args=[int(time.time() * 1000), self.channel(), name]))

    def keep_max(self, key: str, value: int, *, guard: bool = True) -> None:
        """Raise the number at `key` (unprefixed) to `value` if it is lower, atomically.
        Raises CacheUnavailableError (guard=False: for the recovery hooks, any Redis error)."""
        def call():
            return self._cache.script(KEEP_MAX)(
                keys=[self.make_and_validate_key(key)], args=[f"{value:0{POSITION_WIDTH}d}"])
        self._guarded(call) if guard else call()

    def read_int(self, key: str) -> int | None:
        """The number `keep_max` keeps at `key`, or None. Raises CacheUnavailableError."""
        found = self._guarded(lambda: self._cache.get_client().get(
            self.make_and_validate_key(key)))
        return None if found is None else int(found)

    def pubsub(self):
        return self._cache.get_client(write=True).pubsub(ignore_subscribe_messages=False)

    def keys_matching(self, pattern: str) -> list[str]:
        """Unprefixed keys matching `pattern` (SCAN; for recovery, restore and tests)."""
        client = self._cache.get_client(write=False)
        prefix = self.make_key("")
        return [k.decode()[len(prefix):] for k in client.scan_iter(match=prefix + pattern)]
