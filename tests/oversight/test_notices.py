"""督促整改: the county sends a notice with a due date, the township admin answers, the
sender closes it or sends it back; every step is recorded; auditors change only their own."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from oversight import notices
from oversight.dashboard import build
from oversight.models import NoticeEvent, RectificationNotice
from oversight.refresh import refresh
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
State = RectificationNotice.State


def later(days: int = 10) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def town(county):
    return make_township(county=county, name="青石镇")


@pytest.fixture
def town_admin(town):
    return make_member(township=town, role=Role.TOWNSHIP_ADMIN)


def send(*, user, township, title="政策文件栏目超过6个月未更新", due_on=None):
    return notices.send_notice(RectificationNotice(
        township=township, title=title, body="请于期限前补充发布本年度政策文件。",
        due_on=due_on or later()), user=user)


def test_full_round_is_recorded_and_leaves_the_dashboard_when_closed(town, auditor,
                                                                      town_admin):
    notice = send(user=auditor, township=town)
    notices.answer_notice(notice.pk, user=town_admin, text="已补充发布3份文件。")
    notices.return_notice(notice.pk, user=auditor, text="还缺规范性文件。", due_on=later(20))
    notices.answer_notice(notice.pk, user=town_admin, text="已发布规范性文件。")
    refresh(town.county)
    row = build(town.county).rows[0]
    assert row.data["notices"] == {"active": 1, "answered": 1, "overdue": 0}
    notices.close_notice(notice.pk, user=auditor, text="整改到位。")
    notice.refresh_from_db()
    assert notice.state == State.CLOSED
    assert list(notice.events.values_list("action", flat=True)) == [
        "send", "answer", "return", "answer", "close"]
    assert notice.events.get(action="return").due_on == later(20)
    assert build(town.county).rows[0].data["notices"]["active"] == 0


def test_overdue_unanswered_notice_is_a_problem_on_the_dashboard(town, auditor):
    notice = send(user=auditor, township=town)
    RectificationNotice.objects.filter(pk=notice.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    refresh(town.county)
    row = build(town.county).rows[0]
    assert "1份整改通知逾期未反馈" in [p.text for p in row.problems]


def test_due_date_must_be_in_the_future(town, auditor):
    with pytest.raises(ValidationError, match="整改期限须晚于今天"):
        send(user=auditor, township=town, due_on=timezone.localdate())
    assert not RectificationNotice.objects.exists()


def test_only_the_townships_admin_answers(town, auditor, town_admin):
    notice = send(user=auditor, township=town)
    author = make_member(township=town, role=Role.AUTHOR)
    other_admin = make_member(township=make_township(county=town.county),
                              role=Role.TOWNSHIP_ADMIN)
    for user in (author, other_admin, auditor):
        with pytest.raises(PermissionDenied):
            notices.answer_notice(notice.pk, user=user, text="已整改。")
    notices.answer_notice(notice.pk, user=town_admin, text="已整改。")
    with pytest.raises(ValidationError):
        notices.answer_notice(notice.pk, user=town_admin, text="再次反馈。")


def test_auditor_reviews_only_own_notices_county_admin_any(town, auditor, county_admin,
                                                          town_admin):
    colleague = make_member(role=Role.COUNTY_AUDITOR, county=town.county)
    notice = send(user=auditor, township=town)
    notices.answer_notice(notice.pk, user=town_admin, text="已整改。")
    with pytest.raises(PermissionDenied):
        notices.close_notice(notice.pk, user=colleague)
    with pytest.raises(PermissionDenied):
        notices.edit_notice(notice.pk, user=colleague, title="改", body="改", due_on=later())
    notices.close_notice(notice.pk, user=county_admin)


def test_township_staff_cannot_send_notices(town, town_admin):
    with pytest.raises(PermissionDenied):
        send(user=town_admin, township=town)


def test_events_are_insert_only(town, auditor):
    event = send(user=auditor, township=town).events.get()
    event.text = "篡改"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert NoticeEvent.objects.count() == 1


def test_auditor_sends_a_notice_through_the_admin_form(client, town, auditor):
    client.force_login(auditor)
    add = reverse("admin:oversight_rectificationnotice_add")
    response = client.post(add, {"township": town.pk, "title": "专栏缺少公开制度",
                                 "check_key": "pages", "body": "请补充政府信息公开制度。",
                                 "recipients": ["township_admin", "principal"],
                                 "due_on": later().isoformat()})
    assert response.status_code == 302
    notice = RectificationNotice.objects.get()
    assert (notice.sent_by, notice.county, notice.check_key) == (auditor, town.county, "pages")
    assert notice.recipient_roles == ",township_admin,principal,"
    assert notice.events.get().action == "send"


def test_admin_form_rejects_a_past_due_date_with_a_message(client, town, auditor):
    client.force_login(auditor)
    response = client.post(reverse("admin:oversight_rectificationnotice_add"), {
        "township": town.pk, "title": "t", "body": "b",
        "due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 200
    assert "整改期限须晚于今天" in response.content.decode()
    assert not RectificationNotice.objects.exists()


def test_notice_form_is_prefilled_with_the_findings_of_a_check(client, town, auditor):
    client.force_login(auditor)
    response = client.get(reverse("admin:oversight_rectificationnotice_add")
                          + f"?township={town.pk}&check_key=pages")
    initial = response.context["adminform"].form.initial
    assert initial["township"] == town.pk
    assert initial["check_key"] == "pages"
    assert "1. 政府信息公开制度为空" in initial["body"]
    assert f"http://testserver/admin/townships/township/{town.pk}/change/" in initial["body"]


def test_township_admin_answers_through_the_admin_and_sees_only_own_notices(
        client, town, auditor, town_admin):
    notice = send(user=auditor, township=town)
    elsewhere = send(user=auditor, township=make_township(county=town.county))
    client.force_login(town_admin)
    listing = client.get(reverse("admin:oversight_rectificationnotice_changelist"))
    assert list(listing.context["cl"].result_list) == [notice]
    other = reverse("admin:oversight_rectificationnotice_change", args=[elsewhere.pk])
    assert client.get(other).status_code in (302, 403, 404)
    assert client.get(reverse("admin:oversight_rectificationnotice_answer",
                              args=[elsewhere.pk])).status_code in (403, 404)
    page = client.get(reverse("admin:oversight_rectificationnotice_change", args=[notice.pk]))
    assert page.status_code == 200
    assert page.context["can_answer"] is True
    answer = reverse("admin:oversight_rectificationnotice_answer", args=[notice.pk])
    assert client.post(answer, {"text": ""}).status_code == 200  # required
    assert client.post(answer, {"text": "已补充。"}).status_code == 302
    notice.refresh_from_db()
    assert (notice.state, notice.answer, notice.answered_by) == (
        State.ANSWERED, "已补充。", town_admin)


def test_sender_closes_or_returns_through_the_review_page(client, town, auditor, town_admin):
    notice = send(user=auditor, township=town)
    notices.answer_notice(notice.pk, user=town_admin, text="已补充。")
    client.force_login(auditor)
    review = reverse("admin:oversight_rectificationnotice_review", args=[notice.pk])
    response = client.post(review, {"decision": "return", "text": ""})
    assert "请填写退回理由" in response.content.decode()
    assert client.post(review, {"decision": "close", "text": "同意办结。"}).status_code == 302
    notice.refresh_from_db()
    assert notice.state == State.CLOSED


def test_sending_and_returning_a_notice_are_posted_to_the_township_group(
        town, auditor, town_admin, django_capture_on_commit_callbacks):
    from tests.townships.webhook_receiver import Receiver

    with Receiver() as robot:
        town.webhook_kind = "wecom"
        town.webhook_url = robot.url + "/cgi-bin/webhook/send?key=k"
        town.save()
        with django_capture_on_commit_callbacks(execute=True):
            notice = send(user=auditor, township=town)
        notices.answer_notice(notice.pk, user=town_admin, text="已补充发布3份文件。")
        with django_capture_on_commit_callbacks(execute=True):
            notices.return_notice(notice.pk, user=auditor, text="还缺规范性文件。")
    texts = [r["json"]["text"]["content"] for r in robot.requests]
    assert len(texts) == 2
    assert "县里下发督促整改通知" in texts[0]
    assert "政策文件栏目超过6个月未更新" in texts[0]
    assert "整改反馈被退回" in texts[1]


def test_a_returned_notice_shows_the_reason_on_both_sides(client, town, auditor, town_admin):
    notice = send(user=auditor, township=town)
    notices.answer_notice(notice.pk, user=town_admin, text="已补充本级文件。")
    notices.return_notice(notice.pk, user=auditor, text="行政规范性文件栏目仍为空。")
    notice.refresh_from_db()
    assert notice.status_label == "已退回，待重新整改"
    client.force_login(town_admin)
    answer = client.get(reverse("admin:oversight_rectificationnotice_answer",
                                args=[notice.pk])).content.decode()
    assert "行政规范性文件栏目仍为空。" in answer
    assert "上次反馈的整改情况（已被退回）" in answer
    assert "已退回，待重新整改" in answer
    desk = client.get(reverse("admin:index")).content.decode()
    assert "已退回：行政规范性文件栏目仍为空。" in desk
    client.force_login(auditor)
    listing = client.get(reverse("admin:oversight_rectificationnotice_changelist"))
    assert "已退回，待重新整改" in listing.content.decode()
    notices.answer_notice(notice.pk, user=town_admin, text="已发布两份规范性文件。")
    notice.refresh_from_db()
    assert (notice.last_return(), notice.status_label) == (None, "已反馈，待审核")
