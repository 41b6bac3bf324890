"""What stops the counter being pumped: one count per token, a per-address cap.

Both live in the shared cache (Redis in production), so they hold across workers. A
token's nonce is claimed with an atomic `add`; a replayed token finds it taken. One
client address adds at most VISITS_PER_ADDRESS_PER_MINUTE counts per page per minute;
the excess is dropped and logged.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger("visits")


def claim_nonce(nonce: str) -> bool:
    """True the first time a token's nonce is presented, False for every replay."""
    return cache.add(f"visits:nonce:{nonce}", 1, settings.VISITS_TOKEN_MAX_AGE + 60)


def within_address_cap(address: str, path: str, now: float | None = None) -> bool:
    """Count this hit against the address's per-page allowance for the current minute."""
    minute = int((now or time.time()) // 60)
    page = hashlib.sha256(path.encode()).hexdigest()[:16]
    key = f"visits:cap:{address}:{page}:{minute}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
        count = 1
    if count > settings.VISITS_PER_ADDRESS_PER_MINUTE:
        log.warning("visits: dropped a count over the per-address cap (address=%s path=%s "
                    "count=%d)", address, path, count)
        return False
    return True
