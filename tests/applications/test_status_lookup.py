"""Tracking lookup: number + phone show the state and due date, and nothing else."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.applications.factories import make_application
from tests.factories import make_township

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    return make_application(township=make_township(),
                            received_on=datetime.date(2024, 3, 20), name="赵丽娟")


def _lookup(client, app, number, phone):
    url = reverse("applications:status", args=[app.township.slug])
    return client.post(url, {"tracking_number": number, "phone": phone}).content.decode()


def test_state_and_due_date_shown_when_number_and_phone_match(client, app):
    html = _lookup(client, app, app.tracking_number.lower(), "+86 138-0013-8000")
    assert "登记" in html
    assert "2024年4月18日" in html
    for private in ("赵丽娟", "11010519491231002X", "高标准农田", "和平路"):
        assert private not in html


def test_wrong_phone_reveals_nothing_when_number_exists(client, app):
    wrong_phone = _lookup(client, app, app.tracking_number, "13900000000")
    unknown = _lookup(client, app, "ZZZZZZZZZZ", "13900000000")
    assert "未找到" in wrong_phone
    assert "2024年4月18日" not in wrong_phone
    assert "登记" not in wrong_phone.split("<main")[1].split("<form")[0].split("<h1")[1]
    strip = [app.tracking_number, "ZZZZZZZZZZ"]
    for s in strip:
        wrong_phone, unknown = wrong_phone.replace(s, ""), unknown.replace(s, "")
    def body(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.split("<main")[1])

    assert body(wrong_phone) == body(unknown)


def test_other_township_cannot_find_application_when_number_right(client, app):
    other = make_township()
    url = reverse("applications:status", args=[other.slug])
    html = client.post(url, {"tracking_number": app.tracking_number,
                             "phone": "13800138000"}).content.decode()
    assert "未找到" in html


def test_lookups_refused_when_one_address_guesses_too_often(client, app):
    from applications import antispam

    for _ in range(antispam.LOOKUP_RATE_LIMIT):
        _lookup(client, app, "ZZZZZZZZZZ", "13900000000")
    html = _lookup(client, app, app.tracking_number, "13800138000")
    assert "查询过于频繁" in html
    assert "2024年4月18日" not in html
