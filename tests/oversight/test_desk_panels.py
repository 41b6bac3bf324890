"""Desk panels: the township admin's notices to answer; the county's answers to review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight import notices
from oversight.models import RectificationNotice
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def desk(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {panel.key: panel for panel in response.context["desk_panels"]}


def test_township_admin_sees_notice_to_answer_and_county_sees_answer(client, county,
                                                                      auditor):
    town = make_township(county=county, name="青石镇")
    admin = make_member(township=town, role=Role.TOWNSHIP_ADMIN)
    notice = notices.send_notice(RectificationNotice(
        township=town, title="空白栏目较多", body="请补充。",
        due_on=timezone.localdate() + datetime.timedelta(days=2)), user=auditor)
    panel = desk(client, admin)["oversight-notices"]
    assert panel.count == 1
    [entry] = panel.entries
    assert entry.label == "青石镇 · 空白栏目较多"
    assert entry.url == reverse("admin:oversight_rectificationnotice_answer", args=[notice.pk])
    assert entry.urgent is True
    assert desk(client, auditor)["oversight-review"].count == 0
    notices.answer_notice(notice.pk, user=admin, text="已补充。")
    assert desk(client, admin)["oversight-notices"].count == 0
    assert desk(client, auditor)["oversight-review"].entries[0].url == reverse(
        "admin:oversight_rectificationnotice_review", args=[notice.pk])


def test_other_township_staff_get_no_oversight_panels(client, county):
    town = make_township(county=county)
    panels = desk(client, make_member(township=town, role=Role.AUTHOR))
    assert not {"oversight-notices", "oversight-review"} & set(panels)
