"""Optional read replica (settings DATABASE_REPLICA_URL; off unless set): anonymous public page
views read from it, everything else from the primary, and nothing a lagging replica rendered is
ever kept by the page cache.

Routing. `PublicReadsMiddleware` marks a request as a public read (GET or HEAD, not the back
office, no logged-in user, no write from this browser in the last PIN_SECONDS); the router
sends that request's reads to the `replica` alias. Writes, and every read outside such a
request (management commands, the back office, forms), use `default`. After a browser sends a
write (a public application form, say) it reads from the primary for PIN_SECONDS, so the
receipt page that follows always finds the new row.

Replay guard (with the page cache on). Every bump of a generation counter
(pagecache/generations.py) first records the primary's WAL insert position
(`pg_current_wal_insert_lsn()`, taken after the change committed) in the pages cache, as a
maximum (`POSITION_KEY`), and only then increments the counter. A public read goes to the
replica only when the replica's replay position (`pg_last_wal_replay_lsn()`), read before
anything is rendered, has reached that recorded position; otherwise the whole request reads
from the primary (and its page may be stored, since the primary has every commit). The order
is what makes it exact: the page's key was built from counters read *before* the recorded
position was read, and every counter value was incremented *after* its position was recorded,
so the replica has replayed every change any counter in the key stands for. Pieces
(`generations.remember`) read their counters later, during the render, so a piece computed
from the replica is kept only if the position recorded by then is still within what the
replica had replayed. A replica that does not answer or is not replaying (promoted, or the
same server) is not used: the request reads from the primary. While Redis is down nothing is
cached, so the replica is used unchecked and nothing it rendered is stored.

Without the page cache, a just-published or withdrawn item can show on public pages for as
long as the replica lags; with it, never from the cache.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connections

from .redis_cache import CacheUnavailableError

log = logging.getLogger("pagecache")

_public_read = contextvars.ContextVar("public_read", default=False)
# The replay position checked for this request (None: the replica is read unchecked).
_position = contextvars.ContextVar("replica_position", default=None)

PRIVATE_PREFIXES = ("/admin/", "/media/", "/visits/", "/healthz", "/readyz")
PIN_COOKIE = "read_primary"
PIN_SECONDS = 30
POSITION_KEY = "gen-lsn"  # in the pages cache, never expires (like the counters)
WARN_SECONDS = 60.0
_last_warning = [0.0]
_local_lock = threading.Lock()


def has_replica() -> bool:
    return "replica" in settings.DATABASES


def is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PREFIXES):
        return False
    # The session cookie, not request.user: deciding must not itself read the database.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and PIN_COOKIE not in request.COOKIES


# --- WAL positions ---------------------------------------------------------------------------

def lsn_to_int(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


def _warn(message: str, *args) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_SECONDS:
        _last_warning[0] = now
        log.warning(message, *args)


def guarded() -> bool:
    """Positions are recorded and checked only with a PostgreSQL replica and the page cache."""
    return (settings.PAGE_CACHE and has_replica()
            and connections["default"].vendor == "postgresql")


def primary_position() -> int:
    """The primary's WAL insert position (past every commit made so far). Raises
    CacheUnavailableError when the primary does not answer: the caller then treats the
    cache as unavailable (a bump stays pending, a recovery is retried)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            return lsn_to_int(cursor.fetchone()[0])
    except Exception as exc:
        raise CacheUnavailableError(f"primary position unknown: {exc}") from exc


def replay_position() -> int | None:
    """How far the replica has replayed; None when it does not answer or is not replaying."""
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
            found = cursor.fetchone()[0]
    except Exception as exc:  # any failure: read from the primary
        _warn("read replica unavailable (%s: %s); public pages read from the primary",
              type(exc).__name__, exc)
        return None
    if found is None:
        _warn("read replica is not replaying WAL (promoted, or the primary itself); public "
              "pages read from the primary")
        return None
    return lsn_to_int(found)


def _raise_recorded(position: int, *, guard: bool = True) -> None:
    cache = caches["pages"]
    if hasattr(cache, "keep_max"):
        cache.keep_max(POSITION_KEY, position, guard=guard)
        return
    with _local_lock:  # another backend (one process): a maximum under a lock
        if (cache.get(POSITION_KEY) or 0) < position:
            cache.set(POSITION_KEY, position, timeout=None)


def record_bump(*, guard: bool = True) -> None:
    """Before a counter is bumped: the primary's position, which every replica must reach
    before its pages can be kept again. Raises CacheUnavailableError when Redis (or the
    primary) is down; guard=False (the recovery hooks, inside the cache's guard): Redis
    errors as they are."""
    if not guarded():
        return
    _raise_recorded(primary_position(), guard=guard)


def recorded_position() -> int:
    """The highest position recorded by a bump. When none is (a new or flushed Redis), the
    primary's current position is recorded and used. Raises CacheUnavailableError."""
    cache = caches["pages"]
    read = getattr(cache, "read_int", cache.get)
    found = read(POSITION_KEY)
    if found is None:
        found = primary_position()
        _raise_recorded(found)
    return found


# --- routing ------------------------------------------------------------------------------

def replica_is_current() -> tuple[bool, int | None]:
    """(may this request read from the replica, the replay position checked or None)."""
    if not guarded():
        return True, None
    try:
        required = recorded_position()
    except CacheUnavailableError:  # nothing is cached while Redis is down
        return True, None
    position = replay_position()
    if position is None or position < required:
        return False, None
    return True, position


def may_keep_piece() -> bool:
    """May a piece computed now (generations.remember, counters already read) be kept?"""
    if not (_public_read.get() and has_replica()):
        return True
    position = _position.get()
    if position is None:
        return not guarded()
    try:
        return recorded_position() <= position
    except CacheUnavailableError:
        return False


def may_keep_page(request) -> bool:
    """May the page this request rendered be kept (pagecache/middleware.py)? Not when it
    read from a replica that was not checked (Redis failed at the check)."""
    return getattr(request, "replica_checked", True)


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = is_public_read(request) and has_replica()
        position = None
        if public:
            public, position = replica_is_current()
            request.replica_checked = not public or position is not None or not guarded()
        token = _public_read.set(public)
        position_token = _position.set(position)
        try:
            response = self.get_response(request)
        finally:
            _public_read.reset(token)
            _position.reset(position_token)
        if (has_replica() and request.method not in ("GET", "HEAD", "OPTIONS")
                and not request.path.startswith("/visits/")):  # the counting beacon: no pin
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True,
                                secure=request.is_secure(), samesite="Lax")
        return response


class PublicReadsToReplica:
    def db_for_read(self, model, **hints):
        if _public_read.get() and has_replica():
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
