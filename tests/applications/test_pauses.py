"""Pauses (DOMAIN.md rule 35): each pause has its own limit; 答复逾期 and 暂停逾期 are one
definition on the clerk's screens, the list, the desk and the county dashboard's table and chart."""

import datetime
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import deadlines, transitions
from applications.models import Application, Notice
from demo import applications as demo
from demo.context import DemoContext
from oversight.refresh import refresh
from tests.applications.factories import close, make_application
from tests.factories import make_county, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
TODAY = D("2026-12-06")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)


def paused_since_christmas(township, user):
    """Like the demo's carried-over case: received 2025-12-22, third party asked 12-25."""
    app = make_application(township=township, received_on=D("2025-12-22"))
    transitions.accept(app.pk, user=user)
    transitions.start_consultation(app.pk, user=user, notice_on=D("2025-12-25"))
    return Application.objects.get(pk=app.pk)


def test_third_party_limit_is_15_working_days_and_overdue_after_it():
    town = make_township()
    user = make_member(township=town, role=Role.PUBLISHER)
    app = paused_since_christmas(town, user)
    assert app.pause_reply_due_on == D("2026-01-16")  # 元旦 1–3 January off
    assert deadlines.lateness(app, D("2026-01-16")) == ""
    assert deadlines.lateness(app, D("2026-01-17")) == deadlines.PAUSE_OVERDUE
    assert deadlines.lateness_label(app, TODAY) == "征求意见逾期"
    assert "已用" in deadlines.pause_status(app, TODAY)
    assert not Application.objects.overdue(TODAY).exists()  # not 答复逾期 while paused
    assert list(Application.objects.pause_overdue(TODAY)) == [app]


def test_correction_past_its_date_is_pause_overdue():
    town = make_township()
    user = make_member(township=town, role=Role.PUBLISHER)
    app = make_application(township=town, received_on=D("2026-11-02"))
    transitions.request_correction(app.pk, user=user, notice_on=D("2026-11-04"),
                                   correct_by=D("2026-11-20"))
    app.refresh_from_db()
    assert deadlines.lateness_label(app, D("2026-11-20")) == ""
    assert deadlines.lateness_label(app, TODAY) == "补正逾期"


def test_demo_case_paused_since_2025_12_25_shows_consultation_overdue(client):
    county = make_county()
    town = make_township(county=county)
    clerk = make_member(township=town, role=Role.PUBLISHER)
    ctx = DemoContext(county=county, townships=[town],
                      users={(town.slug, Role.PUBLISHER.value): clerk},
                      stdout=StringIO(), today=TODAY)
    demo.seed(ctx)
    case = Application.objects.get(pause_started_on=D("2025-12-25"))
    assert case.pause_reply_due_on == D("2026-01-16")
    code = town.letter_code[:-1]  # every demo notice, numbered per kind and year (rule 37)
    assert sorted(Notice.objects.values_list("number", flat=True)) == sorted([
        f"{code}征〔2025〕1号", f"{code}征〔2026〕1号", f"{code}补〔2025〕1号",
        f"{code}补〔2026〕1号", f"{code}延〔2026〕1号"])
    assert case.notices.get().recipient == "青岭建筑工程有限公司"
    client.force_login(clerk)
    desk = client.get(reverse("admin:index")).content.decode()
    assert "征求意见逾期（期限 2026-01-16）" in desk
    assert "答复期限 2026-01-20" not in desk
    listing = client.get(reverse("admin:applications_application_changelist")
                         + "?deadline=pause_overdue").content.decode()
    assert case.tracking_number in listing
    assert "征求意见逾期" in listing
    page = client.get(reverse("admin:applications_application_change", args=[case.pk])
                      ).content.decode()
    assert "征求意见自2025-12-25起已用" in page
    assert "征求意见逾期" in page
    refresh(county, today=TODAY)
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=county)
    client.force_login(auditor)
    board = client.get(reverse("admin:oversight_dashboard")).content.decode()
    assert "暂停逾期" in board
    data = refresh(county, today=TODAY).townships.get().data["applications"]
    assert data["pause_overdue"] == 1
    assert data["overdue"] == Application.objects.overdue(TODAY).count()


def test_chart_equals_table_for_both_kinds_every_township_and_month():
    county = make_county()
    towns = [make_township(county=county) for _ in range(2)]
    for i, town in enumerate(towns):
        user = make_member(township=town, role=Role.PUBLISHER)
        paused_since_christmas(town, user)
        for day in ("2026-03-02", "2026-06-15", "2026-10-12", "2026-11-25")[i:]:
            make_application(township=town, received_on=D(day))  # answer overdue in turn
        late = make_application(township=town, received_on=D("2026-02-02"))
        close(late, user=user, on=D("2026-05-20"))  # overdue March and April, then replied
        fix = make_application(township=town, received_on=D("2026-08-03"))
        transitions.request_correction(fix.pk, user=user, notice_on=D("2026-08-05"),
                                       correct_by=D("2026-09-04"))
        quiet = make_application(township=town, received_on=D("2026-09-01"))
        transitions.accept(quiet.pk, user=user)
        transitions.start_consultation(quiet.pk, user=user, notice_on=D("2026-11-30"))
    run = refresh(county, today=TODAY)
    days = [D(d) for d in run.notes["series_days"]]
    assert days[-1] == TODAY
    for row in run.townships.all():
        data = row.data["applications"]
        apps = list(Application.objects.filter(township=row.township))
        for kind, series in ((deadlines.REPLY_OVERDUE, data["series"]),
                             (deadlines.PAUSE_OVERDUE, data["pause_series"])):
            by_rule = [sum(deadlines.lateness(a, day) == kind for a in apps) for day in days]
            assert series == by_rule, (row.township.name, kind)
        assert data["series"][-1] == data["overdue"]
        assert data["pause_series"][-1] == data["pause_overdue"]
        assert data["pause_overdue"] == 2  # consultation since 2025-12-25 and the correction
    assert sum(r.data["applications"]["overdue"] for r in run.townships.all()) >= 3
