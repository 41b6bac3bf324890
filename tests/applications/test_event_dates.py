"""Dated events (DOMAIN.md rule 36): not in the future, not before the step they follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import transitions
from applications.models import Application
from tests.applications.factories import make_application
from tests.factories import make_township

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
TODAY = D("2026-12-06")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)


@pytest.fixture
def town():
    return make_township()


def corrected(town, clerk):
    app = make_application(township=town, received_on=D("2026-11-02"))
    transitions.request_correction(app.pk, user=clerk, notice_on=D("2026-11-04"),
                                   correct_by=D("2026-11-30"))
    return app


def test_correction_dated_in_the_future_is_refused_and_changes_nothing(town, clerk):
    app = corrected(town, clerk)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        transitions.receive_correction(app.pk, user=clerk, received_on=D("2026-12-10"))
    app.refresh_from_db()
    assert (app.state, app.clock_start, app.due_on) == ("correction", D("2026-11-02"), None)


def test_reply_before_the_restarted_clock_is_refused(town, clerk):
    app = corrected(town, clerk)
    transitions.receive_correction(app.pk, user=clerk, received_on=D("2026-11-16"))
    with pytest.raises(ValidationError, match="不能早于收到补正申请之日（2026-11-16）"):
        transitions.reply(app.pk, user=clerk, outcome="r3_1", text="予以公开。",
                          on=D("2026-11-10"))
    transitions.reply(app.pk, user=clerk, outcome="r3_1", text="予以公开。", on=D("2026-11-20"))
    with pytest.raises(ValidationError, match="不能早于答复日期"):
        transitions.archive(app.pk, user=clerk, on=D("2026-11-19"))


@pytest.mark.parametrize(("step", "kwargs", "message"), [
    ("request_correction", {"notice_on": D("2026-10-30"), "correct_by": D("2026-11-20")},
     "不能早于收到申请之日"),
    ("start_consultation", {"notice_on": D("2026-12-07")}, "不能晚于今天"),
    ("start_consultation", {"notice_on": D("2026-10-30")}, "不能早于收到申请之日"),
    ("extend", {"days": 10, "approver": "张主任", "reason": "档案多",
                "notice_on": D("2026-12-08")}, "不能晚于今天"),
])
def test_each_step_refuses_impossible_dates(town, clerk, step, kwargs, message):
    app = make_application(township=town, received_on=D("2026-11-02"))
    if step != "request_correction":
        transitions.accept(app.pk, user=clerk)
    with pytest.raises(ValidationError, match=message):
        getattr(transitions, step)(app.pk, user=clerk, **kwargs)


def test_consultation_cannot_end_before_it_started(town, clerk):
    app = make_application(township=town, received_on=D("2026-11-02"))
    transitions.accept(app.pk, user=clerk)
    transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-11-05"))
    with pytest.raises(ValidationError, match="不能早于征求意见开始日期"):
        transitions.end_consultation(app.pk, user=clerk, on=D("2026-11-04"))


def test_action_form_shows_the_rule_and_register_form_refuses_future_dates(client, town, clerk):
    app = corrected(town, clerk)
    client.force_login(clerk)
    url = reverse("admin:applications_application_act", args=[app.pk, "receive_correction"])
    html = client.post(url, {"received_on": "2026-12-10"}).content.decode()
    assert "收到补正日期（2026-12-10）不能晚于今天（2026-12-06）" in html
    count = Application.objects.count()
    response = client.post(reverse("admin:applications_application_add"), {
        "township": town.pk, "channel": "in_person", "submitted_on": "2026-12-09",
        "applicant_kind": "natural", "name": "王建国", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13800138000", "address": "和平路8号",
        "info_description": "某项目验收报告", "provision_form": "paper",
        "provision_channel": "post"})
    assert response.status_code == 200
    assert "提交或寄出日期（2026-12-09）不能晚于今天" in response.content.decode()
    assert Application.objects.count() == count
