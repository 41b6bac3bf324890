import re

import pytest
from django.test import Client

from tests.factories import make_item, make_member, make_township
from townships.models import Role
from visits import store
from visits.models import VisitCounter
from visits.rules import is_bot, mint_token, read_token

BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@pytest.fixture(autouse=True)
def _database_store(settings):
    settings.VISITS_REDIS_URL = ""
    settings.REDIS_URL = ""


def beacon_url(html: str) -> str:
    return re.search(r'data-hit-url="([^"]+)"', html).group(1).replace("&amp;", "&")


def count(key):
    return store.count_for(key)


@pytest.mark.parametrize("ua", [
    "Mozilla/5.0 (compatible; Baiduspider/2.0)", "Googlebot/2.1", "Sogou web spider/4.0",
    "Mozilla/5.0 (compatible; Yahoo! Slurp)", "curl/8.0", "", "SomeCrawler 1.0",
])
def test_is_bot_when_user_agent_declares_it(ua):
    assert is_bot(ua)


def test_is_not_bot_when_ordinary_browser():
    assert not is_bot(BROWSER_UA)


def test_read_token_rejects_tampered_token():
    token = mint_token(["item:1"], "/x/")
    assert read_token(token)["keys"] == ["item:1"]
    assert read_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None


@pytest.mark.django_db
def test_item_view_counts_item_and_site_when_visitor_beacon_fires():
    township = make_township()
    item = make_item(township=township, published=True)
    client = Client(HTTP_USER_AGENT=BROWSER_UA)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "访问量：" in page
    assert client.post(beacon_url(page)).status_code == 200
    second = client.get(item.get_absolute_url()).content.decode()
    assert client.get(beacon_url(second))["Content-Type"] == "image/gif"  # <noscript> fallback
    assert count(f"item:{item.pk}") == 2
    assert count("site") == 2
    shown = client.get(item.get_absolute_url()).content.decode()
    assert '<span class="visit-number">2</span>' in shown


@pytest.mark.django_db
def test_township_home_counts_township_key_when_visited():
    township = make_township()
    client = Client(HTTP_USER_AGENT=BROWSER_UA)
    page = client.get(township.get_absolute_url()).content.decode()
    client.post(beacon_url(page))
    assert count(f"township:{township.slug}") == 1


@pytest.mark.django_db
def test_does_not_count_when_staff_previews():
    township = make_township()
    item = make_item(township=township, published=True)
    client = Client(HTTP_USER_AGENT=BROWSER_UA)
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    url = beacon_url(client.get(item.get_absolute_url()).content.decode())
    client.post(url)
    assert count(f"item:{item.pk}") == 0
    assert not VisitCounter.objects.exists()


@pytest.mark.django_db
def test_does_not_count_when_bot():
    township = make_township()
    item = make_item(township=township, published=True)
    url = beacon_url(Client().get(item.get_absolute_url()).content.decode())
    Client(HTTP_USER_AGENT="Mozilla/5.0 (compatible; bingbot/2.0)").post(url)
    assert count("site") == 0


@pytest.mark.django_db
def test_rejects_beacon_when_token_forged():
    response = Client(HTTP_USER_AGENT=BROWSER_UA).post("/visits/hit/?t=item:1:forged")
    assert response.status_code == 400
    assert not VisitCounter.objects.exists()


@pytest.mark.django_db
def test_page_is_browser_cacheable_but_not_shared_when_counting():
    township = make_township()
    item = make_item(township=township, published=True)
    response = Client(HTTP_USER_AGENT=BROWSER_UA).get(item.get_absolute_url())
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"]  # one-use token: no shared copies
    assert not response.cookies  # the page itself sets nothing; counting is in the beacon
