"""纯文本 (text-only) mode: switched by links without JavaScript (a cookie, like 关怀版), it
marks the page and loads its stylesheet; it joins the page-cache key, apart from 关怀版 and
combined with it."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}


def test_header_and_toolbar_offer_the_text_mode_link():
    html = Client().get("/").content.decode()
    assert "mode-text" not in html
    assert html.count('href="/chunwenben/?next=/"') == 2  # the utility links and the toolbar
    assert "text-mode" not in html  # the stylesheet only in the mode


def test_the_link_sets_the_mode_and_returns_to_the_page():
    item = make_item(township=make_township(), published=True)
    client = Client()
    response = client.get("/chunwenben/", {"next": item.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert response.cookies["text_mode"]["httponly"]
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<html lang="zh-CN" class="mode-text' in html
    assert "css/text-mode" in html
    assert ">退出纯文本</a>" in html
    client.get("/chunwenben/tuichu/", {"next": "/"})
    assert "mode-text" not in client.get(item.get_absolute_url()).content.decode()


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x"])
def test_the_switch_never_leaves_the_site(target):
    assert Client().get("/chunwenben/", {"next": target})["Location"] == "/"


def test_text_mode_combines_with_care_mode():
    client = Client()
    client.cookies["care_mode"] = "1"
    client.cookies["text_mode"] = "1"
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN" class="mode-care mode-text' in html
    assert ">返回标准版</a>" in html
    assert ">退出纯文本</a>" in html


def test_the_page_cache_keeps_every_mode_combination_apart(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    url = make_item(township=make_township(), published=True).get_absolute_url()
    classes = {}
    for care in ("", "1"):
        for text in ("", "1"):
            client = Client()
            if care:
                client.cookies["care_mode"] = care
            if text:
                client.cookies["text_mode"] = text
            first, second = client.get(url, **BROWSER), client.get(url, **BROWSER)
            assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
            html = second.content.decode()
            classes[(care, text)] = ("mode-care" in html, "mode-text" in html)
    assert classes == {("", ""): (False, False), ("", "1"): (False, True),
                       ("1", ""): (True, False), ("1", "1"): (True, True)}
