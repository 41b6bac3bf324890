"""Rich text is cleaned on save with an allow-list."""

import pytest

from disclosure.richtext import sanitize_html
from tests.factories import make_item, make_township

IMG = "/media/richtext/town1/0123456789abcdef0123456789abcdef.png"


def test_script_tags_are_removed():
    assert "<script" not in sanitize_html("<p>正文</p><script>alert(1)</script>")


def test_event_handlers_are_removed():
    html = sanitize_html('<p onclick="steal()">正文</p>'
                         f'<img src="{IMG}" alt="示意图" onerror="x()">')
    assert "onclick" not in html
    assert "onerror" not in html
    assert 'alt="示意图"' in html


def test_javascript_urls_are_removed():
    html = sanitize_html('<p><a href="javascript:alert(1)">链接文字</a></p>')
    assert "javascript:" not in html
    assert "链接文字" in html


def test_style_and_iframe_are_removed():
    html = sanitize_html('<p style="color:red">正文</p><iframe src="https://x"></iframe>')
    assert "style=" not in html
    assert "<iframe" not in html


def test_tables_headings_lists_and_alt_are_kept():
    source = (
        "<h2>一、基本情况</h2><h3>（一）资金来源</h3><ul><li>县级补助</li></ul>"
        '<table><caption>资金表</caption><thead><tr><th scope="col">项目</th></tr></thead>'
        "<tbody><tr><td>道路硬化</td></tr></tbody></table>"
        '<p><a href="https://www.example.gov.cn/a">文件全文</a></p>'
        f'<img src="{IMG}" alt="村道硬化后的路面">'
    )
    html = sanitize_html(source)
    for fragment in ("<h2>一、基本情况</h2>", "<h3>", "<ul>", "<li>", "<table>", "<caption>",
                     '<th scope="col">', "<td>", 'href="https://www.example.gov.cn/a"',
                     'alt="村道硬化后的路面"'):
        assert fragment in html


def test_empty_editor_output_becomes_empty_string():
    assert sanitize_html("<p></p>") == ""


@pytest.mark.django_db
def test_body_is_sanitised_when_the_item_is_saved():
    item = make_item(township=make_township(),
                     body='<p>通知</p><script>alert(1)</script><a href="javascript:x()">看</a>')
    item.refresh_from_db()
    assert "<script" not in item.body
    assert "javascript:" not in item.body
    assert "<p>通知</p>" in item.body


@pytest.mark.parametrize("src", [
    "https://tracker.example.com/pixel.gif", "http://www.example.gov.cn/media/a.png",
    "//cdn.example.com/a.png", "data:image/png;base64,iVBORw0KGgo=", "/media/x.png",
    "/media/richtext/town1/../../etc/passwd", "/static/css/favicon.svg",
])
def test_images_that_are_not_platform_uploads_are_removed(src):
    html = sanitize_html(f'<p>正文<img src="{src}" alt="图"></p>')
    assert "<img" not in html
    assert "正文" in html


def test_platform_uploaded_image_is_kept():
    html = sanitize_html(f'<p><img src="{IMG}" alt="图"></p>')
    assert f'src="{IMG}"' in html
