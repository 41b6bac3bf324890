"""Generation counters that make cached public pages stale the moment their content changes.

A cached page's key carries the current value of two counters: `all` (anything every page
shows: the county, the township list, the catalogue structure) and its scope, `t:<slug>`
for a township's pages or `site` for county-wide pages (home, latest, search, feeds, site
map), which show every township's items. Publishing, revising or withdrawing in a township
bumps `t:<slug>` and `site`; the old keys are never read again and expire by timeout. The
counters live in the `pages` cache (Redis in production), so every web instance sees a bump
at once. `remember` keys smaller pieces (a township's catalogue tree) the same way.

When Redis fails (pagecache/redis_cache.py): `get_counted` raises CacheUnavailableError and the
caller renders without the cache; `remember` computes; `bump` never raises (it runs in
`on_commit`, after the publish succeeded): a bump that could not be made is remembered and,
as soon as Redis answers again, every process that saw the outage bumps `all` (which every
key carries) before it uses the cache again, so no page cached before the outage is served
after it, even if the process that published has died meanwhile.

With a read replica, every bump first records the primary's WAL position, and pages and pieces
rendered from a replica that has not replayed that far are never kept (pagecache/replica.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from . import replica
from .redis_cache import CacheUnavailableError
from .watch import watcher

T = TypeVar("T")
log = logging.getLogger("pagecache")

ALL = "all"
SITE = "site"
PREFIX = "gen:"


_build: str | None = None


def build_id() -> str:
    """The release every stored key carries, so a deploy never serves a page (or a pickled
    piece) made by the previous code, whose hashed CSS/JS files may be gone: the build id
    of ops/release.py (APP_BUILD_ID, else the BUILD_ID file deploy/build.sh writes) plus a
    digest of the collected static manifest, which changes whenever a CSS/JS file does
    even within one build id. Read once per process (a release restarts the processes)."""
    global _build
    if _build is None:
        import hashlib
        import os
        from pathlib import Path

        release = os.environ.get("APP_BUILD_ID", "").strip()
        if not release:
            try:
                release = (Path(settings.BASE_DIR) / "BUILD_ID").read_text("utf-8").strip()
            except OSError:
                release = "dev"
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        static = (hashlib.sha256(manifest.read_bytes()).hexdigest()[:10]
                  if manifest.is_file() else "-")
        _build = f"{release[:40]}.{static}"
    return _build


def township_scope(slug: str) -> str:
    return f"t:{slug}"


def current(*names: str) -> tuple[int, ...]:
    """The counters' values, read in one round trip (MGET on Redis)."""
    keys = [PREFIX + name for name in names]
    values = caches["pages"].get_many(keys)
    return tuple(int(values.get(key, 0)) for key in keys)


def counted_key(pieces: list[str], counters: tuple[int, ...]) -> str:
    """pieces[0] + counters[0] + pieces[1] + counters[1] + … (see `get_counted`)."""
    return pieces[0] + "".join(f"{c}{p}" for c, p in zip(counters, pieces[1:], strict=True))


def _size(value: object) -> int:
    """Bytes a kept copy holds: a stored page's body, or a fragment's text."""
    if isinstance(value, dict):
        return len(value.get("body", b""))
    if isinstance(value, (str, bytes)):
        return len(value)
    return 0


class LocalCopies:
    """The last values read from Redis, kept in this process (LRU, at most
    PAGE_CACHE_LOCAL_ENTRIES copies and PAGE_CACHE_LOCAL_BYTES of page bodies and fragments)
    with the counters they were keyed by, so a hit whose counters are unchanged costs one
    small round trip instead of moving the whole page. A copy is kept at most
    PAGE_CACHE_SECONDS, and used only while the counters in Redis still match it. The two
    limits bound what the page cache adds to a worker's memory."""

    def __init__(self):
        self.entries: OrderedDict[str, tuple[float, tuple[int, ...], object]] = OrderedDict()
        self.bytes = 0

    def held(self, base: str) -> tuple[tuple[int, ...], object] | None:
        entry = self.entries.get(base)
        if entry is None or entry[0] < time.monotonic():
            return None
        self.entries.move_to_end(base)
        return entry[1], entry[2]

    def keep(self, base: str, counters: tuple[int, ...], value: object) -> None:
        limit, budget = settings.PAGE_CACHE_LOCAL_ENTRIES, settings.PAGE_CACHE_LOCAL_BYTES
        size = _size(value)
        if limit <= 0 or size > budget:
            return
        old = self.entries.pop(base, None)
        if old is not None:
            self.bytes -= _size(old[2])
        self.entries[base] = (time.monotonic() + settings.PAGE_CACHE_SECONDS, counters, value)
        self.bytes += size
        while len(self.entries) > limit or self.bytes > budget:
            _base, (_expiry, _counters, dropped) = self.entries.popitem(last=False)
            self.bytes -= _size(dropped)

    def clear(self) -> None:
        self.entries.clear()
        self.bytes = 0


local = LocalCopies()


def get_counted(names: list[str], pieces: list[str]) -> tuple[object | None, str]:
    """The value stored under the key built from the counters' current values, and that
    key. With pagecache.redis_cache: no round trip when this process's counters are current
    (pagecache/watch.py) and it holds the value; else one (the value itself only
    when this process does not hold it already). Two with any other backend."""
    value, key, _claimed = get_counted_or_claim(names, pieces, 0)
    return value, key


CLAIM = ":rendering"  # appended to a key: "a render of this value is under way"


def get_counted_or_claim(names: list[str], pieces: list[str],
                         claim_seconds: int) -> tuple[object | None, str, bool | None]:
    """get_counted, and on a miss with claim_seconds, the claim to render the value
    (key + CLAIM, as `add` would take it) in the same round trip: (value, key, claimed).
    On a miss, claimed says whether this call took the claim (False: another render holds
    it); it is None where no claim was asked or the lookup could not take it along (the
    counters read by script, another backend): the caller then claims with `add` itself.
    A page-cache miss thereby costs one round trip less. Fails open as `add` does."""
    cache = caches["pages"]
    if not hasattr(cache, "get_counted"):
        key = counted_key(pieces, current(*names))
        return cache.get(key), key, None
    if cache.degraded:  # failed recently: neither the watcher nor local copies are trusted
        local.clear()
        cache.check_available()  # raises while open; after the interval, recovers or raises
    if pending:  # a bump another thread of this process could not make: make it first
        cache._guarded(lambda: bump_everything_on_recovery(cache))
    base = "|".join(pieces)
    held = local.held(base)
    counters = watcher.values_for(cache, names) if settings.PAGE_CACHE_WATCH else None
    if counters is not None:
        key = counted_key(pieces, counters)
        if held is not None and held[0] == counters:
            return held[1], key, None
        if claim_seconds:
            value, claimed = cache.get_or_claim(key, key + CLAIM, claim_seconds)
        else:
            value, claimed = cache.get(key), None
        if value is not None:
            local.keep(base, counters, value)
        return value, key, claimed
    epoch = watcher.epoch
    value, counters = cache.get_counted([PREFIX + n for n in names], pieces,
                                        held[0] if held else ())
    watcher.learn(names, counters, epoch)
    if value is None and held is not None and counters == held[0]:
        return held[1], counted_key(pieces, counters), None
    if value is not None:
        local.keep(base, counters, value)
    return value, counted_key(pieces, counters), None


_pending_lock = threading.Lock()
pending: set[str] = set()  # bumps Redis refused; made (as a bump of `all`) on recovery


def bump(*names: str) -> None:
    """Make every page showing `names` stale. Never raises (see the module docstring)."""
    cache = caches["pages"]
    if hasattr(cache, "bump_counted"):  # Redis: increment and announce to every process
        for name in names:
            try:
                if name == names[0]:  # the primary's position first (pagecache/replica.py)
                    replica.record_bump()
                watcher.saw(name, cache.bump_counted(PREFIX + name, name))
            except CacheUnavailableError:
                with _pending_lock:
                    pending.update(names)
                local.clear()
                watcher.forget()
                log.warning("page cache: could not bump %s (Redis unavailable); every "
                            "counter is bumped when it is back", ", ".join(names))
                return
        return
    try:
        replica.record_bump()
    except CacheUnavailableError:
        log.warning("page cache: the primary's position could not be recorded", exc_info=True)
    for name in names:
        key = PREFIX + name
        # A counter starts from the clock, so one that was evicted and recreated never
        # returns to a value some still-cached page was keyed with.
        cache.add(key, int(time.time() * 1000), timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, int(time.time() * 1000), timeout=None)


def bump_everything_on_recovery(cache) -> None:
    """redis_cache.on_recovery hook: after an outage, bump `all` (and what was pending)
    before this process reads the cache again. Raises if Redis fails meanwhile."""
    if cache is not caches["pages"]:  # caches are per thread: the same thread's instance
        return
    with _pending_lock:
        names = {ALL, *pending}
    replica.record_bump(guard=False)
    for name in sorted(names):
        cache.bump_counted_unguarded(PREFIX + name, name)
    with _pending_lock:
        pending.difference_update(names)
    local.clear()
    watcher.forget()


def bump_every_counter() -> list[str]:
    """Bump `all` and every counter that exists (restore, the release step). Returns the
    names bumped. Raises CacheUnavailableError when Redis is down (the caller must say so)."""
    cache = caches["pages"]
    names = {ALL, SITE}
    if hasattr(cache, "keys_matching"):
        names.update(k[len(PREFIX):] for k in cache._guarded(
            lambda: cache.keys_matching(PREFIX + "*")))
        replica.record_bump()
        for name in sorted(names):
            watcher.saw(name, cache.bump_counted(PREFIX + name, name))
    else:
        bump(*sorted(names))
    local.clear()
    return sorted(names)


def _piece(name: str, scopes: list[str]) -> tuple[object | None, str]:
    names = [ALL, *scopes]
    return get_counted(names, [f"piece:{build_id()}:{name}:", *["." for _ in names[1:]], ""])


def remember(name: str, scopes: list[str], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the pages cache until one of `scopes` (or `all`) is bumped.

    Only while the page cache is on: it shares the page cache's invalidation. A piece is
    exact under its counters and independent of the clock (nothing time-dependent may be
    remembered), so it is kept PAGE_CACHE_OBJECT_SECONDS, not a page's PAGE_CACHE_SECONDS:
    a township's catalogue tree read by every item page's miss would otherwise lapse five
    minutes after the last column page was rendered, and each item miss after that would
    pay for the joined read the tree saves.
    """
    if not settings.PAGE_CACHE:
        return compute()
    try:
        value, key = _piece(name, scopes)
    except CacheUnavailableError:
        return compute()
    if value is None:
        value = compute()
        if replica.may_keep_piece():  # not when computed from a lagging replica
            caches["pages"].set(key, value, settings.PAGE_CACHE_OBJECT_SECONDS)
    return value
