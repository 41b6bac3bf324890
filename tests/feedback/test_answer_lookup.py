"""The public 找错 answer lookup (issue 26): 受理编号 + 查询码 show the status and the public
answer, never the reporter's contact or description; failed lookups share the application
lookup's hourly budget."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from feedback.models import QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH, ErrorReport
from tests.factories import make_member, make_township
from tests.feedback.factories import make_report
from tests.feedback.test_public_form import URL, _data
from townships.models import Role

pytestmark = pytest.mark.django_db
LOOKUP = "/zhaocuo/chaxun/"
SECRET_DESCRIPTION = "我是张三，住青石镇石桥村5组，第二段日期写错了。"


@pytest.fixture
def answered():
    township = make_township(name="青石镇")
    report = make_report(township=township, description=SECRET_DESCRIPTION,
                         contact_name="张三", contact_phone="13900001111",
                         contact_email="zhangsan@example.com")
    report.resolve(status=ErrorReport.Status.ANSWERED, answer="已将日期改为三月五日，感谢指正。",
                   user=make_member(township=township, role=Role.PUBLISHER))
    report.save()
    return report


def test_each_report_gets_its_own_query_code_and_the_receipt_shows_it(client):
    make_township(name="青石镇")
    html = client.post(URL, _data(), follow=True).content.decode()
    report = ErrorReport.objects.get()
    assert len(report.query_code) == QUERY_CODE_LENGTH
    assert set(report.query_code) <= set(QUERY_CODE_ALPHABET)
    assert f'<strong class="reference">{report.query_code}</strong>' in html
    assert f'href="{reverse("feedback:answer_lookup")}"' in html
    codes = {make_report(description="另一处错字。").query_code for _ in range(5)}
    assert len(codes | {report.query_code}) == 6


def test_reference_and_code_show_status_and_answer_but_no_personal_data(client, answered):
    response = client.post(LOOKUP, {"reference": answered.reference.lower(),
                                    "query_code": f" {answered.query_code.lower()} "})
    html = response.content.decode()
    assert response.status_code == 200
    result = re.search(r'<section aria-labelledby="result-heading".*?</section>', html,
                       re.S).group(0)
    assert "<dd>已答复</dd>" in result
    assert "已将日期改为三月五日，感谢指正。" in result
    assert answered.township.full_name in result
    for private in ("张三", "13900001111", "zhangsan", "139****1111", "石桥村"):
        assert private not in html


def test_open_report_shows_its_deadline_and_no_answer(client):
    report = make_report(description="附件打不开。")
    html = client.post(LOOKUP, {"reference": report.reference,
                                "query_code": report.query_code}).content.decode()
    assert "<dd>待答复</dd>" in html
    assert "答复期限" in html
    assert "<dt>答复内容</dt>" not in html


@pytest.mark.parametrize("wrong", ["code", "reference"])
def test_a_wrong_code_or_reference_finds_nothing(client, answered, wrong):
    data = {"reference": answered.reference, "query_code": answered.query_code}
    if wrong == "code":
        data["query_code"] = "23456789AB"
    else:
        day, number = answered.reference[2:].split("-")
        data["reference"] = f"ZC{int(day) - 1}-{number}"  # the right row, another day
    html = client.post(LOOKUP, data).content.decode()
    assert "未找到与受理编号和查询码相符的找错报告" in html
    assert "已将日期改为三月五日" not in html


def test_bad_input_gets_chinese_messages(client):
    html = client.post(LOOKUP, {"reference": "12345", "query_code": ""}).content.decode()
    assert "受理编号格式不正确" in html
    assert "此项为必填项" in html
    assert 'aria-invalid="true"' in html


def test_failed_lookups_are_limited_per_hour_like_the_application_lookup(client, answered):
    limit = settings.LOOKUP_FAILURE_LIMIT_PER_HOUR
    for _ in range(limit):
        assert client.post(LOOKUP, {"reference": answered.reference,
                                    "query_code": "WRONGCODE2"}).status_code == 200
    response = client.post(LOOKUP, {"reference": answered.reference,
                                    "query_code": answered.query_code})
    assert response.status_code == 429
    assert "已将日期改为三月五日" not in response.content.decode()


def test_lookup_page_is_linked_from_the_report_form(client):
    assert f'href="{reverse("feedback:answer_lookup")}"' in client.get(URL).content.decode()
    assert client.get(LOOKUP).status_code == 200
