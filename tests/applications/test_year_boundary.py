"""The year boundary (DOMAIN.md rule 34): provisional deadlines without next year's data."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from applications import deadlines, transitions
from applications.models import Application
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.calendar import CalendarMissing, WorkCalendar
from townships.models import CalendarDay, CalendarYear, Role
from townships.statutory import statutory_holidays

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
REASON = "2027年节假日安排尚未录入"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Events cannot be dated in the future (rule 36): the office's clock reads 2027-01-12."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2027-01-12"))


@pytest.fixture
def township():
    return make_township()


@pytest.fixture
def handler(township):
    user = make_member(township=township, role=Role.PUBLISHER)
    user.email = "dzb@example.gov.cn"
    user.save()
    return user


def enter_2027():
    """A plausible 2027 notice: 春节 5–12 February off, make-up Sunday 31 January and
    Saturday 20 February (调休 the statutory count cannot know)."""
    for day in ("2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
                "2027-02-11", "2027-02-12", "2027-04-05", "2027-05-03", "2027-06-09",
                "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05"):
        CalendarDay.objects.create(date=D(day), kind="holiday", name="")
    for day in ("2027-01-31", "2027-02-20", "2027-09-26", "2027-10-09"):
        CalendarDay.objects.create(date=D(day), kind="makeup_workday", name="")
    return CalendarYear.objects.create(year=2027, complete=True, source="测试")


def test_statutory_holidays_of_2027_follow_the_2024_rules():
    days = statutory_holidays(2027)
    assert len(days) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3
    assert [d for d, n in sorted(days.items()) if n == "春节"] == [
        D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")]  # 除夕 to 初三
    assert days[D("2027-04-05")] == "清明节"
    assert days[D("2027-06-09")] == "端午节"
    assert days[D("2027-09-15")] == "中秋节"
    assert {D("2027-05-01"), D("2027-05-02"), D("2027-10-03")} <= set(days)


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_holidays_are_days_off_in_the_official_calendar(year):
    cal = WorkCalendar()
    assert all(not cal.is_working_day(day) for day in statutory_holidays(year))


def test_strict_calendar_still_refuses_year_without_data():
    with pytest.raises(CalendarMissing):
        WorkCalendar().add_working_days(D("2026-12-20"), 20)
    cal = WorkCalendar(provisional=True)
    assert cal.add_working_days(D("2026-12-20"), 20) == D("2027-01-18")  # rule 34 example
    assert cal.provisional_in(D("2026-12-20"), D("2027-01-18")) == [2027]


def test_workdays_command_prints_provisional_date_only_when_asked():
    with pytest.raises(CommandError, match="2027"):
        call_command("workdays", "2026-12-20", "20", stdout=StringIO())
    out = StringIO()
    call_command("workdays", "2026-12-20", "20", "--provisional", stdout=out)
    assert out.getvalue().startswith("2027-01-18（暂定")
    out = StringIO()
    call_command("workdays", "2024-03-04", "20", "--provisional", stdout=out)
    assert out.getvalue().strip() == "2024-04-01"


def test_provisional_date_shown_on_all_five_screens(client, township, handler):
    app = make_application(township=township, received_on=D("2026-12-20"))
    assert (app.due_on, app.due_provisional) == (D("2027-01-18"), True)
    assert REASON in app.events.get(action="register").note
    client.force_login(handler)
    # 1. the clerk's case page
    html = client.get(reverse("admin:applications_application_change", args=[app.pk])
                      ).content.decode()
    assert "2027-01-18" in html
    assert "暂定" in html
    assert REASON in html
    # 2. the list
    html = client.get(reverse("admin:applications_application_changelist")).content.decode()
    assert "2027-01-18" in html
    assert "（暂定）" in html
    assert REASON in html
    # 3. the desk
    html = client.get(reverse("admin:index")).content.decode()
    assert "答复期限 2027-01-18（暂定）" in html
    assert REASON in html
    # 4. the public status page
    html = client.post(reverse("applications:status", args=[township.slug]),
                       {"tracking_number": app.tracking_number, "phone": "13800138000"}
                       ).content.decode()
    assert "2027年1月18日（暂定）" in html
    assert REASON in html
    # 5. the reminder letter
    call_command("send_deadline_reminders", "--date", "2027-01-12", stdout=StringIO())
    body = mail.outbox[-1].body
    assert "2027-01-18（暂定）" in body
    assert REASON in body


def test_entering_2027_recomputes_every_open_case(township, handler):
    open_apps = [make_application(township=township, received_on=D(day))
                 for day in ("2026-12-04", "2026-12-10", "2026-12-20", "2026-12-31")]
    transitions.accept(open_apps[3].pk, user=handler)
    transitions.extend(open_apps[3].pk, user=handler, days=20, approver="张主任",
                       reason="需要调取档案", notice_on=D("2026-12-31"))
    closed = make_application(township=township, received_on=D("2026-12-15"))
    transitions.accept(closed.pk, user=handler)
    transitions.reply(closed.pk, user=handler, outcome="r3_1", text="予以公开。",
                      on=D("2026-12-18"))
    before = {a.pk: a.due_on for a in Application.objects.all()}
    assert Application.objects.open().filter(due_provisional=True).count() == 4
    assert before[open_apps[3].pk] == D("2027-03-02")  # 40 days, 春节 by statute only
    from applications.models import Notice
    from applications.notices import body

    letter = "\n".join(body(Notice.objects.get(application=open_apps[3], kind="extension")))
    assert "2027年3月2日（暂定）" in letter  # the 延期答复告知书 marks it too

    enter_2027()

    assert Application.objects.open().filter(due_provisional=True).count() == 0
    after = {a.pk: a.due_on for a in Application.objects.all()}
    # 调休 moves the extended case: 春节 off to 12 February, two make-up days added.
    assert after[open_apps[3].pk] == D("2027-03-04")
    assert after[closed.pk] == before[closed.pk]
    recomputed = Application.objects.filter(events__action="compute_due").distinct()
    assert set(recomputed) == set(open_apps)  # each open case logs 暂定 → final
    assert deadlines.recompute_open(2027) == (4, 0)  # four open cases, all final now


def test_correcting_a_day_of_an_entered_year_recomputes(township):
    enter_2027()
    app = make_application(township=township, received_on=D("2026-12-20"))
    assert (app.due_on, app.due_provisional) == (D("2027-01-18"), False)
    CalendarDay.objects.create(date=D("2027-01-15"), kind="holiday", name="更正")
    app.refresh_from_db()
    assert app.due_on == D("2027-01-19")


def test_reminders_on_28_december_complete_with_provisional_dates(township, handler):
    make_application(township=township, received_on=D("2026-12-04"))  # due 2027-01-04 暂定
    make_application(township=township, received_on=D("2026-12-01"))  # due 2026-12-29
    out = StringIO()
    call_command("send_deadline_reminders", "--date", "2026-12-28", stdout=out)
    assert "已发送提醒邮件 1 封" in out.getvalue()
    body = mail.outbox[0].body
    assert "2026-12-29" in body
    assert "2027-01-04（暂定）" in body
    assert "暂定的申请 1 件" in out.getvalue()


def test_county_warned_from_1_november_that_next_year_is_missing():
    from townships.calendar import calendar_warning

    assert calendar_warning(D("2026-10-31")) == ""
    assert "2027年的工作日历" in calendar_warning(D("2026-11-01"))
    CalendarYear.objects.create(year=2027, complete=True)
    assert calendar_warning(D("2026-12-06")) == ""


def test_county_desk_and_dashboard_show_the_warning(client, monkeypatch):
    from django.utils import timezone

    from tests.factories import make_county

    county = make_county()
    make_township(county=county)
    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2026-11-02"))
    for role in (Role.COUNTY_ADMIN, Role.COUNTY_AUDITOR):
        client.force_login(make_member(role=role, county=county))
        assert "2027年的工作日历" in client.get(reverse("admin:index")).content.decode()
        html = client.get(reverse("admin:oversight_dashboard")).content.decode()
        assert "2027年的工作日历" in html
    clerk = make_member(township=make_township(county=county), role=Role.PUBLISHER)
    client.force_login(clerk)
    assert "2027年的工作日历" not in client.get(reverse("admin:index")).content.decode()
