"""Generation counters that make cached public pages stale the moment their content changes.

A cached page's key carries the current value of two counters: `all` (anything every page
shows: the county, the township list, the catalogue structure) and its scope, `t:<slug>`
for a township's pages or `site` for county-wide pages (home, latest, search, feeds, site
map), which show every township's items. Publishing, revising or withdrawing in a township
bumps `t:<slug>` and `site`; the old keys are never read again and expire by timeout. The
counters live in the `pages` cache (Redis in production), so every web instance sees a bump
at once. `remember` keys smaller pieces (a township's catalogue tree) the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

T = TypeVar("T")

ALL = "all"
SITE = "site"
PREFIX = "gen:"


def township_scope(slug: str) -> str:
    return f"t:{slug}"


def current(*names: str) -> tuple[int, ...]:
    """The counters' values, read in one round trip (MGET on Redis)."""
    keys = [PREFIX + name for name in names]
    values = caches["pages"].get_many(keys)
    return tuple(int(values.get(key, 0)) for key in keys)


def bump(*names: str) -> None:
    cache = caches["pages"]
    for name in names:
        key = PREFIX + name
        # A counter starts from the clock, so one that was evicted and recreated never
        # returns to a value some still-cached page was keyed with.
        cache.add(key, int(time.time() * 1000), timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, int(time.time() * 1000), timeout=None)


def remember(name: str, scopes: list[str], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the pages cache until one of `scopes` (or `all`) is bumped.

    Only while the page cache is on: it shares the page cache's invalidation.
    """
    if not settings.PAGE_CACHE:
        return compute()
    key = f"piece:{name}:{'.'.join(map(str, current(ALL, *scopes)))}"
    cache = caches["pages"]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
