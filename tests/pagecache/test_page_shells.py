"""Pages kept whole (pagecache/templatetags/fragments.py, `{% fragment "page" … when= %}` in
base.html): the item, column, township and county pages are stored as one fragment under
`all` and their own version; what a publish in the township changes (the lists, the
catalogue's counts, 政策解读, 相关信息) and 访问量 are live parts, filled in on every page.
A publish re-renders none of the kept page and still shows at once."""

import logging
import re
from urllib.parse import unquote

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.test import RequestFactory

from disclosure import views
from pagecache import generations
from pagecache.templatetags import fragments
from tests.factories import leaf_category, make_item, make_township
from tests.pagecache.test_fragments import shapes
from visits import store
from visits.rules import read_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
counter = iter(range(10**9))


@pytest.fixture
def item():
    return make_item(township=make_township(), published=True, title="第一条公开信息")


def get(client, url: str) -> str:
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}_b={next(counter)}", **BROWSER)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


def page_keys() -> set[str]:
    return {k for k in caches["pages"]._cache if ":frag:" in k and ":page:" in k}


@pytest.mark.parametrize("shape", ["item", "category", "township", "county"])
def test_the_page_is_kept_whole_and_outlives_a_publish_in_its_township(
        client, item, shape, caplog, django_capture_on_commit_callbacks):
    url = shapes(item)[shape]
    with caplog.at_level(logging.ERROR, logger=fragments.__name__):
        first = get(client, url)
    assert not caplog.records  # no fragment that a publish makes stale outside a live part
    kept = page_keys()
    assert len(kept) == 1
    with django_capture_on_commit_callbacks(execute=True):
        newer = make_item(township=item.township, published=True, category=item.category,
                          title="刚刚发布的第二条信息")
    again = get(client, url)
    assert page_keys() == kept  # the same copy, filled in again
    assert newer.title not in first
    assert newer.title in again  # in the column, the township's newest, the portal, 相关信息


def test_a_page_of_a_column_is_kept_apart_from_its_other_pages(client, item):
    for _n in range(views.PAGE_SIZE):
        make_item(township=item.township, published=True, category=item.category)
    url = shapes(item)["category"]
    assert "（第2页）" not in get(client, url).split("</title>", 1)[0]
    assert "（第2页）" in get(client, f"{url}?page=2").split("</title>", 1)[0]
    assert len(page_keys()) == 2


def test_the_count_and_the_beacon_are_current_on_a_kept_page(client, item):
    url = item.get_absolute_url()
    get(client, url)
    store.record([f"item:{item.pk}"])
    store.record([f"item:{item.pk}"])
    html = get(client, url)  # from the kept copy
    assert re.search(r'data-visit-key="item:\d+">[^<]*<span class="visit-number">2</span>', html)
    token = unquote(re.search(r'hit/\?t=([^"&]+)"', html).group(1))
    assert read_token(token)["keys"] == [f"item:{item.pk}"]


def test_a_township_home_shows_its_new_count_without_a_new_copy(client, item):
    url = item.township.get_absolute_url()
    get(client, url)
    kept = page_keys()
    store.record([f"township:{item.township.slug}"])
    html = get(client, url)
    assert page_keys() == kept
    assert '<span class="visit-number">1</span>' in html


def test_another_column_gets_its_own_copy(client, item):
    other = make_item(township=item.township, published=True,
                      category=leaf_category(item.township, "zcwj-zcjd"))
    for shown in (item, other):
        html = get(client, shapes(shown)["category"])
        assert f"<h1>{shown.category.name}</h1>" in html
    assert len(page_keys()) == 2


def render(source: str | Template, **values) -> str:
    request = RequestFactory().get("/xxgk/")
    template = source if isinstance(source, Template) else Template("{% load fragments %}"
                                                                    + source)
    return template.render(Context({"request": request, **values}))


def test_a_fragment_stale_sooner_outside_a_live_part_keeps_the_outer_copy_out(caplog):
    source = ('{% fragment "outer" scope="all" %}<p>{{ a }}</p>'
              '{% fragment "inner" %}<i>{{ b }}</i>{% endfragment %}{% endfragment %}')
    with caplog.at_level(logging.ERROR, logger=fragments.__name__):
        assert render(source, a=1, b=2) == "<p>1</p><i>2</i>"
        assert render(source, a=3, b=4) == "<p>3</p><i>2</i>"  # the inner one kept, apart
    assert "outside a {% live %} part" in caplog.records[0].getMessage()
    assert not [k for k in caches["pages"]._cache if ":outer:" in k]


def test_a_live_part_renders_on_every_page_and_its_inner_fragment_is_kept_apart():
    source = ('{% fragment "outer" scope="all" %}<p>{{ a }}</p>{% live "part" %}<b>{{ b }}</b>'
              '{% fragment "inner" %}<i>{{ c }}</i>{% endfragment %}{% endlive %}'
              '{% endfragment %}')
    assert render(source, a=1, b=2, c=3) == "<p>1</p><b>2</b><i>3</i>"
    assert render(source, a=9, b=5, c=9) == "<p>1</p><b>5</b><i>3</i>"  # both kept
    generations.bump(generations.SITE)  # what a publish does to the inner one's scope
    assert render(source, a=9, b=6, c=7) == "<p>1</p><b>6</b><i>7</i>"


def test_holes_of_an_inner_fragment_stay_open_in_the_outer_copy():
    source = ('{% fragment "outer" scope="all" %}{% fragment "inner" scope="all" %}'
              '<a href="{% hole path %}">{{ a }}</a>{% endfragment %}{% endfragment %}')
    render('{% fragment "inner" scope="all" %}<a href="{% hole path %}">{{ a }}</a>'
           '{% endfragment %}', path="/first/", a=1)  # the inner one kept on its own first
    assert render(source, path="/x/", a=2) == '<a href="/x/">1</a>'
    assert render(source, path="/y/", a=3) == '<a href="/y/">1</a>'


def test_a_copy_naming_a_live_part_this_process_does_not_know_is_rendered_afresh(
        monkeypatch):
    source = Template('{% load fragments %}{% fragment "outer" scope="all" %}<p>{{ a }}</p>'
                      '{% live "gone" %}{{ b }}{% endlive %}{% endfragment %}')
    assert render(source, a=1, b=2) == "<p>1</p>2"
    assert render(source, a=3, b=4) == "<p>1</p>4"
    monkeypatch.setattr(fragments, "LIVE_PARTS", {})  # as if another process had stored it
    assert render(source, a=5, b=6) == "<p>5</p>6"


def test_when_leaves_the_block_as_if_the_tag_were_not_there():
    source = '{% fragment "page" v scope="all" when=v %}<p>{{ a }}</p>{% endfragment %}'
    assert render(source, v="", a=1) == "<p>1</p>"
    assert render(source, v="", a=2) == "<p>2</p>"
    assert not [k for k in caches["pages"]._cache if ":page:" in k]
    assert render(source, v="x", a=3) == "<p>3</p>"
    assert render(source, v="x", a=4) == "<p>3</p>"
