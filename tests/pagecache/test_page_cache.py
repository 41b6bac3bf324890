"""The page cache serves anonymous public pages from the cache and drops them the moment
what they show is published, revised or withdrawn; counting and 关怀版 keep working."""

import json
import re
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from pagecache import generations
from tests.factories import crew, make_item, make_township, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block commits, as at the end of a real request's transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, url, **extra):
    return client.get(url, **BROWSER, **extra)


def hit_url(response) -> str:
    return re.search(r'data-hit-url="([^"]+)"', response.content.decode()).group(1)


def test_second_view_is_served_from_the_cache_with_its_own_counting_token(client):
    item = make_item(township=make_township(), published=True)
    first, second, third = (get(client, item.get_absolute_url()) for _ in range(3))
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == third["X-Page-Cache"] == "hit"
    tokens = {hit_url(r) for r in (first, second, third)}
    assert len(tokens) == 3  # a fresh one-use token in every copy
    key = f"item:{item.pk}"
    counts = [json.loads(client.post(url, **BROWSER).content)[key] for url in sorted(tokens)]
    assert sorted(counts) == [1, 2, 3]
    assert second["Content-Length"] == str(len(second.content))
    assert "Content-Security-Policy" in second


def test_care_mode_and_standard_pages_are_cached_apart(client):
    township = make_township()
    url = township.get_absolute_url()
    standard = get(client, url)
    get(client, url)
    care = Client()
    care.cookies["care_mode"] = "1"
    first_care = get(care, url)
    assert first_care["X-Page-Cache"] == "miss"
    assert first_care.content != standard.content
    assert get(care, url)["X-Page-Cache"] == "hit"
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert get(client, url).content.split(b"visit-beacon")[0] == \
        standard.content.split(b"visit-beacon")[0]


def test_signed_in_staff_and_forms_bypass_the_cache(client):
    township = make_township()
    staff = make_user(username="cache_staff", password="x" * 12)
    client.force_login(staff)
    response = get(client, township.get_absolute_url())
    assert "X-Page-Cache" not in response
    anonymous = Client()
    apply_url = reverse("applications:apply", args=[township.slug])
    assert "X-Page-Cache" not in get(anonymous, apply_url)  # sets the CSRF cookie
    assert "X-Page-Cache" not in get(anonymous, apply_url)


def test_publishing_reaches_the_township_home_county_home_and_feed_at_once(client, committed):
    township = make_township()
    make_item(township=township, published=True, title="关于春季防火的通告")
    urls = [township.get_absolute_url(), reverse("disclosure:county_home"),
            reverse("feeds:township_feed", args=[township.slug])]
    for url in urls:
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "hit"
    with committed():
        make_item(township=township, published=True, title="关于秋收秸秆禁烧的通告")
    for url in urls:
        response = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert "关于秋收秸秆禁烧的通告" in response.content.decode()


def test_a_published_revision_replaces_the_cached_item_page(client, committed):
    from demo.walkthrough import publish_through_chain
    from disclosure.models.revisions import snapshot_item
    from disclosure.revising import save_revision

    township = make_township()
    people = crew(township)
    item = make_item(township=township, published=True, title="东岗村道路硬化工程公示")
    get(client, item.get_absolute_url())
    assert get(client, item.get_absolute_url())["X-Page-Cache"] == "hit"
    data = {**snapshot_item(item), "title": "东岗村道路硬化工程竣工公示"}
    with committed():
        revision = save_revision(item, people(Role.AUTHOR), data, note="更正")
    assert get(client, item.get_absolute_url())["X-Page-Cache"] == "hit"  # draft: unchanged
    with committed():
        publish_through_chain(revision, people, author=people(Role.AUTHOR))
    page = get(client, item.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "东岗村道路硬化工程竣工公示" in page.content.decode()


def test_withdrawal_takes_the_item_off_every_cached_page(client, committed):
    from signoff import chain
    from signoff.models import PUBLISH_ROLE

    township = make_township()
    item = make_item(township=township, published=True, title="西湾村低保名单公示")
    for url in (item.get_absolute_url(), township.get_absolute_url()):
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "hit"
    with committed():
        chain.withdraw(item, crew(township)(PUBLISH_ROLE), reason="名单有误")
    assert get(client, item.get_absolute_url()).status_code == 410
    assert "西湾村低保名单公示" not in get(client, township.get_absolute_url()).content.decode()


def test_a_draft_in_one_township_leaves_every_cached_page_alone(committed):
    first, second = make_township(), make_township()
    before = generations.current(generations.ALL, generations.SITE,
                                 generations.township_scope(first.slug))
    with committed():
        make_item(township=first, title="尚在起草的通知")
        make_item(township=second, published=True)
    after = generations.current(generations.ALL, generations.SITE,
                                generations.township_scope(first.slug))
    assert after[0] == before[0]
    assert after[2] == before[2]
    assert after[1] != before[1]  # county pages list the second township's new item


def test_catalogue_changes_refresh_every_page(committed):
    township = make_township()
    before = generations.current(generations.ALL)
    category = township.categories.first()
    category.name = category.name + "（调整）"
    with committed():
        category.save()
    assert generations.current(generations.ALL) != before


def test_bumped_counter_never_returns_to_an_earlier_value():
    generations.bump("t:x")
    first = generations.current("t:x")[0]
    caches["pages"].delete(generations.PREFIX + "t:x")  # evicted
    time.sleep(0.002)
    generations.bump("t:x")
    assert generations.current("t:x")[0] not in (0, first)


def _key_for(url: str) -> str:
    from django.test import RequestFactory

    from pagecache.middleware import lookup_or_claim

    return lookup_or_claim(RequestFactory().get(url, **BROWSER), claim=False)[1]


def _later(action, seconds=0.1):
    import threading

    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


def test_a_crowd_on_an_uncached_page_waits_for_one_render(client, settings):
    settings.PAGE_CACHE_WAIT_SECONDS = 2
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    key = _key_for(url)
    pages = caches["pages"]
    pages.add(key + ":rendering", 1, 10)  # another worker is rendering it
    copy = {"status": 200, "headers": [("Content-Type", "text/html; charset=utf-8")],
            "body": b"<p>rendered by the other worker</p>", "copies": {}}
    timer = _later(lambda: pages.set(key, copy, 60), 0.5)  # a loaded CI box is slow
    response = get(client, url)
    timer.join()
    assert response["X-Page-Cache"] == "waited"
    assert response.content == b"<p>rendered by the other worker</p>"


def test_a_render_that_gives_up_lets_the_waiting_request_render(client, settings):
    settings.PAGE_CACHE_WAIT_SECONDS = 2
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    key = _key_for(url)
    caches["pages"].add(key + ":rendering", 1, 10)
    timer = _later(lambda: caches["pages"].delete(key + ":rendering"))
    response = get(client, url)
    timer.join()
    assert response["X-Page-Cache"] == "miss"
    assert item.title in response.content.decode()
    assert caches["pages"].get(key + ":rendering") is None


def test_an_attachment_refreshes_pages_only_when_its_item_is_public(committed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosure.models import Attachment

    township = make_township()
    scope = generations.township_scope(township.slug)
    draft = make_item(township=township)
    public = make_item(township=township, published=True)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    before = generations.current(scope)
    with committed():
        Attachment.objects.create(item=draft, file=SimpleUploadedFile("a.pdf", pdf))
    assert generations.current(scope) == before
    with committed():
        Attachment.objects.create(item=public, file=SimpleUploadedFile("b.pdf", pdf))
    assert generations.current(scope) != before


def test_http_and_https_answers_never_share_a_cache_entry(client):
    make_item(township=make_township(), published=True)
    url = reverse("feeds:county_feed")  # absolute links: the scheme is in the body
    plain = get(client, url)
    assert plain["X-Page-Cache"] == "miss"
    secure = get(client, url, secure=True)
    assert secure["X-Page-Cache"] == "miss"  # not the http copy
    assert b"https://testserver/" in secure.content
    assert b"https://testserver/" not in plain.content
    assert get(client, url)["X-Page-Cache"] == "hit"
    again = get(client, url, secure=True)
    assert again["X-Page-Cache"] == "hit"
    assert b"http://testserver/" not in again.content
