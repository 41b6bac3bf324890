"""The two logs against the app itself (PostgreSQL): the sign-off log is insert-only like the
audit log, and the runtime role (`grant_runtime`) cannot UPDATE, DELETE, TRUNCATE or
DISABLE TRIGGER on either."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from signoff.models import SignOff
from tests.factories import make_item, make_member, make_township
from townships.models import Role

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
LOGS = ("auditlog_logentry", "signoff_signoff")
FIGURES: list[str] = []


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the database guards exist on PostgreSQL only")


def _signoff() -> SignOff:
    from signoff import chain

    township = make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    item = make_item(township=township)
    chain.submit(item, author)
    found = SignOff.objects.first()
    assert found is not None
    return found


def test_the_signoff_log_refuses_update_and_delete(postgres):
    entry = _signoff()
    for sql in ("UPDATE signoff_signoff SET comment = 'forged' WHERE id = %s",
                "DELETE FROM signoff_signoff WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.comment != "forged"


@pytest.fixture
def runtime_role(postgres):
    role = f"{connection.settings_dict['NAME']}_runtime"[:63]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        cursor.execute(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"')
        cursor.execute(f'REVOKE ALL ON SCHEMA public FROM "{role}"')
        cursor.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_runtime_role_cannot_change_either_log(runtime_role):
    entry = _signoff()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM auditlog_logentry")
        audit_id = cursor.fetchone()[0]
    call_command("grant_runtime", runtime_role)
    refused = []
    statements = []
    for table, row in (("auditlog_logentry", audit_id), ("signoff_signoff", entry.pk)):
        statements += [
            f"UPDATE {table} SET object_id = object_id WHERE id = {row}",  # noqa: S608
            f"DELETE FROM {table} WHERE id = {row}",  # noqa: S608
            f"TRUNCATE {table}",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"ALTER TABLE {table} DISABLE TRIGGER USER",
            f"DROP TABLE {table}",
        ]
    for sql in statements:
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{runtime_role}"')
            try:
                with transaction.atomic():
                    cursor.execute(sql)
            except DatabaseError as exc:
                refused.append((sql, type(exc.__cause__ or exc).__name__))
            finally:
                cursor.execute("RESET ROLE")
    assert [s for s, _ in refused] == statements  # every one refused
    # what the site needs still works as the runtime role
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{runtime_role}"')
        try:
            cursor.execute("SELECT count(*) FROM signoff_signoff")
            cursor.execute("SELECT count(*) FROM auditlog_logentry")
            cursor.execute("UPDATE townships_township SET phone = phone")
        finally:
            cursor.execute("RESET ROLE")
    FIGURES.extend(f"refused as runtime role: {sql} ({name})" for sql, name in refused)
