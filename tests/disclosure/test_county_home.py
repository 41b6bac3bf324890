"""The county home as the county's 政务公开 portal (issue 26): a 要闻 / 通知公告 / 政策文件 /
政策解读 tab block from every township's catalogue columns, townships as tiles with their
latest date, and 联系我们."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import leaf_category, make_item, make_township

pytestmark = pytest.mark.django_db


def _panel(html, anchor):
    return re.search(rf'<div class="tab-panel" id="tab-{anchor}">(.*?)</div>\n', html,
                     re.S).group(1)


def test_tab_block_draws_each_list_from_its_catalogue_columns(client):
    east = make_township(name="青石镇")
    west = make_township(name="柳溪乡")
    make_item(township=east, published=True, title="青石镇防汛工作方案",
              category=leaf_category(east, "zcwj-bjwj"), published_on=datetime.date(2024, 5, 2))
    make_item(township=west, published=True, title="《柳溪乡防汛工作方案》政策解读",
              category=leaf_category(west, "zcwj-zcjd"), published_on=datetime.date(2024, 5, 3))
    make_item(township=west, published=True, title="柳溪乡停水公告",
              category=leaf_category(west, "qtxx"), published_on=datetime.date(2024, 5, 4))
    make_item(township=west, title="未发布的通知", category=leaf_category(west, "qtxx"))
    html = client.get(reverse("disclosure:county_home")).content.decode()
    headings = re.findall(r'<h3 class="tab-heading"[^>]*>(.*?)</h3>', html)
    assert headings == ["要闻", "通知公告", "政策文件", "政策解读"]
    news, notices = _panel(html, "yaowen"), _panel(html, "tzgg")
    policies, readings = _panel(html, "zcwj"), _panel(html, "zcjd")
    assert news.index("柳溪乡停水公告") < news.index("青石镇防汛工作方案")  # newest first
    assert "柳溪乡停水公告" in notices
    assert "防汛工作方案" not in notices
    assert "青石镇防汛工作方案" in policies
    assert "政策解读" not in policies
    assert "《柳溪乡防汛工作方案》政策解读" in readings
    assert "未发布的通知" not in html
    assert 'data-tabs data-tabs-label="政务公开栏目"' in html


def test_townships_are_tiles_with_their_latest_date_and_contact_is_shown(client):
    east = make_township(name="青石镇")
    make_township(name="柳溪乡")
    make_item(township=east, published=True, published_on=datetime.date(2024, 3, 1))
    make_item(township=east, published=True, published_on=datetime.date(2024, 6, 9))
    html = client.get(reverse("disclosure:county_home")).content.decode()
    tiles = re.search(r'<ul class="township-tiles">(.*?)</ul>', html, re.S).group(1)
    assert '最近更新：<time datetime="2024-06-09">2024-06-09</time>' in tiles
    assert "尚无公开信息" in tiles
    contact = re.search(r'<section class="panel home-contact".*?</section>', html, re.S).group(0)
    assert "联系我们" in contact
    assert east.county.sponsor in contact


def test_channel_entries_are_five_labelled_links_with_decorative_icons(client):
    make_township(name="青石镇")
    html = client.get(reverse("disclosure:county_home")).content.decode()
    block = re.search(r'<nav class="channel-entries" aria-label="政府信息公开专栏">(.*?)</nav>',
                      html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', block, re.S)
    labels = [re.search(r'<span class="entry-label">(.*?)</span>', body).group(1)
              for _href, body in links]
    assert labels == ["公开指南", "公开制度", "公开目录", "公开年报", "依申请公开"]
    assert [href for href, _body in links] == [
        reverse("disclosure:channel_entry", args=[kind])
        for kind in ("zhinan", "zhidu", "mulu", "nianbao", "yisqgk")]
    icons = re.findall(r"<svg[^>]*>", block)
    assert len(icons) == 5
    assert all('aria-hidden="true"' in icon and 'focusable="false"' in icon for icon in icons)
    assert "style=" not in block  # the CSP allows no inline style


@pytest.mark.parametrize(("kind", "url_name"), [
    ("zhinan", "disclosure:guide"), ("zhidu", "disclosure:system"),
    ("mulu", "disclosure:township_home"), ("nianbao", "reports:report_list"),
    ("yisqgk", "applications:apply"),
])
def test_channel_entry_page_links_every_active_township_to_its_page(client, kind, url_name):
    east = make_township(name="青石镇")
    west = make_township(name="柳溪乡")
    west.is_active = False
    west.save()
    response = client.get(reverse("disclosure:channel_entry", args=[kind]))
    assert response.status_code == 200
    html = response.content.decode()
    hrefs = re.findall(r'<li><a href="([^"]+)"><span class="tile-name">', html)
    assert hrefs == [reverse(url_name, args=[east.slug])]
    assert client.get(hrefs[0]).status_code == 200


def test_unknown_channel_entry_is_404(client):
    assert client.get(reverse("disclosure:channel_entry", args=["nosuch"])).status_code == 404
