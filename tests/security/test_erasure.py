"""Erasure on a justified request (个人信息保护法 第四十七条): `manage.py erase_personal_data`
blanks one closed case's registered fields now, whatever the retention period; refuses an
open case in Chinese; is audited without the values; leaves the statistics unchanged."""

from __future__ import annotations

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from applications.models import Application, Delivery
from feedback.models import ErrorReport
from reports.statistics import derive_tables
from security.personal_data import REGISTRY
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from tests.feedback.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db
REASON = "申请人来函请求删除其个人信息"
CASE_FIELDS = [f for f in REGISTRY if f.model_label in (
    "applications.Application", "applications.Notice", "applications.Delivery")]


def erase(*args) -> str:
    out = io.StringIO()
    call_command("erase_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    # received this year: far inside any retention period
    closed = close(make_application(township=township, received_on=datetime.date(2026, 3, 4),
                                    name="钱多多", email="qian@example.org", postcode="100001",
                                    phone="13912345678"), user=handler)
    Delivery.objects.create(application=closed, method="post", tracking_no="EA123456789CN",
                            note="本人签收钱多多", delivered_on=datetime.date(2026, 3, 20),
                            recorded_by=handler)
    other = close(make_application(township=township, received_on=datetime.date(2026, 3, 5),
                                   name="孙二娘"), user=handler)
    open_case = make_application(township=township, received_on=datetime.date(2026, 3, 6),
                                 name="周三")
    return {"township": township, "handler": handler, "closed": closed, "other": other,
            "open": open_case}


def values(app) -> dict:
    out = {}
    for field in CASE_FIELDS:
        model = field.model()
        path = "pk" if model is Application else "application"
        for row in model._default_manager.filter(**{path: app.pk}).values(field.name):
            out.setdefault(field.label, []).append(row[field.name])
    return out


def test_erases_every_registered_field_of_the_one_case_and_logs_without_values(world):
    closed, other = world["closed"], world["other"]
    before_other = values(other)
    before = values(closed)
    tables = derive_tables(world["township"], 2026)
    out = erase("--application", closed.tracking_number, "--reason", REASON,
                "--actor", world["handler"].username)
    assert "已删除" in out
    after = values(closed)
    for field in CASE_FIELDS:
        for value in after.get(field.label, []):
            assert value == field.anonymised, field.label
    assert values(other) == before_other
    assert derive_tables(world["township"], 2026) == tables
    entry = LogEntry.objects.filter(object_pk=str(closed.pk)).latest("pk")
    assert entry.actor == world["handler"]
    logged = str(entry.changes) + str(entry.additional_data)
    assert REASON in logged
    for field_values in before.values():
        for value in field_values:
            if len(value) >= 4:
                assert value not in logged


def test_refuses_an_open_case_in_chinese(world):
    before = values(world["open"])
    with pytest.raises(CommandError, match="尚在办理中"):
        erase("--application", world["open"].tracking_number, "--reason", REASON)
    assert values(world["open"]) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--application", "NOSUCHCODE", "--reason", REASON], "没有查询码"),
    (["--reason", "理由"], None),
])
def test_bad_requests(world, args, message):
    with pytest.raises(CommandError, match=message or "application"):
        erase(*args)


def test_requires_a_reason(world):
    before = values(world["closed"])
    with pytest.raises(CommandError, match="删除理由"):
        erase("--application", world["closed"].tracking_number, "--reason", " ")
    assert values(world["closed"]) == before


def erase_url(app):
    return reverse("security:erase_case", args=[app.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_handler_erases_from_the_case_page(world):
    closed = world["closed"]
    handler = client_for(world["handler"])
    case_page = handler.get(reverse("admin:applications_application_change",
                                    args=[closed.pk])).content.decode()
    assert erase_url(closed) in case_page
    assert handler.get(erase_url(closed)).status_code == 200
    response = handler.post(erase_url(closed), {"reason": REASON})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.name == "（已匿名）"
    assert closed.phone == ""
    entry = LogEntry.objects.filter(object_pk=str(closed.pk)).latest("pk")
    assert entry.actor == world["handler"]
    assert REASON in str(entry.changes)


def test_the_page_refuses_an_open_case_and_a_missing_reason(world):
    handler = client_for(world["handler"])
    page = handler.post(erase_url(world["open"]), {"reason": REASON}).content.decode()
    assert "尚在办理中" in page
    assert Application.objects.get(pk=world["open"].pk).name == "周三"
    before = values(world["closed"])
    handler.post(erase_url(world["closed"]), {"reason": ""})
    assert values(world["closed"]) == before


@pytest.mark.parametrize("role", [Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN, Role.AUTHOR])
def test_non_handlers_may_not_erase(world, role):
    township = world["township"]
    user = (make_member(role=role, county=township.county) if role != Role.AUTHOR
            else make_member(township=township, role=role))
    client = client_for(user)
    assert client.get(erase_url(world["closed"])).status_code in (403, 404)
    assert client.post(erase_url(world["closed"]), {"reason": REASON}).status_code in (403, 404)
    assert Application.objects.get(pk=world["closed"].pk).name == "钱多多"


def test_erases_an_answered_error_reports_contact_and_refuses_an_open_one(world):
    township = world["township"]
    answered = make_report(township=township, contact_phone="13900000009",
                           contact_email="r@example.org", contact_name="赵六")
    ErrorReport.objects.filter(pk=answered.pk).update(status="answered", answer="已改正。",
                                                      answered_at=answered.received_at)
    waiting = make_report(township=township, contact_phone="13900000008")
    out = erase("--error-report", answered.reference.lower(), "--reason", REASON)
    assert answered.reference in out
    answered.refresh_from_db()
    assert (answered.contact_name, answered.contact_phone, answered.contact_email) == ("", "", "")
    assert answered.answer == "已改正。"
    with pytest.raises(CommandError, match="尚待答复"):
        erase("--error-report", waiting.reference, "--reason", REASON)
    with pytest.raises(CommandError, match="没有受理编号"):
        erase("--error-report", "ZC20000101-9999", "--reason", REASON)
    waiting.refresh_from_db()
    assert waiting.contact_phone == "13900000008"
    entry = LogEntry.objects.filter(object_pk=str(answered.pk)).latest("pk")
    assert "13900000009" not in str(entry.changes)
