"""The public 找错 form: reachable from every page, prefilled with the page, the same
anti-abuse as the application form, and the report routed to the page's township."""

import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from feedback.models import ErrorReport
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db

URL = "/zhaocuo/"


def _token(question=0, age=60, salt="feedback.report"):
    return signing.dumps({"t": int(time.time()) - age, "q": question}, salt=salt)


def _data(**overrides):
    data = {"page_url": "/", "page_title": "", "kind": "typo",
            "description": "首页最新信息第三条标题多了一个字。", "contact_name": "",
            "contact_phone": "", "contact_email": "", "token": _token(), "answer": "7",
            "website": ""}
    data.update(overrides)
    return data


@pytest.fixture
def township():
    return make_township(name="青石镇")


def test_every_page_footer_links_the_form_with_that_page(client, township):
    item = make_item(township=township, published=True, title="关于秋季防火的通知")
    for url in ("/", township.get_absolute_url(), item.get_absolute_url(), "/no-such-page/"):
        html = client.get(url).content.decode()
        link = re.search(r'href="(/zhaocuo/\?page=[^"]+)"', html)
        assert link, url
        assert link.group(1).startswith(f"/zhaocuo/?page={url.replace('/', '%2F')}")
    form = client.get(re.search(r'href="(/zhaocuo/\?[^"]+)"', client.get(
        item.get_absolute_url()).content.decode()).group(1).replace("&amp;", "&"))
    html = form.content.decode()
    assert f'value="{item.get_absolute_url()}"' in html
    assert "您要报告的页面：<strong>关于秋季防火的通知 - 青石镇</strong>" in html


def test_link_to_another_site_leaves_page_field_empty(client):
    response = client.get(URL, {"page": "https://evil.example/x", "title": "钓鱼"})
    form = response.context["form"]
    assert form["page_url"].value() == ""
    assert form["page_title"].value() == ""
    assert "您要报告的页面" not in response.content.decode()


def test_report_on_township_page_reaches_that_township_with_deadline(client, township):
    page = f"http://testserver/xxgk/{township.slug}/zhinan/"
    response = client.post(URL, _data(page_url=page, page_title="政府信息公开指南 - 青石镇",
                                       contact_phone="13900001111"), follow=True)
    report = ErrorReport.objects.get()
    assert report.township == township
    assert report.page_url == f"/xxgk/{township.slug}/zhinan/"
    assert report.due_on is not None
    assert report.status == "open"
    html = response.content.decode()
    assert report.reference in html
    assert township.full_name in html
    assert "13900001111" not in html


def test_report_on_county_page_belongs_to_no_township(client, township):
    client.post(URL, _data(page_url="/wzdt/"))
    assert ErrorReport.objects.get().township is None


def test_empty_form_shows_error_summary_and_saves_nothing(client):
    response = client.post(URL, _data(page_url="", description="", kind=""))
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert "此项为必填项" in html
    assert ErrorReport.objects.count() == 0


@pytest.mark.parametrize(("overrides", "message"), [
    ({"page_url": "https://other.example/page"}, "请填写本网站页面的网址"),
    ({"answer": "9"}, "验证问题回答不正确"),
    ({"token": {"age": 0}}, "页面停留时间过短"),
    ({"token": {"salt": "applications.form"}}, "页面停留时间过短或已过期"),
    ({"contact_phone": "call me"}, "电话号码格式不正确"),
    ({"description": "错"}, "请把问题写得具体一些"),
])
def test_bad_input_gets_chinese_message_and_saves_nothing(client, overrides, message):
    if "token" in overrides:
        overrides = {"token": _token(**overrides["token"])}
    html = client.post(URL, _data(**overrides)).content.decode()
    assert message in html
    assert ErrorReport.objects.count() == 0


def test_honeypot_filled_saves_nothing(client):
    client.post(URL, _data(website="http://spam.example"))
    assert ErrorReport.objects.count() == 0


def test_sixth_report_within_an_hour_is_refused(client):
    for _ in range(5):
        client.post(URL, _data())
    response = client.post(URL, _data())
    assert response.status_code == 429
    assert ErrorReport.objects.count() == 5


def test_confirmation_needs_the_session_that_submitted(client, township):
    client.post(URL, _data())
    assert client.get(reverse("feedback:thanks")).status_code == 200
    client.logout()
    assert client.get(reverse("feedback:thanks")).status_code == 404


def test_form_fields_have_labels_required_marks_and_autocomplete(client):
    html = client.get(URL).content.decode()
    marks = re.findall(r"（必填）</(label|legend)>", html)
    assert len(marks) == 4  # page, kind, description, answer
    assert 'autocomplete="tel"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="name"' in html
    assert html.count("<h1") == 1
