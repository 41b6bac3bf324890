"""The audit log: who, when, from which address, before and after; read-only for the
county office; on PostgreSQL the database refuses to change or delete it."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from django.test import Client
from django.urls import reverse

from security.audit import TRACKED
from tests.factories import make_item, make_member, make_township
from townships.models import CalendarDay, Membership, Role

pytestmark = pytest.mark.django_db


def logged_in(user, address="192.0.2.80", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    client.force_login(user)
    return client


def test_every_scoped_model_is_tracked():
    from auditlog.registry import auditlog
    from django.apps import apps

    for label in TRACKED:
        try:
            model = apps.get_model(label)
        except LookupError:
            pytest.fail(f"{label} is listed but does not exist")
        assert auditlog.contains(model), label


def test_staff_edit_of_an_item_records_actor_address_before_and_after():
    from auditlog.context import set_actor

    township = make_township()
    item = make_item(township=township, title="关于春耕备耕工作的通知")
    author = make_member(township=township, role=Role.AUTHOR)
    item.title = "关于春耕备耕工作的补充通知"
    with set_actor(author, remote_addr="192.0.2.81"):  # what the middleware sets per request
        item.save()
    entry = LogEntry.objects.filter(object_pk=str(item.pk), action=LogEntry.Action.UPDATE,
                                    content_type__model="disclosureitem").latest("timestamp")
    assert entry.actor == author
    assert entry.remote_addr == "192.0.2.81"
    assert entry.changes_dict["title"] == ["关于春耕备耕工作的通知", "关于春耕备耕工作的补充通知"]


def test_admin_request_records_the_trusted_client_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    admin = make_member(role=Role.COUNTY_ADMIN)
    client = logged_in(admin, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.82")
    response = client.post(reverse("admin:townships_calendarday_add"), {
        "date": "2031-10-01", "kind": "holiday", "name": "国庆节"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=datetime.date(2031, 10, 1))
    entry = LogEntry.objects.get(object_pk=str(day.pk), content_type__model="calendarday")
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == admin
    assert entry.remote_addr == "192.0.2.82"  # not the spoofed left-most hop


def test_membership_changes_are_recorded():
    township = make_township()
    user = make_member(township=township, role=Role.AUTHOR)
    membership = Membership.objects.get(user=user)
    membership.delete()
    assert LogEntry.objects.filter(content_type__model="membership",
                                   action=LogEntry.Action.DELETE).exists()


@pytest.mark.parametrize("role", [Role.COUNTY_ADMIN, Role.COUNTY_AUDITOR])
def test_county_office_views_and_filters_the_log(role):
    make_member(township=make_township(), role=Role.AUTHOR)
    client = logged_in(make_member(role=role))
    url = reverse("admin:security_auditentry_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url + "?action__exact=0").status_code == 200
    assert client.get(url + "?q=192.0.2").status_code == 200
    entry = LogEntry.objects.first()
    change = reverse("admin:security_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200


def test_township_staff_cannot_see_the_log():
    township = make_township()
    client = logged_in(make_member(township=township, role=Role.TOWNSHIP_ADMIN))
    assert client.get(reverse("admin:security_auditentry_changelist")).status_code == 403


def test_nobody_edits_or_deletes_the_log_in_the_admin():
    make_member(township=make_township(), role=Role.AUTHOR)
    entry = LogEntry.objects.first()
    for role in (Role.COUNTY_ADMIN,):
        client = logged_in(make_member(role=role))
        change = reverse("admin:security_auditentry_change", args=[entry.pk])
        client.post(change, {"object_repr": "forged"})
        assert client.get(reverse("admin:security_auditentry_delete",
                                  args=[entry.pk])).status_code == 403
        client.post(reverse("admin:security_auditentry_changelist"),
                    {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    entry.refresh_from_db()
    assert entry.object_repr != "forged"


@pytest.mark.postgres
def test_database_refuses_update_and_delete_of_the_log_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the database guard exists on PostgreSQL only")
    make_member(township=make_township(), role=Role.AUTHOR)
    entry = LogEntry.objects.first()
    for sql in ("UPDATE auditlog_logentry SET object_repr = 'forged' WHERE id = %s",
                "DELETE FROM auditlog_logentry WHERE id = %s"):
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), \
                transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.object_repr != "forged"


@pytest.mark.postgres
def test_deleting_a_staff_account_keeps_its_log_entries_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the database guard exists on PostgreSQL only")
    township = make_township()
    user = make_member(township=township, role=Role.AUTHOR)
    from auditlog.context import set_actor

    with set_actor(user):
        township.phone = "0000-7654321"
        township.save()
    entry = LogEntry.objects.filter(actor=user).get()
    user.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None
    assert entry.changes_dict["phone"][1] == "0000-7654321"


def test_a_public_page_request_skips_the_audit_context_that_a_form_post_keeps(rf, settings):
    import contextvars

    from auditlog.context import auditlog_value
    from django.http import HttpResponse

    from security.middleware import AuditContextMiddleware

    settings.TRUSTED_PROXIES = []
    seen = []

    def view(_request):
        seen.append(auditlog_value.get(None))
        return HttpResponse()

    middleware = AuditContextMiddleware(view)

    def fresh(request):  # an earlier request's context (never reset by auditlog) set aside
        auditlog_value.set(None)
        return middleware(request)

    for request in (rf.get("/xxgk/some-town/", REMOTE_ADDR="192.0.2.90"),
                    rf.post("/xxgk/some-town/yisqgk/", REMOTE_ADDR="192.0.2.91"),
                    rf.get("/admin/", REMOTE_ADDR="192.0.2.92")):
        contextvars.copy_context().run(fresh, request)
    assert seen[0] is None  # an anonymous public GET: no receiver connected, no context
    assert seen[1]["remote_addr"] == "192.0.2.91"  # a citizen's form: the address is logged
    assert seen[2]["remote_addr"] == "192.0.2.92"  # the back office is never skipped
