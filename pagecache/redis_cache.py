"""Django's Redis cache, with the client object kept instead of rebuilt on every call.

`django.core.cache.backends.redis.RedisCacheClient.get_client` constructs a new
`redis.Redis` around the shared connection pool for each cache operation; that constructor
costs more than the round trip to a local Redis. A `redis.Redis` is safe to share between
threads (connections come from the pool), so one per pool is kept.

`get_counted` reads generation counters and the value keyed by them in one round trip (a
Lua script), which is what a page-cache hit costs (pagecache/middleware.py).
"""

from __future__ import annotations

import time

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


# KEYS[1]: a counter. ARGV: a start value (the clock, for a counter that does not exist),
# the channel, the counter's name. Increments and announces the new value atomically.
BUMP = """
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local value = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[2], ARGV[3] .. '=' .. value)
return value
"""


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient

    def get_counted(self, counters: list[str], pieces: list[str],
                    held: tuple[int, ...] = ()):
        """(value or None, counter values) where the value's key is
        pieces[0] + c1 + pieces[1] + c2 + … (unprefixed keys, as for get/set). With `held`
        (counter values whose value the caller keeps) and the counters unchanged, the value
        is not sent: None comes back with counters equal to `held`."""
        keys = [self.make_and_validate_key(name) for name in counters]
        prefix = self.make_and_validate_key(pieces[0])
        found, *values = self._cache.script(GET_COUNTED)(
            keys=keys, args=[len(held), *held, prefix, *pieces[1:]])
        value = None if not found else self._cache._serializer.loads(found)
        return value, tuple(int(v) for v in values)

    def channel(self) -> str:
        """Where counter bumps are announced: one channel per cache (prefix and server), as
        Redis channels are shared by every database of a server."""
        return f"{self.make_key('generations')}@{self._servers[0]}"

    def bump_counted(self, counter: str, name: str) -> int:
        """Increment `counter` (unprefixed; created from the clock if missing) and publish
        `name=value` on `channel()`, in one atomic script."""
        return int(self._cache.script(BUMP)(
            keys=[self.make_and_validate_key(counter)],
            args=[int(time.time() * 1000), self.channel(), name]))

    def pubsub(self):
        return self._cache.get_client(write=True).pubsub(ignore_subscribe_messages=False)
