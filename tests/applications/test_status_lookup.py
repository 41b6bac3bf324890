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
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.split("<main")[1])
        return re.sub(r"/visits/hit/\?t=[^\"]+", "", html)  # one-use beacon token

    assert body(wrong_phone) == body(unknown)


def test_other_township_cannot_find_application_when_number_right(client, app):
    other = make_township()
    url = reverse("applications:status", args=[other.slug])
    html = client.post(url, {"tracking_number": app.tracking_number,
                             "phone": "13800138000"}).content.decode()
    assert "未找到" in html


def test_lookups_refused_when_one_address_guesses_too_often(client, app, settings):
    for _ in range(settings.LOOKUP_FAILURE_LIMIT_PER_HOUR):
        _lookup(client, app, "ZZZZZZZZZZ", "13900000000")
    html = _lookup(client, app, app.tracking_number, "13800138000")
    assert "查询失败次数过多" in html
    assert "2024年4月18日" not in html


def test_replied_case_shows_reply_date_not_the_state_twice(client, app):
    from applications.models import OUTCOME_CHOICES
    type(app).objects.filter(pk=app.pk).update(state="replied", outcome=OUTCOME_CHOICES[0][0],
                                               replied_on=datetime.date(2024, 4, 10))
    html = _lookup(client, app, app.tracking_number, "13800138000")
    result = html.split('id="result-heading"')[1].split("</dl>")[0]
    assert "已于2024年4月10日答复" in result
    assert result.count("<dd>已答复</dd>") == 1  # 办理状态 only, not repeated under 答复期限
