"""The open-data API's per-client rate limit: every request spends one unit of the
client's `web.rate_limits.Allowance` (shared cache, real client address), the same
counter the public forms use. Configured by OPENDATA_RATE_LIMIT ("requests/window", e.g.
"120/60s"); "0" or empty turns it off.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import timezone
from ninja.throttling import BaseThrottle

from web.rate_limits import Allowance

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
        allowance = Allowance("opendata", limit, seconds)
        count = allowance.spend(request)
        wait = (allowance.retry_at(request) - timezone.now()).total_seconds()
        request.opendata_retry_after = max(int(wait) + 1, 1)
        return count <= limit

    def wait(self):
        return None  # the Retry-After header comes from the request (see api.py)
