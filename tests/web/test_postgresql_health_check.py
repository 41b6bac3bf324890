"""web.postgresql: the per-request health check of a persistent connection asks the server
(`SELECT 1`) only when something waits on the socket, and a connection the server ended is
still found and replaced (docs/PERFORMANCE.md "Tenth pass")."""

import time

import pytest
from django.db import connection, connections

from web.postgresql.base import socket_is_quiet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh():
    if connection.vendor != "postgresql":
        pytest.skip("the health check is PostgreSQL's (set DATABASE_URL)")
    wrapper = connections.create_connection("default")
    wrapper.settings_dict["CONN_HEALTH_CHECKS"] = True
    wrapper.ensure_connection()
    wrapper.health_check_enabled = True
    yield wrapper
    wrapper.close()


def asks(wrapper, monkeypatch) -> list[bool]:
    calls = []
    original = type(wrapper).is_usable

    def counted(self):
        answer = original(self)
        calls.append(answer)
        return answer

    monkeypatch.setattr(type(wrapper), "is_usable", counted)
    return calls


def test_the_backend_is_the_one_configured():
    if connection.vendor != "postgresql":
        pytest.skip("the health check is PostgreSQL's (set DATABASE_URL)")
    assert type(connections["default"]).__module__ == "web.postgresql.base"


def test_a_quiet_connection_is_not_asked(fresh, monkeypatch):
    calls = asks(fresh, monkeypatch)
    fresh.health_check_done = False
    fresh.close_if_health_check_failed()
    assert calls == []
    assert fresh.connection is not None
    assert fresh.health_check_done
    with fresh.cursor() as cursor:
        cursor.execute("SELECT 41 + 1")
        assert cursor.fetchone() == (42,)


def test_a_connection_the_server_ended_is_found_and_replaced(fresh, monkeypatch):
    pid = fresh.connection.info.backend_pid
    old = fresh.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone() == (True,)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the server's goodbye reaches the socket
        if not socket_is_quiet(old):
            break
        time.sleep(0.02)
    calls = asks(fresh, monkeypatch)
    fresh.health_check_done = False
    fresh.close_if_health_check_failed()
    assert calls == [False]  # asked the server, which was gone
    assert fresh.connection is None  # closed: the next query connects afresh
    with fresh.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_checked_once_per_request_and_only_when_enabled(fresh, monkeypatch):
    calls = asks(fresh, monkeypatch)
    fresh.health_check_enabled = False
    fresh.health_check_done = False
    fresh.close_if_health_check_failed()
    fresh.health_check_enabled = True
    fresh.health_check_done = True
    fresh.close_if_health_check_failed()
    assert calls == []
