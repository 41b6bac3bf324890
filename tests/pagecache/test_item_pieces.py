"""The item page's pieces that outlive a publish elsewhere in the township (issue 28): the
whole page (header, metadata, body, attachments, footer) is kept under the item's own
version and `all`; the column's newest items and the township's interpreted documents are
kept under the township's counter and, like 访问量, filled in on every page (live parts).
Whatever the page shows changes at once; a publish of another item re-renders none of the
kept page."""

import re

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Attachment
from tests.factories import make_item, make_township

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
TOKEN = re.compile(r"hit/\?t=[^\"]*\"")
counter = iter(range(10**9))


def render(client, url: str) -> str:
    response = client.get(f"{url}?_b={next(counter)}", **BROWSER)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return re.sub(r"_b(=|%3D|%253D)\d+", "", TOKEN.sub("", response.content.decode()))


def article_keys() -> set[str]:
    return {k for k in caches["pages"]._cache if ":frag:" in k and ":page:" in k}


def test_a_publish_elsewhere_in_the_township_keeps_the_article(
        client, django_capture_on_commit_callbacks):
    item = make_item(township=make_township(), published=True, body="<p>正文第一段。</p>")
    url = item.get_absolute_url()
    first = render(client, url)
    kept = article_keys()
    assert len(kept) == 1
    with django_capture_on_commit_callbacks(execute=True):
        other = make_item(township=item.township, published=True, category=item.category)
    again = render(client, url)
    assert article_keys() == kept  # not rendered again: the same key
    assert other.title in again.split('id="related-title"', 1)[1]  # the related list moved on
    assert other.title not in first


def test_the_same_html_with_and_without_the_kept_pieces(client, settings):
    item = make_item(township=make_township(), published=True, body="<p>正文。</p>")
    make_item(township=item.township, published=True, category=item.category)
    url = item.get_absolute_url()
    render(client, url)
    kept = render(client, url)  # every piece from the cache
    settings.FRAGMENT_CACHE = False
    assert render(client, url) == kept


def test_a_revised_item_shows_its_new_text_at_once(client, django_capture_on_commit_callbacks):
    item = make_item(township=make_township(), published=True, body="<p>旧的正文。</p>")
    url = item.get_absolute_url()
    assert "旧的正文" in render(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        item.body = "<p>修订后的正文。</p>"
        item.keywords = "修订 关键词"
        item.save()
    html = render(client, url)
    assert "修订后的正文" in html
    assert "旧的正文" not in html
    assert "修订 关键词" in html


def test_an_attachment_added_to_a_public_item_shows_at_once(
        client, django_capture_on_commit_callbacks):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    assert "补充名单" not in render(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        Attachment.objects.create(item=item, title="补充名单",
                                  file=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert "补充名单" in render(client, url)


def test_a_renamed_column_shows_in_the_article_at_once(client,
                                                       django_capture_on_commit_callbacks):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    render(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        item.category.name = "改名后的栏目"
        item.category.save()
    article = render(client, url).split('class="meta-grid"', 1)[1]
    assert "改名后的栏目" in article.split("</dl>", 1)[0]


def test_a_miss_after_a_publish_elsewhere_reads_the_item_and_its_counter(
        client, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    render(client, url)
    render(client, url)  # warm per-process lookups
    with CaptureQueriesContext(connection) as ctx:
        render(client, url)
    queries = [q["sql"] for q in ctx.captured_queries]
    assert len(queries) == 2, queries  # the item, its 访问量
    assert "disclosure_category" not in queries[0].split(" FROM ", 1)[0]  # from the tree
    with django_capture_on_commit_callbacks(execute=True):
        make_item(township=item.township, published=True, category=item.category)
    with CaptureQueriesContext(connection) as ctx:
        render(client, url)  # the first miss after the publish reads the catalogue once
    tables = [q["sql"].split(" FROM ", 1)[1].split()[0] for q in ctx.captured_queries]
    assert tables.count('"disclosure_category"') == 1, tables
    assert not any("COUNT(" in q["sql"] for q in ctx.captured_queries)  # not the counts
    with CaptureQueriesContext(connection) as ctx:
        render(client, url)
    queries = [q["sql"] for q in ctx.captured_queries]
    assert len(queries) == 2, queries
    assert not any("disclosure_category" in q.split(" WHERE ", 1)[0] for q in queries)


def test_an_item_page_from_the_kept_catalogue_is_the_page_read_with_its_category_joined(
        client, settings):
    item = make_item(township=make_township(), published=True)  # a column with a parent
    assert item.category.parent_id is not None
    url = item.get_absolute_url()
    render(client, url)  # keeps the catalogue without counts

    def page() -> str:
        return TOKEN.sub("", client.get(url, **BROWSER).content.decode())

    from_tree = page()
    crumbs = from_tree.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert item.category.parent.name in crumbs
    assert item.category.name in crumbs
    settings.PAGE_CACHE = False
    assert page() == from_tree
