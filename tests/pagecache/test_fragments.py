"""Fragment caching (pagecache/templatetags/fragments.py): the header, navigation and footer of
a page-cache miss come from the pages cache, and the page is the same HTML as without them,
for every page shape and display mode; a change the page cache sees shows in them at once."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from pagecache import generations, hooks
from tests.factories import leaf_category, make_item, make_township

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
TOKEN = re.compile(r"hit/\?t=[^\"]*\"")  # the one-use 访问量 token differs on every render


@pytest.fixture
def item():
    return make_item(township=make_township(), published=True)


def shapes(item) -> dict[str, str]:
    township = item.township
    return {
        "item": item.get_absolute_url(),
        "category": reverse("disclosure:category_detail", args=[township.slug, item.category_id]),
        "township": township.get_absolute_url(),
        "county": reverse("disclosure:county_home"),
        "search": reverse("search:results") + "?q=%E5%85%AC%E7%A4%BA",
        "guide": reverse("disclosure:guide", args=[township.slug]),
        "latest": reverse("disclosure:latest"),
    }


counter = iter(range(10**9))


def render(client, url: str) -> str:
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}_b={next(counter)}", **BROWSER)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    html = TOKEN.sub("", response.content.decode())
    return re.sub(r"_b(=|%3D|%253D)\d+", "", html)


def fragment_keys() -> list[str]:
    return [k for k in caches["pages"]._cache if ":frag:" in k]


@pytest.mark.parametrize("shape", ["item", "category", "township", "county", "search",
                                   "guide", "latest"])
def test_the_html_is_the_same_with_fragments_on_and_off(client, settings, item, shape):
    url = shapes(item)[shape]
    modes = {"standard": "0", "care": "1"}
    without = {}
    settings.FRAGMENT_CACHE = False
    for mode, cookie in modes.items():
        client.cookies["care_mode"] = cookie
        without[mode] = render(client, url)
    assert fragment_keys() == []
    settings.FRAGMENT_CACHE = True
    for mode, cookie in modes.items():  # standard fills first: 关怀版 must not get its copy
        client.cookies["care_mode"] = cookie
        assert render(client, url) == without[mode]  # rendered and stored
        assert render(client, url) == without[mode]  # from the stored fragments
    keys = fragment_keys()  # header, nav, footer (and the catalogue) for each mode
    assert len([k for k in keys if ":std:" in k]) == len([k for k in keys if ":care:" in k])
    assert len(keys) >= 6
    assert without["standard"] != without["care"]


@pytest.mark.parametrize("cookies", [{}, {"care_mode": "1"}, {"text_mode": "1"},
                                     {"care_mode": "1", "text_mode": "1"}])
def test_each_page_keeps_its_own_addresses_in_a_shared_fragment(client, item, cookies):
    # every mode switch in the header, toolbar and footer carries this page's address
    for name, value in cookies.items():
        client.cookies[name] = value
    first, second = item, make_item(township=item.township, published=True)
    render(client, first.get_absolute_url())
    html = render(client, second.get_absolute_url())
    assert f"next={second.get_absolute_url()}%3F" in html
    assert first.get_absolute_url() not in html.split("<main", 1)[0]


def test_another_display_mode_is_stored_apart_without_changing_the_tag(client, item,
                                                                      monkeypatch):
    """A mode added through the page cache's variant hooks (纯文本 or any other) joins the
    fragments' keys by itself."""
    monkeypatch.setattr(hooks, "variants", [*hooks.variants,
                                            lambda r: "plain" if "plain" in r.COOKIES else "p0"])
    url = item.get_absolute_url()
    render(client, url)
    per_variant = len(fragment_keys())  # assets, header, navigation, article, footer
    assert per_variant == 5
    assert all(":p0:" in key or ".p0:" in key for key in fragment_keys())
    client.cookies["plain"] = "1"
    render(client, url)
    assert len(fragment_keys()) == 2 * per_variant
    assert sum(".plain:" in key or ":plain:" in key for key in fragment_keys()) == per_variant


def test_a_county_change_shows_in_the_header_and_footer_at_once(
        client, item, django_capture_on_commit_callbacks):
    url = item.get_absolute_url()
    render(client, url)
    county = item.township.county
    with django_capture_on_commit_callbacks(execute=True):
        county.site_name = "改名后的政府信息公开平台"
        county.save()
    header = render(client, url).split("<main", 1)[0]
    assert "改名后的政府信息公开平台" in header.split("</title>", 1)[1]


def test_the_catalogue_marks_the_current_category_on_each_category_page(client, item):
    other = make_item(township=item.township, published=True,
                      category=leaf_category(item.township, "zcwj-zcjd"))
    for shown in (item, other, item):
        url = reverse("disclosure:category_detail",
                      args=[item.township.slug, shown.category_id])
        side = render(client, url).split('<nav class="side"', 1)[1]
        current = side.split('aria-current="page"', 1)[0].rsplit("<a ", 1)[1]
        assert f"/{shown.category_id}/" in current


def test_a_publish_in_the_township_makes_new_fragments(client, item,
                                                       django_capture_on_commit_callbacks):
    url = shapes(item)["category"]
    render(client, url)
    before = set(fragment_keys())
    generations.bump(generations.township_scope(item.township.slug), generations.SITE)
    render(client, url)
    assert set(fragment_keys()) - before


def test_no_fragments_for_a_signed_in_visitor(client, item, admin_user):
    client.force_login(admin_user)
    response = client.get(item.get_absolute_url(), **BROWSER)
    assert response.status_code == 200
    assert fragment_keys() == []


def test_no_fragments_when_the_page_cache_is_off(client, settings, item):
    settings.PAGE_CACHE = False
    assert client.get(item.get_absolute_url(), **BROWSER).status_code == 200
    assert fragment_keys() == []


def test_a_new_item_shows_on_the_county_home_at_once(client, item,
                                                     django_capture_on_commit_callbacks):
    url = reverse("disclosure:county_home")
    render(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        newer = make_item(township=item.township, published=True, title="刚刚发布的新通知",
                          category=leaf_category(item.township, "zcwj-zcjd"))
    assert newer.title in render(client, url)


def test_no_fragment_is_kept_when_rendered_from_a_replica_a_newer_bump_overtook(
        client, item, monkeypatch):
    # pagecache/replica.py: the counters in a fragment's key are read mid-render; if a bump
    # was recorded after the replica's checked position, what it rendered is not kept.
    from pagecache import replica
    monkeypatch.setattr(replica, "may_keep_piece", lambda: False)
    render(client, shapes(item)["township"])
    assert fragment_keys() == []
    monkeypatch.setattr(replica, "may_keep_piece", lambda: True)
    render(client, shapes(item)["township"])
    assert fragment_keys()


def test_a_kept_column_page_shows_each_filter_as_without_fragments(client, settings, item):
    from urllib.parse import quote

    # The column's copy is kept per page number, filtered or not: what a filter changes (the
    # count, the message, the chosen year, the keyword, the clear link, the rows) is live.
    url = shapes(item)["category"]
    year = item.published_on.year
    filtered = [url, f"{url}?year={year}", f"{url}?q=%3Cb%3E%22x", f"{url}?year=1999",
                f"{url}?year={year}&q={quote(item.title[:2])}", url]
    # The page cache passes the filter's parameters to the view (it drops unread ones).
    settings.FRAGMENT_CACHE = False
    without = [render(client, address) for address in filtered]
    settings.FRAGMENT_CACHE = True
    assert [render(client, address) for address in filtered] == without
    assert 'name="q" value="&lt;b&gt;&quot;x"' in without[2]
    assert "1999" in without[3]
    assert 'role="status"' in without[3]
    assert f'<option value="{year}" selected>' in without[1]
    assert "没有符合筛选条件的信息" in without[2]
    assert item.title in without[4]
