"""Django's PostgreSQL backend, with the connection health check
(`CONN_HEALTH_CHECKS`) answered without a round trip where the socket says enough.

Django checks a persistent connection once per request, before its first query, with a
`SELECT 1`: a round trip on every request that reads the database, every page-cache miss
among them (about 0.08 ms of PostgreSQL and loopback, docs/PERFORMANCE.md "Tenth pass").
Between requests an idle connection has nothing waiting on its socket. A server that ended
the session (a restart, `pg_terminate_backend`, `idle_session_timeout`, a crash, a pooler
closing it) leaves its last message or the end of the stream there. So: nothing to read
means the connection is as usable as `SELECT 1` would have said, and anything to read (or a
socket that cannot be polled) means asking the server with `SELECT 1`, as Django does. A
connection silently dropped by the network is caught by neither check until a query times
out, as before.

    DATABASES["default"]["ENGINE"] = "web.postgresql"
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


def socket_is_quiet(connection) -> bool:
    """True when the driver's connection is open and nothing from the server waits on its
    socket."""
    if connection.closed:
        return False
    try:
        poller = select.poll()
        poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
    except (OSError, ValueError, AttributeError):
        return False


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (self.pool or self.connection is None or not self.health_check_enabled
                or self.health_check_done):
            return
        if not socket_is_quiet(self.connection) and not self.is_usable():
            self.close()
        self.health_check_done = True
