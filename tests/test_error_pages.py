"""Visitors meet the product's own error pages, never Django's technical ones."""

import pytest
from django.test import RequestFactory

from site_pages.errors import server_error
from tests.factories import make_township

pytestmark = pytest.mark.django_db


def test_not_found_page_has_site_header_footer_and_way_home(client, settings):
    settings.DEBUG = False
    make_township()
    response = client.get("/xxgk/no-such-township/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert "返回首页" in html
    assert "Page not found" not in html
    # A search of its own and the main entries (issue 26).
    assert '<input type="search" id="notfound-q" name="q"' in html
    assert "常用入口" in html
    assert "最新公开信息" in html


def test_server_error_page_needs_no_database_and_speaks_chinese():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务暂时不可用" in html
    assert "/static/css/site.css" in html
    assert 'lang="zh-CN"' in html
