"""Caches never outlive the truth: a county change, a restore's bump and a release (build id)
are each visible on the next request (the counters live in the shared pages cache, so what
one process bumps every process reads; tests/pagecache/test_redis_lookup.py covers Redis)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pagecache import generations
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    generations.local.clear()


def get(client, url):
    return client.get(url, **BROWSER)


def test_a_county_name_change_shows_on_the_next_request(client,
                                                        django_capture_on_commit_callbacks):
    township = make_township()
    county = township.county
    url = reverse("disclosure:county_home")
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        county.site_name = "改名后的政府信息公开平台"
        county.save()
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss"
    assert "改名后的政府信息公开平台" in page.content.decode()
    township_page = get(client, township.get_absolute_url())
    assert "改名后的政府信息公开平台" in township_page.content.decode()


def test_bump_page_cache_command_drops_every_cached_page(client):
    item = make_item(township=make_township(), published=True)
    urls = [item.get_absolute_url(), item.township.get_absolute_url(),
            reverse("disclosure:county_home")]
    for url in urls:
        get(client, url)
    assert [get(client, u)["X-Page-Cache"] for u in urls] == ["hit"] * 3
    call_command("bump_page_cache")  # the release step; restore calls the same
    assert [get(client, u)["X-Page-Cache"] for u in urls] == ["miss"] * 3


def test_a_new_build_never_serves_the_previous_builds_pages(client, monkeypatch):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    monkeypatch.setattr(generations, "_build", None)
    monkeypatch.setenv("APP_BUILD_ID", "release-1")
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    monkeypatch.setattr(generations, "_build", None)  # a release restarts the processes
    monkeypatch.setenv("APP_BUILD_ID", "release-2")
    assert get(client, url)["X-Page-Cache"] == "miss"
    monkeypatch.setattr(generations, "_build", None)
