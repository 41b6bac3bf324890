"""The county desk shows the annual reports' deadline (31 January) from 1 December, and after
it for as long as a township has not published."""

import datetime

import pytest
from django.urls import reverse

from reports import desk as report_desk
from reports.models import ReportDeadline
from tests.factories import make_county, make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def county():
    county = make_county()
    published = make_township(county=county, name="青石镇")
    make_township(county=county, name="柳溪乡")
    make_report(township=published, year=2025, published=True, published_on=D(2026, 1, 20))
    return county


def panel(client, user, day, monkeypatch):
    monkeypatch.setattr(report_desk, "today", lambda: day)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {p.key: p for p in response.context["desk_panels"]}.get("report-deadline")


@pytest.mark.parametrize(("today", "year"), [
    (D(2026, 11, 30), None), (D(2026, 12, 1), 2026), (D(2027, 1, 31), 2026),
    (D(2027, 3, 31), 2026), (D(2027, 4, 1), None)])
def test_the_report_year_the_desk_follows(today, year):
    assert report_desk.report_year(today) == year


def test_county_auditor_sees_the_date_and_the_township_still_to_publish(
        client, county, monkeypatch):
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=county)
    found = panel(client, auditor, D(2026, 1, 25), monkeypatch)
    assert found.title == "2025年度报告发布期限（2026-01-31）"
    assert [e.label for e in found.entries] == ["柳溪乡"]
    assert found.entries[0].note == "未起草；期限 2026-01-31，还有 6 天"
    assert found.entries[0].urgent
    assert found.more_url.endswith("?year=2025")
    late = panel(client, auditor, D(2026, 2, 3), monkeypatch)
    assert late.entries[0].note.endswith("已逾期 3 天")
    assert panel(client, auditor, D(2025, 11, 5), monkeypatch) is None


def test_the_countys_own_date_counts_and_a_finished_year_leaves_the_desk(
        client, county, monkeypatch):
    ReportDeadline.objects.create(county=county, year=2025, due_on=D(2026, 1, 15))
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=county)
    assert panel(client, auditor, D(2026, 1, 10), monkeypatch).title.endswith("（2026-01-15）")
    make_report(township=county.townships.get(name="柳溪乡"), year=2025, published=True,
                published_on=D(2026, 1, 14))
    assert panel(client, auditor, D(2026, 1, 10), monkeypatch).count == 0
    assert panel(client, auditor, D(2026, 2, 1), monkeypatch) is None


def test_township_staff_do_not_get_the_county_panel(client, county, monkeypatch):
    staff = make_member(role=Role.PUBLISHER, township=county.townships.first())
    assert panel(client, staff, D(2026, 1, 25), monkeypatch) is None
