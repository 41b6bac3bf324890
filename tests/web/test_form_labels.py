"""Every field of every public form has a Chinese label, so an error summary never reads
"Page：输入整数。" (issue 26); a bad page number in a link is page 1, not an error; a form
sent without its hidden token gets a Chinese message on the question, not on a hidden field."""

import re

import pytest
from django.urls import reverse

from applications.forms import ApplicationForm, StatusForm
from feedback.forms import ErrorReportForm
from feedback.lookup import LookupForm
from search.forms import SearchForm
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
PUBLIC_FORMS = [SearchForm, ErrorReportForm, LookupForm, ApplicationForm, StatusForm]


@pytest.mark.parametrize("form_class", PUBLIC_FORMS, ids=lambda f: f.__name__)
def test_every_field_of_a_public_form_has_a_chinese_label(form_class):
    make_township(name="青石镇")
    form = form_class()
    unlabelled = [bf.name for bf in form if not CJK.search(str(bf.label))]
    assert unlabelled == []


@pytest.mark.parametrize("page", ["abc", "0", "-3", "1.5", "９"])
def test_a_bad_page_number_in_the_search_link_is_the_first_page(client, page):
    township = make_township(name="青石镇")
    make_item(township=township, published=True, title="关于秋季防火的通知")
    response = client.get(reverse("search:results"), {"q": "防火", "page": page})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' not in html
    assert "Page" not in html
    assert response.context["results"].page == 1


def test_error_report_without_its_token_is_told_in_chinese(client):
    make_township(name="青石镇")
    html = client.post(reverse("feedback:report"), {
        "page_url": "/", "kind": "typo", "description": "首页标题多了一个字。", "answer": "7",
    }).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "页面停留时间过短或已过期" in summary
    assert "Token" not in html
    for label in re.findall(r'<a href="#[^"]+">([^：<]+)：', summary):
        assert CJK.search(label), label
