"""The chunked rebuild (search/rebuild.py): the same rows as indexing one object at a time,
in chunks, resumable, and in several processes on PostgreSQL."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from search.indexing import index_item
from search.models import IndexRebuild, SearchEntry
from search.rebuild import rebuild
from tests.factories import make_item, make_township

COLUMNS = ["kind", "object_id", "township_id", "category_id", "title", "url", "index_no",
           "doc_number", "summary", "meta", "content", "published_on", "year", "document",
           "title_vector"]


def rows():
    return list(SearchEntry.objects.order_by("kind", "object_id").values_list(*COLUMNS))


def _items(count):
    township = make_township()
    return [make_item(township=township, published=True,
                      title=f"东岗村第{n}批农村危房改造补助资金公示",
                      body=f"<p>补助对象 {n} 户</p>")
            for n in range(count)]


@pytest.mark.django_db
def test_chunks_write_the_same_rows_as_one_object_at_a_time():
    items = _items(7)
    SearchEntry.objects.all().delete()
    for item in items:
        index_item(item.pk)
    one_by_one = rows()
    SearchEntry.objects.all().delete()
    outcome = rebuild(chunk_size=3)
    assert outcome.items == 7
    assert rows() == one_by_one
    assert IndexRebuild.objects.get().finished_at is not None
    assert IndexRebuild.objects.get().done == 7


@pytest.mark.django_db
def test_chunks_keep_tabs_newlines_and_backslashes_in_the_text():
    """The rows go through COPY on PostgreSQL: its escapes must not show in the index."""
    township = make_township()
    item = make_item(township=township, published=True, title="西湾村“三公”经费公示",
                     keywords="C:\\公示\\2024", summary="第一行\n第二行\t制表",
                     body="<table><tr><td>姓名</td><td>金额</td></tr></table>"
                          "<p>路径 C:\\data\\n 与 \\t 原样保留</p>")
    SearchEntry.objects.all().delete()
    index_item(item.pk)
    one_by_one = rows()
    SearchEntry.objects.all().delete()
    rebuild(chunk_size=5)
    assert rows() == one_by_one
    content = SearchEntry.objects.get().content
    assert "\t金额" in content
    assert "C:\\data\\n 与 \\t" in content


@pytest.mark.django_db
def test_resume_skips_what_the_unfinished_run_had_indexed():
    items = _items(5)
    SearchEntry.objects.all().delete()
    IndexRebuild.objects.create(started_at=timezone.now())  # interrupted: never finished
    for item in items[:2]:
        index_item(item.pk)
    seen = []
    outcome = rebuild(resume=True, chunk_size=2, progress=lambda d, t, s: seen.append((d, t)))
    assert (outcome.items, outcome.skipped) == (3, 2)
    assert seen == [(2, 3), (3, 3)]
    assert SearchEntry.objects.count() == 5
    assert not IndexRebuild.objects.filter(finished_at__isnull=True).exists()


@pytest.mark.django_db
def test_command_prints_progress_and_refuses_bad_numbers():
    _items(3)
    out = io.StringIO()
    call_command("rebuild_search_index", "--chunk-size", "2", "--workers", "1", stdout=out)
    assert "已索引 3/3 条" in out.getvalue()
    assert "已索引政府信息 3 条" in out.getvalue()
    with pytest.raises(CommandError, match="正整数"):
        call_command("rebuild_search_index", "--workers", "0")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_worker_processes_index_every_item_once():
    items = _items(9)
    SearchEntry.objects.all().delete()
    outcome = rebuild(workers=2, chunk_size=2)
    assert outcome.workers == 2
    assert outcome.items == 9
    assert sorted(SearchEntry.objects.values_list("object_id", flat=True)) == sorted(
        item.pk for item in items)
    assert all(SearchEntry.objects.values_list("document", flat=True))
