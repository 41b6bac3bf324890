"""The counter cannot be pumped: one count per token, expired tokens and withdrawn pages
count nothing, one address has a per-page per-minute cap; real views still count."""

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client

from signoff import chain
from tests.factories import crew, make_item, make_township
from townships.models import Role
from visits import guard, store

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@pytest.fixture(autouse=True)
def _database_store(settings):
    settings.VISITS_REDIS_URL = ""
    settings.REDIS_URL = ""


def beacon_url(html: str) -> str:
    return re.search(r'data-hit-url="([^"]+)"', html).group(1).replace("&amp;", "&")


def render_beacon(client, url) -> str:
    return beacon_url(client.get(url).content.decode())


@pytest.fixture
def item(db):
    return make_item(township=make_township(), published=True)


def test_replayed_token_counts_nothing(item):
    client = Client(HTTP_USER_AGENT=UA)
    url = render_beacon(client, item.get_absolute_url())
    for _ in range(5):
        client.post(url)
        client.get(url)
    assert store.count_for(f"item:{item.pk}") == 1
    assert store.count_for("site") == 1


def test_every_rendering_counts_once(item):
    client = Client(HTTP_USER_AGENT=UA)
    for _ in range(7):
        client.post(render_beacon(client, item.get_absolute_url()))
    assert store.count_for(f"item:{item.pk}") == 7


def test_expired_token_counts_nothing(item, settings):
    client = Client(HTTP_USER_AGENT=UA)
    url = render_beacon(client, item.get_absolute_url())
    later = time.time() + settings.VISITS_TOKEN_MAX_AGE + 5
    with mock.patch.object(signing.time, "time", return_value=later):
        response = client.post(url)
    assert response.status_code == 400
    assert store.count_for(f"item:{item.pk}") == 0


def test_withdrawn_page_issues_no_token_and_old_tokens_count_nothing(item):
    client = Client(HTTP_USER_AGENT=UA)
    old = render_beacon(client, item.get_absolute_url())
    chain.withdraw(item, crew(item.township)(Role.PUBLISHER), reason="测试撤回")
    page = client.get(item.get_absolute_url())
    assert page.status_code == 410
    assert "data-hit-url" not in page.content.decode()
    client.post(old)
    assert store.count_for(f"item:{item.pk}") == 0
    assert store.count_for("site") == 0


def test_unpublished_item_page_issues_no_token(db):
    draft = make_item(township=make_township(), published=False)
    page = Client(HTTP_USER_AGENT=UA).get(draft.get_absolute_url())
    assert page.status_code == 404
    assert "data-hit-url" not in page.content.decode()


def test_one_address_is_capped_per_page_per_minute_and_excess_logged(item, settings, caplog):
    settings.VISITS_PER_ADDRESS_PER_MINUTE = 3
    client = Client(HTTP_USER_AGENT=UA)
    with caplog.at_level("WARNING", logger="visits"):
        for _ in range(5):
            client.post(render_beacon(client, item.get_absolute_url()))
    assert store.count_for(f"item:{item.pk}") == 3
    assert "per-address cap" in caplog.text
    other = Client(HTTP_USER_AGENT=UA, REMOTE_ADDR="203.0.113.9")
    other.post(render_beacon(other, item.get_absolute_url()))
    assert store.count_for(f"item:{item.pk}") == 4  # another address still counts


def test_cap_window_is_one_minute(settings):
    settings.VISITS_PER_ADDRESS_PER_MINUTE = 2
    now = 1_800_000_000.0
    assert [guard.within_address_cap("198.51.100.1", "/p/", now) for _ in range(3)] == [
        True, True, False]
    assert guard.within_address_cap("198.51.100.1", "/p/", now + 60)
    assert guard.within_address_cap("198.51.100.1", "/q/", now)


def test_token_is_bound_to_its_page(item, settings):
    client = Client(HTTP_USER_AGENT=UA)
    url = render_beacon(client, item.get_absolute_url())
    token = signing.loads(url.split("t=", 1)[1].replace("%3A", ":"), salt="visits.beacon.v2")
    assert token["k"] == [f"item:{item.pk}"]
    assert token["p"] == item.get_absolute_url()
