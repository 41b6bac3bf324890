"""Cache keys only from the query parameters a page reads: random query strings add no
cache entries; the bench's miss parameter works only when configured, for loopback
clients talking to gunicorn directly."""

import random
import string

import pytest
from django.core.cache import caches
from django.urls import reverse

from pagecache import hooks
from tests.factories import leaf_category, make_item, make_township

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MISS_PARAM = ""
    caches["pages"].clear()


def entries() -> int:
    return len(caches["pages"]._cache)  # LocMemCache's own dict


def junk(rng: random.Random) -> str:
    """Random parameters, none of them one that some page reads (a column's `q`, say)."""
    read = set().union(*hooks.query_params.values())
    word = lambda n: "".join(rng.choices(string.ascii_letters + string.digits, k=n))  # noqa: E731
    pairs, count = [], rng.randint(1, 3)
    while len(pairs) < count:
        name = word(rng.randint(1, 8))
        if name not in read:
            pairs.append(f"{name}={word(rng.randint(0, 12))}")
    return "&".join(pairs)


def test_a_thousand_random_query_strings_add_no_cache_entries(client):
    township = make_township()
    category = leaf_category(township)
    item = make_item(township=township, category=category, published=True)
    paths = [item.get_absolute_url(), township.get_absolute_url(),
             reverse("disclosure:county_home"),
             reverse("disclosure:category_detail", args=[township.slug, category.pk]),
             reverse("search:results") + "?q=公示"]
    for path in paths:  # the pages themselves, cached once
        assert client.get(path, **BROWSER).status_code == 200
    before = entries()
    rng = random.Random(20)
    answers = set()
    for n in range(1000):
        path = paths[n % len(paths)]
        response = client.get(f"{path}{'&' if '?' in path else '?'}{junk(rng)}", **BROWSER)
        answers.add((response.status_code, response["X-Page-Cache"]))
    assert entries() - before == 0
    assert answers == {(200, "hit")}


def test_a_parameter_the_page_reads_still_makes_its_own_page(client):
    township = make_township()
    category = leaf_category(township)
    for n in range(25):
        make_item(township=township, category=category, published=True, title=f"第{n}号公告")
    url = reverse("disclosure:category_detail", args=[township.slug, category.pk])
    first = client.get(url, **BROWSER)
    second = client.get(url + "?page=2&utm_source=x", **BROWSER)
    assert second["X-Page-Cache"] == "miss"
    assert second.content != first.content
    assert "utm_source" not in second.content.decode()  # never reached the page's links
    assert client.get(url + "?utm_campaign=y&page=2", **BROWSER)["X-Page-Cache"] == "hit"


def test_the_bench_miss_parameter_only_when_set_and_only_from_loopback(client, settings):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    client.get(url, **BROWSER)
    assert client.get(url + "?_b=1", **BROWSER)["X-Page-Cache"] == "hit"  # off: ignored
    settings.PAGE_CACHE_MISS_PARAM = "_b"
    assert client.get(url + "?_b=2", **BROWSER)["X-Page-Cache"] == "miss"
    assert client.get(url + "?_b=2", **BROWSER)["X-Page-Cache"] == "hit"
    through_nginx = client.get(url + "?_b=3", HTTP_X_FORWARDED_FOR="203.0.113.9", **BROWSER)
    assert through_nginx["X-Page-Cache"] == "hit"
    remote = client.get(url + "?_b=4", REMOTE_ADDR="203.0.113.9", **BROWSER)
    assert remote["X-Page-Cache"] == "hit"
