"""Deadline views in the back office: missing-calendar warning, query counts, calendar rights."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import CalendarDay, CalendarYear, Role

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:applications_application_changelist"


def test_warning_shown_when_open_deadline_falls_in_year_without_calendar(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 12, 11))
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    make_application(township=township, received_on=datetime.date(2026, 12, 10))
    CalendarYear.objects.filter(year=2027).delete()
    client.force_login(handler)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "缺少工作日历" in html
    assert "2027" in html
    assert "1件申请的答复期限为暂定" in html


def test_changelist_queries_do_not_grow_when_more_applications_listed(client):
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(handler)
    for day in (4, 5, 6):
        make_application(township=township, received_on=datetime.date(2024, 3, day))
    client.get(reverse(CHANGELIST))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(CHANGELIST))
    for day in (11, 12, 13, 14):
        make_application(township=township, received_on=datetime.date(2024, 3, day))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(CHANGELIST))
    assert len(many) == len(few)


def test_only_county_admin_changes_calendar_when_staff_view_it(client):
    township = make_township()
    day = CalendarDay.objects.get(date=datetime.date(2024, 2, 4))
    url = reverse("admin:townships_calendarday_change", args=[day.pk])
    client.force_login(make_member(township=township, role=Role.TOWNSHIP_ADMIN))
    assert client.get(url).status_code == 200
    client.post(url, {"date": "2024-02-04", "kind": "holiday", "name": "春节"})
    assert CalendarDay.objects.get(pk=day.pk).kind == "makeup_workday"
    client.force_login(make_member(role=Role.COUNTY_ADMIN))
    assert client.post(url, {"date": "2024-02-04", "kind": "holiday",
                             "name": "春节"}).status_code == 302
    assert CalendarDay.objects.get(pk=day.pk).kind == "holiday"
