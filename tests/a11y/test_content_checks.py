import pytest
from django.contrib import admin as django_admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from disclosure.admin import DisclosureItemAdmin
from disclosure.content_checks import blocking_content_problems, check_html
from tests.factories import make_item, make_member, make_township
from townships.models import Role

IMG = "/media/richtext/town1/0123456789abcdef0123456789abcdef.png"


def codes(html):
    return [finding.code for finding in check_html(html)]


def test_flags_image_when_alt_missing():
    assert codes('<p><img src="/m/a.jpg"></p>') == ["img-no-alt"]


@pytest.mark.parametrize("alt", ["IMG_0012.jpg", "照片1", "image2", "会议_现场"])
def test_flags_alt_when_it_looks_like_a_file_name(alt):
    assert codes(f'<img src="a.jpg" alt="{alt}">') == ["img-alt-filename"]


def test_accepts_descriptive_alt_and_decorative_empty_alt():
    assert codes('<img src="a.jpg" alt="村民代表在会议室举手表决"><img src="b.png" alt="">') == []


def test_flags_skipped_heading_level_when_h2_jumps_to_h4():
    assert codes("<h2>一、概述</h2><h4>细则</h4>") == ["heading-order"]


def test_accepts_heading_levels_when_in_order():
    assert codes("<h2>一</h2><h3>（一）</h3><h3>（二）</h3><h2>二</h2>") == []


@pytest.mark.parametrize("inner", ["", "   ", "\u3000\u3000", "&nbsp;", "\u00a0 \u3000"])
def test_flags_empty_heading_when_only_spaces(inner):
    assert codes(f"<h2>{inner}</h2>") == ["empty-heading"]


def test_flags_table_when_no_header_cells():
    assert codes("<table><tr><td>甲</td><td>1</td></tr></table>") == ["table-no-header"]


def test_accepts_table_when_header_cells_present():
    html = '<table><tr><th scope="col">项目</th></tr><tr><td>1</td></tr></table>'
    assert codes(html) == []


@pytest.mark.parametrize("text", ["点击这里", "这里", "更多", "详见附件", ">>", "点此", " 更多 "])
def test_flags_link_when_text_is_deny_listed(text):
    assert codes(f'<p><a href="/x">{text}</a></p>') == ["link-text"]


def test_accepts_link_when_text_names_the_target():
    assert codes('<a href="/x">2024年财政预算公开表</a>') == []


def test_messages_are_chinese():
    finding = check_html("<h2>\u3000</h2>")[0]
    assert "空标题" in finding.message


@pytest.mark.django_db
def test_blocking_problems_list_each_problem_when_item_body_is_bad():
    township = make_township()
    item = make_item(township=township, body=f'<h2>概述</h2><h4>细则</h4><p><img src="{IMG}"></p>')
    problems = blocking_content_problems(item)
    assert len(problems) == 2
    assert any("跳级" in p for p in problems)
    assert any("替代文本" in p for p in problems)


@pytest.mark.django_db
def test_admin_save_shows_warning_when_body_has_problems():
    township = make_township()
    item = make_item(township=township, body="<p>正文</p>")
    user = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = DisclosureItemAdmin(type(item), django_admin.site)
    item.body = '<p><a href="/f">点击这里</a></p>'
    model_admin.save_model(request, item, form=None, change=True)
    texts = [str(m) for m in request._messages]
    assert len(texts) == 1
    assert "点击这里" in texts[0]
