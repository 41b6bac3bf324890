"""The public application form: validation in Chinese, nothing typed lost, anti-abuse."""

import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from applications import antispam
from applications.models import Application
from tests.applications.factories import VALID_CREDIT_CODE, VALID_ID
from tests.factories import make_township

pytestmark = pytest.mark.django_db


def _token(question=0, age=60):
    return signing.dumps({"t": int(time.time()) - age, "q": question}, salt=antispam.SALT)


def _data(**overrides):
    data = {
        "applicant_kind": "natural", "name": "陈晓红", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "chenxh@example.com",
        "address": "清河县青石镇东街12号", "postcode": "",
        "info_title": "2024年村道硬化工程招标公告",
        "info_doc_number": "", "info_description": "东坪村至西坪村道路硬化工程的招标公告及中标结果",
        "purpose": "", "provision_form": "paper", "provision_channel": "post",
        "contact_person": "", "token": _token(), "answer": "7", "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def township():
    return make_township()


def test_form_page_has_required_marks_and_autocomplete_when_shown(client, township):
    html = client.get(reverse("applications:apply", args=[township.slug])).content.decode()
    assert "（必填）" in html
    assert 'autocomplete="tel"' in html
    assert 'autocomplete="email"' in html
    assert html.count("<h1") == 1


def test_receipt_shows_tracking_number_when_application_submitted(client, township):
    response = client.post(reverse("applications:apply", args=[township.slug]), _data(),
                           follow=True)
    app = Application.objects.get()
    assert app.tracking_number in response.content.decode()
    assert len(app.tracking_number) >= 8
    assert (app.channel, app.state, app.received_on) == ("online", "registered", None)
    assert "陈晓红" not in response.content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id_number", "110105194912310021", "身份证号码校验位不正确"),
    ("id_number", "11010519491331002X", "出生日期不正确"),
    ("phone", "1391234", "请填写11位手机号码"),
    ("answer", "9", "验证问题回答不正确"),
])
def test_bad_input_refused_in_chinese_and_input_kept_when_submitted(client, township, field,
                                                                     value, message):
    data = _data(**{field: value})
    response = client.post(reverse("applications:apply", args=[township.slug]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', html)
    assert f'href="#id_{field}"' in html
    for kept in ("陈晓红", "清河县青石镇东街12号", "东坪村至西坪村道路硬化工程的招标公告及中标结果",
                 "chenxh@example.com", value):
        assert kept in html
    assert not Application.objects.exists()


def test_id_number_checked_when_applicant_type_not_chosen(client, township):
    response = client.post(reverse("applications:apply", args=[township.slug]),
                           _data(applicant_kind="", id_number="110105194912310021"))
    html = response.content.decode()
    assert "身份证号码校验位不正确" in html
    assert "110105194912310021" in html


def test_credit_code_check_character_verified_when_organisation_applies(client, township):
    url = reverse("applications:apply", args=[township.slug])
    bad = _data(applicant_kind="commercial", id_type="credit_code",
                id_number="91350100M000100Y44", contact_person="李梅")
    assert "统一社会信用代码校验位不正确" in client.post(url, bad).content.decode()
    good = {**bad, "id_number": VALID_CREDIT_CODE}
    client.post(url, good)
    assert Application.objects.get().applicant_kind == "commercial"


def test_submission_refused_when_honeypot_filled(client, township):
    client.post(reverse("applications:apply", args=[township.slug]),
                _data(website="http://spam.example"))
    assert not Application.objects.exists()


def test_submission_refused_when_posted_instantly(client, township):
    response = client.post(reverse("applications:apply", args=[township.slug]),
                           _data(token=_token(age=0)))
    assert "页面停留时间过短" in response.content.decode()
    assert not Application.objects.exists()


def test_submission_refused_when_rate_limit_exceeded(client, township, settings):
    settings.APPLY_LIMIT_PER_HOUR = 3
    url = reverse("applications:apply", args=[township.slug])
    for _ in range(3):
        client.post(url, _data())
    response = client.post(url, _data())
    assert response.status_code == 429
    assert Application.objects.count() == 3
    html = response.content.decode()
    assert "已达上限" in html
    assert "之后再提交" in html


@pytest.mark.parametrize(("field", "limit"), [
    ("info_description", 2000), ("purpose", 500), ("name", 100), ("address", 200),
    ("info_title", 200), ("contact_person", 50),
])
def test_overlong_free_text_refused_with_a_clear_message(client, township, field, limit):
    response = client.post(reverse("applications:apply", args=[township.slug]),
                           _data(**{field: "字" * (limit + 1)}))
    html = response.content.decode()
    assert f"最多填写{limit}个字" in html
    assert f"现在为{limit + 1}个字" in html
    assert not Application.objects.exists()


def test_free_text_at_the_limit_is_accepted(client, township):
    response = client.post(reverse("applications:apply", args=[township.slug]),
                           _data(info_description="字" * 2000, purpose="用" * 500))
    assert response.status_code == 302
    assert len(Application.objects.get().info_description) == 2000


def test_a_submission_on_the_public_form_sends_no_message_from_the_visitors_request(
        client, township, settings, django_capture_on_commit_callbacks):
    # The receipt page answers it; a relay or gateway must not hold the visitor's request,
    # and the form must not make the site write to any address typed into it.
    from django.core import mail
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("applications:apply", args=[township.slug]), _data())
    assert Application.objects.count() == 1
    assert mail.outbox == []
    assert not any("status_changed" in repr(c) for c in callbacks)
