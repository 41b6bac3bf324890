"""Per-client-address allowances in the shared cache (Redis in production).

An `Allowance` counts only what the caller spends on it (an accepted submission, a failed
lookup), never every request, so junk posts cannot use up a real visitor's allowance. The
count lives in Django's default cache under the real client address, an IPv6 /64 counted
as one client (web.client_address.client_key), so it holds across gunicorn workers when
the cache is Redis. The window is fixed: it starts at the first counted event and lasts
`window` seconds; `retry_at` says when it ends.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from web.client_address import client_key


@dataclass(frozen=True)
class Allowance:
    scope: str
    limit: int
    window: int = 3600  # seconds

    def _keys(self, request) -> tuple[str, str]:
        base = f"ratelimit:{self.scope}:{client_key(request) or 'unknown'}"
        return f"{base}:count", f"{base}:start"

    def used(self, request) -> int:
        count_key, _start_key = self._keys(request)
        return int(cache.get(count_key) or 0)

    def exhausted(self, request) -> bool:
        return self.used(request) >= self.limit

    def spend(self, request) -> int:
        """Count one event; returns the new count."""
        count_key, start_key = self._keys(request)
        cache.add(start_key, time.time(), self.window)
        cache.add(count_key, 0, self.window)
        try:
            return cache.incr(count_key)
        except ValueError:  # the window expired between add and incr
            cache.set(start_key, time.time(), self.window)
            cache.set(count_key, 1, self.window)
            return 1

    def retry_at(self, request) -> datetime.datetime:
        """When the current window ends (local time)."""
        _count_key, start_key = self._keys(request)
        start = cache.get(start_key) or time.time()
        moment = datetime.datetime.fromtimestamp(start + self.window, tz=datetime.UTC)
        return timezone.localtime(moment)
