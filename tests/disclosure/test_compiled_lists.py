"""The township's lists read through compiled statements (web/statements.py, issue 28) give
the rows, order and pages the ORM gives: a column with its sub-columns, page by page, and
the township home's newest items; never another township's or an unpublished item."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure import selectors
from disclosure.models import Category, DisclosureItem
from pagecache import generations
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def orm_rows(township, ids):
    return list(selectors.listed_items().filter(category_id__in=ids)
                .order_by("-published_on", "-id"))


@pytest.fixture
def towns():
    mine, other = make_township(), make_township()
    parent = Category.objects.filter(township=mine, children__isnull=False).first()
    children = list(parent.children.all()[:2])
    day = datetime.date(2026, 1, 1)
    for n in range(23):  # dates repeat: the order falls back to the id
        make_item(township=mine, category=children[n % 2], published=True,
                  published_on=day + datetime.timedelta(days=n // 3), title=f"本镇{n}")
    make_item(township=mine, category=children[0], title="草稿")  # never shown
    for n in range(3):
        make_item(township=other, category=Category.objects.get(
            township=other, code=children[0].code), published=True, title=f"他镇{n}")
    return mine, parent


def test_column_pages_equal_the_orm(towns):
    township, parent = towns
    node, _ancestors = selectors.find_node(selectors.catalogue_tree(township), parent.pk)
    expected = orm_rows(township, node.descendant_ids)
    assert node.count == len(expected) == 23
    paginator = Paginator(selectors.ColumnRows(township, node), 10)
    got = []
    for number in paginator.page_range:
        page = paginator.page(number)
        got.extend(page.object_list)
        assert all(row.township is township for row in page.object_list)
    assert [r.pk for r in got] == [r.pk for r in expected]
    assert [(r.title, r.index_no, r.doc_number, r.written_on, r.published_on) for r in got] == \
           [(r.title, r.index_no, r.doc_number, r.written_on, r.published_on) for r in expected]
    assert paginator.num_pages == 3
    assert len(paginator.page(3).object_list) == 3


def test_township_latest_equals_the_orm(towns):
    township, _parent = towns
    expected = list(selectors.listed_items().filter(township=township)
                    .order_by("-published_on", "-id")[:10])
    got = selectors.latest_items(township=township, limit=10)
    assert [r.pk for r in got] == [r.pk for r in expected]
    assert {r.township.pk for r in got} == {township.pk}
    assert all("本镇" in r.title for r in got)


def test_the_pages_own_reads_do_not_join_the_township_again(towns):
    """The item, column and township pages find their township active first
    (public_township, a 404 otherwise); their reads of items do not join the township
    table to check it again on every page-cache miss."""
    township, parent = towns
    item = DisclosureItem.objects.filter(township=township, title="本镇5").get()
    node, _ancestors = selectors.find_node(selectors.catalogue_tree(township), parent.pk)
    expected = [i.pk for i in orm_rows(township, node.descendant_ids)[:5]]
    with CaptureQueriesContext(connection) as queries:
        assert [i.pk for i in selectors.ColumnRows(township, node)[0:5]] == expected
        assert selectors.latest_items(township=township, limit=3)
        assert selectors.public_item(township, item.pk).pk == item.pk
    reads = [q["sql"] for q in queries if "disclosure_disclosureitem" in q["sql"]]
    assert len(reads) == 3
    assert not [sql for sql in reads if "townships_township" in sql]


def test_an_inactive_townships_pages_are_gone(towns, client):
    township, parent = towns
    item = DisclosureItem.objects.filter(township=township, title="本镇5").get()
    urls = [item.get_absolute_url(), township.get_absolute_url(),
            f"/xxgk/{township.slug}/mulu/{parent.pk}/"]
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    township.is_active = False
    township.save()
    generations.bump(generations.ALL)  # what the township admin's save does (on commit)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]


def test_a_column_lists_only_its_townships_rows(towns, caplog):
    """The column's read is scoped by its columns (the township's own catalogue, one ordered
    index); a column of another township handed in by mistake lists none of its rows, and
    the log says so."""
    township, _parent = towns
    theirs = DisclosureItem.objects.filter(title="他镇0").get()
    assert theirs.township != township
    node = selectors.Node(category=theirs.category, count=3)
    with caplog.at_level("ERROR", logger="disclosure.selectors"):
        assert selectors.ColumnRows(township, node)[0:10] == []
    assert "another township" in caplog.text
