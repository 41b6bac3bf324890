"""The public site as a county portal: header with search, navigation with the current
section marked, footer by the conventions, 网站地图, and the government-style item page."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from tests.factories import leaf_category, make_county, make_item, make_township
from townships.selectors import forget_current_county

pytestmark = pytest.mark.django_db


def png(name="mark.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (200, 0, 0)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def township():
    return make_township(name="青石镇")


def test_header_search_searches_the_county_on_county_pages(client, township):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="search-box".*?</form>', html, re.S).group(0)
    assert 'action="/search/"' in form
    assert 'method="get"' in form
    assert 'name="q"' in form
    assert '<label class="search-label" for="search-q">' in form
    assert 'name="township"' not in form


def test_header_search_on_township_page_is_scoped_with_a_switch_to_the_county(client, township):
    form = re.search(r'<form class="search-box".*?</form>',
                     client.get(township.get_absolute_url()).content.decode(), re.S).group(0)
    assert f'<option value="{township.slug}" selected>' in form
    assert '<option value="">全县</option>' in form
    assert '<label class="search-scope-label" for="search-scope">' in form


def test_navigation_marks_current_section(client, township):
    item = make_item(township=township, published=True)
    guide = client.get(reverse("disclosure:guide", args=[township.slug])).content.decode()
    assert re.search(r'href="/xxgk/[^"]+/zhinan/" aria-current="page"', guide)
    page = client.get(item.get_absolute_url()).content.decode()
    nav = page.split('aria-label="主导航"')[1].split("</nav>")[0]
    assert re.search(rf'href="/xxgk/{township.slug}/" aria-current="true"', nav)


def test_footer_carries_the_inspection_items_and_no_unconfigured_mark(client, township):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    county = township.county
    assert f"主办单位：{county.sponsor}" in footer
    assert f"网站标识码：{county.site_id_code}" in footer
    assert 'href="https://beian.miit.gov.cn/"' in footer
    assert f"webSearch?code={county.police_record_code}" in footer
    assert f"siteCode={county.site_id_code}" in footer  # 我为政府网站找错 (national)
    for link in ("网站地图", "政府网站找错", "无障碍声明"):
        assert link in footer
    assert "党政机关网站标识" not in footer  # not configured: nothing drawn
    assert "承办单位" not in footer
    assert 'class="badge-mark"' not in html


def test_configured_marks_show_their_images_and_links(client, township):
    county = make_county()
    county.organizer = "清河县政务服务和大数据管理局"
    county.organizer_phone = "0000-6210088"
    county.gov_mark_image = png()
    county.gov_mark_url = "https://bszs.conac.cn/sitename?method=show&id=ABC"
    county.police_badge_image = png("police.png")
    county.emblem_image = png("emblem.png")
    county.emblem_alt = "县徽"
    county.save()
    forget_current_county()
    html = client.get(township.get_absolute_url()).content.decode()
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC"' in html
    assert 'alt="党政机关网站标识（查看证书）"' in html
    assert county.police_badge_image_url.replace("&", "&amp;") in html
    assert "承办单位：清河县政务服务和大数据管理局" in html
    assert 'alt="县徽"' in html
    assert client.get(county.gov_mark_image_url).status_code == 200


def test_site_map_lists_every_channel_and_catalogue_node(client, township):
    other = make_township(name="柳湾镇")
    html = client.get(reverse("disclosure:site_map")).content.decode()
    for place in (township, other):
        for category in place.categories.all() if hasattr(place, "categories") else []:
            assert reverse("disclosure:category_detail", args=[place.slug, category.pk]) in html
        for name in ("township_home", "guide", "system", "township_latest"):
            assert reverse(f"disclosure:{name}", args=[place.slug]) in html
    from disclosure.models import Category

    for category in Category.objects.filter(township__in=[township, other]):
        assert f'/xxgk/{category.township.slug}/mulu/{category.pk}/"' in html
    assert reverse("feedback:report") in html
    assert reverse("site_pages:accessibility_statement") in html
    assert html.count("<h1") == 1


def test_item_page_has_centred_title_tools_metadata_grid_and_signature(client, township):
    item = make_item(township=township, published=True, doc_type="normative",
                     doc_number="青政发〔2024〕3号", validity="valid",
                     body="<p>各村（社区）：</p><p>现印发给你们，请认真贯彻执行。</p>")
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<h1 class="doc-heading">' in html
    assert 'href="#zihao-da"' in html
    assert 'data-print' in html
    assert "关闭" in html
    assert '<dl class="meta-grid">' in html
    assert '<div class="signature">' in html
    assert f"{item.written_on:%Y}年{item.written_on.month}月{item.written_on.day}日" in html
    assert 'media="print"' in html


def test_signature_left_out_when_body_already_ends_with_it(township):
    item = make_item(township=township, doc_type="normative", doc_number="青政发〔2024〕4号",
                     validity="valid",
                     body=f"<p>正文。</p><p>{township.full_name}</p><p>2024年3月1日</p>")
    assert item.signature is None
    plain = make_item(township=township, body="<p>一般信息。</p>")
    assert plain.signature is None


def test_rich_text_tables_scroll_in_labelled_focusable_regions():
    html = ("<table><caption>任务表</caption><tr><td>1</td></tr></table>"
            "<table><caption>任务表</caption><tr><td>2</td></tr></table>"
            "<table><tr><td>3</td></tr></table>")
    out = Template("{% load portal %}{{ body|wrap_tables }}").render(Context({"body": html}))
    regions = re.findall(r'<div class="table-scroll" role="region" tabindex="0" '
                         r'aria-label="([^"]+)">', out)
    assert regions == ["任务表", "任务表（2）", "正文表格"]
    assert out.count('<p class="table-hint">') == 3


def test_category_page_puts_content_before_the_catalogue(client, township):
    category = leaf_category(township)
    html = client.get(reverse("disclosure:category_detail",
                              args=[township.slug, category.pk])).content.decode()
    assert html.index("<h1") < html.index('<details class="side-panel"')
