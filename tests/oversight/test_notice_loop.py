"""The 督促整改 loop tells each side what the other did: the roles the county picks (by
default the township admin and the 党政办) read and answer notices of their own township
only; they are e-mailed when a notice is sent, returned or overdue, the sender when it is
answered or overdue; the review page re-runs the check; an edit is logged as a diff."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from oversight import notices
from oversight.models import InspectionSettings, RectificationNotice
from tests.factories import make_member, make_township
from townships.models import NotificationFailure, Role

pytestmark = pytest.mark.django_db
State = RectificationNotice.State


def later(days: int = 10) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def town(county):
    return make_township(county=county, name="青石镇")


def member(township, role, email=""):
    user = make_member(township=township, role=role)
    user.email = email
    user.save()
    return user


@pytest.fixture
def people(town, auditor):
    auditor.email = "audit@county.example"
    auditor.save()
    other = make_township(county=town.county, name="柳湾镇")
    return {
        "admin": member(town, Role.TOWNSHIP_ADMIN, "admin@qs.example"),
        "office": member(town, Role.PUBLISHER, "dzb@qs.example"),
        "author": member(town, Role.AUTHOR, "author@qs.example"),
        "other_office": member(other, Role.PUBLISHER, "dzb@lw.example"),
        "other": other,
    }


def send(auditor, township, **kwargs):
    return notices.send_notice(RectificationNotice(
        township=township, title="政策文件栏目超过6个月未更新", check_key="pages",
        body="请补充发布本年度政策文件。\n请补充政府信息公开制度。", due_on=later()),
        user=auditor, **kwargs)


def test_the_office_reads_and_answers_its_own_townships_notices(client, town, auditor,
                                                                 people):
    notice = send(auditor, town)
    elsewhere = send(auditor, people["other"])
    assert notice.recipient_roles == ",township_admin,publisher,"  # the default
    client.force_login(people["office"])
    listing = client.get(reverse("admin:oversight_rectificationnotice_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [notice]
    assert client.get(reverse("admin:oversight_rectificationnotice_change",
                              args=[elsewhere.pk])).status_code == 404
    desk = client.get(reverse("admin:index")).context["desk_panels"]
    assert [e.label for p in desk if p.key == "oversight-notices" for e in p.entries] == [
        "青石镇 · 政策文件栏目超过6个月未更新"]
    answer = reverse("admin:oversight_rectificationnotice_answer", args=[notice.pk])
    assert client.post(answer, {"text": "已补充制度全文。"}).status_code == 302
    notice.refresh_from_db()
    assert (notice.state, notice.answered_by) == (State.ANSWERED, people["office"])
    client.force_login(people["author"])  # not a recipient role
    assert client.get(reverse("admin:oversight_rectificationnotice_changelist")
                      ).status_code == 403


def test_the_county_picks_the_roles(client, town, auditor, county_admin, people):
    client.force_login(county_admin)
    add = reverse("admin:oversight_inspectionsettings_add")
    response = client.post(add, {**{f.name: f.get_default() for f in
                                    InspectionSettings._meta.fields
                                    if f.name not in ("id", "county", "updated_at",
                                                      "notice_roles")},
                                 "notice_roles": ["township_admin"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert InspectionSettings.objects.get(county=town.county).notice_roles == ",township_admin,"
    client.force_login(auditor)
    form = client.get(reverse("admin:oversight_rectificationnotice_add")
                      ).context["adminform"].form
    assert form["recipients"].initial == ["township_admin"]
    notice = send(auditor, town)  # no choice given: the county's
    assert notice.recipient_roles_list == ["township_admin"]
    client.force_login(people["office"])
    listing = client.get(reverse("admin:oversight_rectificationnotice_changelist"))
    assert list(listing.context["cl"].result_list) == []
    assert client.get(reverse("admin:oversight_rectificationnotice_answer",
                              args=[notice.pk])).status_code == 404
    chosen = send(auditor, town, recipient_roles=",publisher,")  # a per-notice choice
    assert list(client.get(reverse("admin:oversight_rectificationnotice_changelist")
                           ).context["cl"].result_list) == [chosen]


def test_sent_returned_answered_and_overdue_are_emailed(
        town, auditor, people, django_capture_on_commit_callbacks):
    no_mail = member(town, Role.TOWNSHIP_ADMIN)  # recorded, not silently skipped
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(auditor, town)
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"admin@qs.example", "dzb@qs.example"}
    assert "县里下发督促整改通知" in sent["dzb@qs.example"].subject
    assert NotificationFailure.objects.filter(recipient=no_mail, kind="rectification").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notices.answer_notice(notice.pk, user=people["office"], text="已补充制度全文。")
    assert [m.to for m in mail.outbox] == [["audit@county.example"]]
    assert "已补充制度全文。" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notices.return_notice(notice.pk, user=auditor, text="制度未附发布日期。")
    assert {m.to[0] for m in mail.outbox} == {"admin@qs.example", "dzb@qs.example"}
    assert all("退回理由：制度未附发布日期。" in m.body for m in mail.outbox)
    mail.outbox.clear()
    overdue_day = notice.due_on + datetime.timedelta(days=3)
    call_command("send_deadline_reminders", date=overdue_day.isoformat(), verbosity=0)
    late = [m for m in mail.outbox if "督促整改" in m.subject]
    assert {m.to[0] for m in late} == {"admin@qs.example", "dzb@qs.example",
                                       "audit@county.example"}
    assert all("已超过整改期限 3 天" in m.body for m in late)
    mail.outbox.clear()
    call_command("send_deadline_reminders", date=notice.due_on.isoformat(), verbosity=0)
    assert not [m for m in mail.outbox if "督促整改" in m.subject]  # due today: not late


def test_an_edit_is_logged_as_what_changed(client, town, auditor, people):
    notice = send(auditor, town)
    client.force_login(auditor)
    change = reverse("admin:oversight_rectificationnotice_change", args=[notice.pk])
    response = client.post(change, {
        "title": "政策文件和公开制度需整改", "due_on": notice.due_on.isoformat(),
        "body": "请补充发布本年度政策文件。\n请补充政府信息公开制度全文。",
        "recipients": ["township_admin", "publisher"]})
    assert response.status_code == 302, response.content.decode()[:2000]
    edit = notice.events.get(action="edit")
    assert edit.text.splitlines() == [
        "事由：政策文件栏目超过6个月未更新 → 政策文件和公开制度需整改",
        "存在的问题和整改要求：",
        "－ 请补充政府信息公开制度。",
        "＋ 请补充政府信息公开制度全文。",
    ]
    notices.edit_notice(notice.pk, user=auditor, title="政策文件和公开制度需整改",
                        body="请补充发布本年度政策文件。\n请补充政府信息公开制度全文。",
                        due_on=notice.due_on, recipient_roles=",publisher,")
    assert notice.events.filter(action="edit").last().text == (
        "接收角色：乡镇管理员、党政办 → 党政办")
    notices.edit_notice(notice.pk, user=auditor, title="政策文件和公开制度需整改",
                        body="请补充发布本年度政策文件。\n请补充政府信息公开制度全文。",
                        due_on=notice.due_on)
    assert notice.events.filter(action="edit").count() == 2  # nothing changed, nothing logged


def test_the_review_page_shows_the_check_as_it_is_now(client, town, auditor, people):
    notice = send(auditor, town)
    notices.answer_notice(notice.pk, user=people["admin"], text="已补充制度全文。")
    client.force_login(auditor)
    review = reverse("admin:oversight_rectificationnotice_review", args=[notice.pk])
    before = client.get(review).context["current"]
    assert "政府信息公开制度为空" in [row.title for row in before["rows"]]
    town.system_text = "<p>本镇政府信息公开工作制度……</p>"
    town.save()
    page = client.get(review)
    now = page.context["current"]
    assert now["flagged"] == before["flagged"] - 1
    assert "政府信息公开制度为空" not in [row.title for row in now["rows"]]
    assert f"仍有 {now['flagged']} 处问题" in page.content.decode()


def test_a_notice_shows_the_checks_title_not_its_key(client, town, auditor, people):
    notice = send(auditor, town)
    client.force_login(auditor)
    page = client.get(reverse("admin:oversight_rectificationnotice_change", args=[notice.pk]))
    fields = page.context["adminform"].form.fields
    assert "check_key" not in fields
    html = page.content.decode()
    assert "专栏要素" in html
    assert ">pages<" not in html


def test_the_answer_page_shows_the_history(client, town, auditor, people):
    notice = send(auditor, town)
    notices.answer_notice(notice.pk, user=people["office"], text="已补充制度全文。")
    notices.return_notice(notice.pk, user=auditor, text="制度未附发布日期。")
    client.force_login(people["admin"])
    html = client.get(reverse("admin:oversight_rectificationnotice_answer", args=[notice.pk])
                      ).content.decode()
    assert "整改记录" in html
    log = html[html.index("整改记录"):]
    assert log.index("下发通知") < log.index("反馈整改情况") < log.index("退回，继续整改")
    assert "制度未附发布日期。" in log
