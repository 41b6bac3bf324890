"""`rebuild_search_index` restores the index from the objects; `bench_search` needs PostgreSQL."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from search.models import SearchEntry
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def test_rebuild_restores_entries_and_drops_stale_ones():
    township = make_township()
    item = make_item(township=township, published=True, title="东岗村饮水安全工程竣工公示")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="item", object_id=999999, township=township, title="过期",
                               url="/x/", published_on=item.published_on, year=2024)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert list(SearchEntry.objects.values_list("object_id", flat=True)) == [item.pk]
    assert "已索引政府信息 1 条" in out.getvalue()
    assert "清除过期条目 1 条" in out.getvalue()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="refusal is SQLite-only")
def test_bench_refuses_to_run_on_sqlite():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_search", "--rows", "1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="measures PostgreSQL search")
def test_bench_reports_ratio_and_leaves_nothing_behind():
    make_township()
    out = io.StringIO()
    call_command("bench_search", "--rows", "30", "--repeat", "1", stdout=out)
    assert "the baseline" in out.getvalue()
    assert not SearchEntry.objects.filter(object_id__gte=10_000_000).exists()
