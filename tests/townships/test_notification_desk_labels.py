"""The desk's notification-failure panels as people read them: a long subject is shortened
with an ellipsis (not cut mid-word), and the county's panel is not called 本乡镇."""

import pytest

from tests.factories import make_member, make_township
from townships.models import NotificationFailure, Role

pytestmark = pytest.mark.django_db

SUBJECT = "【督促整改】青石镇：县里下发督促整改通知“政策文件栏目超过6个月未更新”"


def _failure(township, recipient):
    return NotificationFailure.objects.create(
        township=township, recipient=recipient, channel=NotificationFailure.Channel.NO_ADDRESS,
        kind="rectification", subject=SUBJECT, error="该工作人员没有登记电子邮箱。")


def test_a_long_subject_is_shortened_with_an_ellipsis(client):
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    _failure(township, user)
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    # Django's zh-hans ellipsis is "..." (the ellipsis counts in the 30 characters).
    assert f"{SUBJECT[:27]}...</a>" in page
    assert SUBJECT[:30] not in page


def test_the_county_admin_sees_the_whole_countys_failures_under_a_county_title(client):
    township = make_township()
    _failure(township, make_member(township=township, role=Role.AUTHOR))
    county_admin = make_member(role=Role.COUNTY_ADMIN, county=township.county)
    client.force_login(county_admin)
    page = client.get("/admin/").content.decode()
    assert "通知发送失败（全县）" in page
    assert "通知发送失败（本乡镇）" not in page
    township_admin = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    client.force_login(township_admin)
    assert "通知发送失败（本乡镇）" in client.get("/admin/").content.decode()
