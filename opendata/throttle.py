"""A small per-client rate limit for the open-data API: a fixed-window counter in the
shared cache (Redis in production, so every gunicorn worker counts together), keyed by the
client address from config/client_address.py. Configured by OPENDATA_RATE_LIMIT
("requests/window", e.g. "120/60s"); "0" or empty turns it off.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from config.client_address import client_ip

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\w*\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(value: str) -> tuple[int, int] | None:
    """"120/60s" → (120, 60); "30/m" → (30, 60); None when off or unreadable."""
    match = _RATE.match(value or "")
    if not match or int(match.group(1)) == 0:
        return None
    seconds = int(match.group(2) or 1) * _UNIT[match.group(3)]
    return int(match.group(1)), max(seconds, 1)


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request) -> bool:
        rate = parse_rate(settings.OPENDATA_RATE_LIMIT)
        if rate is None:
            return True
        limit, seconds = rate
        now = time.time()
        window = int(now // seconds)
        key = f"opendata:rate:{client_ip(request) or 'unknown'}:{window}"
        cache.add(key, 0, seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds + 1)
            count = 1
        request.opendata_retry_after = int(seconds - now % seconds) + 1
        return count <= limit

    def wait(self):
        return None  # the Retry-After header comes from the request (see api.py)
