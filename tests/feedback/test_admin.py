"""Staff answer 找错 reports in the back office, scoped by township; county pages go to the
county admin; the desk shows what waits, earliest deadline first."""

import pytest
from django.urls import reverse

from feedback.models import ErrorReport
from tests.factories import make_county, make_member, make_township
from tests.feedback.factories import make_report, shanghai
from townships.models import Role

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:feedback_errorreport_changelist"


def change_url(report):
    return reverse("admin:feedback_errorreport_change", args=[report.pk])


@pytest.fixture
def world():
    county = make_county()
    ours, theirs = make_township(county=county), make_township(county=county)
    return {
        "ours": make_report(township=ours, contact_phone="13912345678",
                            description="公开指南里的电话打不通。"),
        "theirs": make_report(township=theirs, description="年报附件打不开。"),
        "county": make_report(description="网站地图链接太密。"),
        "editor": make_member(township=ours, role=Role.PUBLISHER),
        "auditor": make_member(role=Role.COUNTY_AUDITOR, county=county),
        "county_admin": make_member(role=Role.COUNTY_ADMIN, county=county),
    }


def test_township_editor_lists_only_own_township_with_masked_contact(client, world):
    client.force_login(world["editor"])
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "公开指南里的电话" in html or world["ours"].reference in html
    assert world["theirs"].reference not in html
    assert world["county"].reference not in html
    assert "139****5678" in html
    assert "13912345678" not in html


def test_other_township_and_county_reports_answer_404_for_township_editor(client, world):
    client.force_login(world["editor"])
    assert client.get(change_url(world["theirs"])).status_code == 404
    assert client.get(change_url(world["county"])).status_code == 404


def test_editor_answers_own_report_and_it_is_recorded(client, world):
    client.force_login(world["editor"])
    response = client.post(change_url(world["ours"]),
                           {"status": "answered", "answer": "电话已更正为0000-6231001。"})
    assert response.status_code == 302
    report = ErrorReport.objects.get(pk=world["ours"].pk)
    assert report.status == "answered"
    assert report.answered_by == world["editor"]
    assert report.answered_at is not None


def test_answer_without_text_is_refused_in_chinese(client, world):
    client.force_login(world["editor"])
    html = client.post(change_url(world["ours"]), {"status": "closed", "answer": " "}
                       ).content.decode()
    assert "请填写答复内容" in html
    assert ErrorReport.objects.get(pk=world["ours"].pk).status == "open"


def test_answered_report_cannot_be_changed_again(client, world):
    report = world["ours"]
    report.resolve(status="answered", answer="已改正。", user=world["editor"])
    report.save()
    client.force_login(world["editor"])
    client.post(change_url(report), {"status": "closed", "answer": "改成关闭"})
    assert ErrorReport.objects.get(pk=report.pk).answer == "已改正。"


def test_county_auditor_reads_everything_and_answers_nothing(client, world):
    client.force_login(world["auditor"])
    html = client.get(reverse(CHANGELIST)).content.decode()
    for key in ("ours", "theirs", "county"):
        assert world[key].reference in html
    client.post(change_url(world["county"]), {"status": "answered", "answer": "好的"})
    assert ErrorReport.objects.get(pk=world["county"].pk).status == "open"


def test_contact_in_full_only_for_who_answers_the_report(client, world):
    report = world["ours"]
    report.contact_name, report.contact_email = "陈晓红", "chenxh@example.com"
    report.save()
    client.force_login(world["editor"])  # answers it: must be able to call back
    html = client.get(change_url(report)).content.decode()
    for shown in ("13912345678", "chenxh@example.com", "陈晓红"):
        assert shown in html
    client.force_login(world["auditor"])  # reads it: masked
    html = client.get(change_url(report)).content.decode()
    for shown in ("139****5678", "ch***@example.com", "陈**"):
        assert shown in html
    for hidden in ("13912345678", "chenxh@", "陈晓红"):
        assert hidden not in html


def test_county_admin_answers_county_page_reports(client, world):
    client.force_login(world["county_admin"])
    client.post(change_url(world["county"]), {"status": "answered", "answer": "已调整行距。"})
    assert ErrorReport.objects.get(pk=world["county"].pk).status == "answered"


def test_nobody_adds_reports_in_the_back_office(client, world):
    client.force_login(world["county_admin"])
    assert client.get(reverse("admin:feedback_errorreport_add")).status_code == 403


def desk_panel(client, user):
    client.force_login(user)
    panels = client.get(reverse("admin:index")).context["desk_panels"]
    return next((p for p in panels if p.key == "feedback-open"), None)


def test_desk_shows_open_reports_with_overdue_first(client, world):
    township = world["ours"].township
    make_report(township=township, received=shanghai(2025, 9, 1), description="过期的找错。")
    panel = desk_panel(client, world["editor"])
    assert panel.count == 2
    assert "已超期" in panel.entries[0].note
    assert panel.entries[0].urgent
    assert "答复期限" in panel.entries[1].note


def test_desk_gives_county_admin_the_county_page_reports(client, world):
    panel = desk_panel(client, world["county_admin"])
    assert panel.count == 1
    assert world["county"].reference in panel.entries[0].label
    assert desk_panel(client, world["auditor"]) is None
