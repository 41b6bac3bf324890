import re

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_item, make_township


@pytest.mark.django_db
def test_header_offers_care_link_when_standard_mode():
    html = Client().get("/").content.decode()
    assert "mode-care" not in html
    assert ">关怀版</a>" in html


@pytest.mark.django_db
def test_care_link_sets_cookie_and_returns_to_page_when_followed():
    township = make_township()
    item = make_item(township=township, published=True)
    client = Client()
    response = client.get("/guanhuai/", {"next": item.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<html lang="zh-CN" class="mode-care' in html
    assert ">返回标准版</a>" in html


@pytest.mark.django_db
def test_leaving_care_mode_clears_cookie_when_back_to_standard():
    client = Client()
    client.get("/guanhuai/", {"next": "/"})
    client.get("/guanhuai/tuichu/", {"next": "/"})
    assert "mode-care" not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x"])
def test_redirects_home_when_next_is_off_site(target):
    response = Client().get("/guanhuai/", {"next": target})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_html_varies_on_cookie_when_mode_changes_markup():
    response = Client().get("/")
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/wuzhangai/shengming/", "/wuzhangai/bangzhu/"])
def test_accessibility_pages_render_with_one_h1(url):
    html = Client().get(url).content.decode()
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_statement_states_target_date_issues_and_contact():
    html = Client().get("/wuzhangai/shengming/").content.decode()
    for text in ("WCAG", "最近评估日期", "已知问题", "其他格式", "联系电话"):
        assert text in html


@pytest.mark.django_db
def test_every_footer_links_statement():
    township = make_township()
    for url in ("/", township.get_absolute_url(), "/no-such-page/"):
        assert 'href="/wuzhangai/shengming/"' in Client().get(url).content.decode()


@pytest.mark.django_db
def test_help_page_lists_every_toolbar_shortcut():
    script = (settings.BASE_DIR / "static/js/a11y-toolbar.js").read_text()
    block = re.search(r"const SHORTCUTS = \{(.*?)\};", script, re.S).group(1)
    names = {"Equal": "=", "Minus": "-"}
    keys = [names.get(code) or code[-1] for code in re.findall(r"(\w+): \"", block)]
    html = Client().get("/wuzhangai/bangzhu/").content.decode()
    assert len(keys) == 11
    for key in keys:
        assert f"<kbd>Alt + Shift + {key}</kbd>" in html
