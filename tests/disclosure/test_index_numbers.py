"""索引号: prefix/YYYY-NNNNN, serial per publishing body per year, permanent, unique."""

import datetime
import threading

import pytest
from django.db import connection, connections

from disclosure.numbers import parse_index_no
from disclosure.publishing import next_index_no
from tests.factories import make_item, make_township


@pytest.mark.django_db
def test_index_number_has_the_national_format_and_publication_year():
    township = make_township()
    item = make_item(township=township, published=True, published_on=datetime.date(2024, 5, 6))
    match = parse_index_no(item.index_no)
    assert match is not None
    assert match["prefix"] == township.org_code.replace("-", "")
    assert match["year"] == "2024"
    assert item.index_no.endswith("/2024-00001")


@pytest.mark.django_db
def test_serials_count_per_body_per_year():
    a, b = make_township(), make_township()
    early = datetime.date(2024, 1, 2)
    first = make_item(township=a, published=True, written_on=early,
                      published_on=datetime.date(2024, 1, 5))
    second = make_item(township=a, published=True, written_on=early,
                       published_on=datetime.date(2024, 2, 5))
    other_year = make_item(township=a, published=True, published_on=datetime.date(2025, 1, 5))
    other_body = make_item(township=b, published=True, written_on=early,
                      published_on=datetime.date(2024, 1, 5))
    assert first.index_no.endswith("2024-00001")
    assert second.index_no.endswith("2024-00002")
    assert other_year.index_no.endswith("2025-00001")
    assert other_body.index_no.endswith("2024-00001")
    assert len({first.index_no, second.index_no, other_year.index_no, other_body.index_no}) == 4


@pytest.mark.django_db
def test_index_number_never_changes_on_edit():
    township = make_township()
    item = make_item(township=township, published=True, published_on=datetime.date(2024, 5, 6))
    original = item.index_no
    item.title = "修改后的标题：关于调整村级公益岗位的通知"
    item.published_on = datetime.date(2024, 6, 1)
    item.full_clean()
    item.save()
    item.refresh_from_db()
    assert item.index_no == original


@pytest.mark.django_db
def test_drafts_have_no_index_number_yet():
    item = make_item(township=make_township())
    assert item.index_no is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_generation_never_repeats_a_serial():
    """Runs on PostgreSQL (CI): eight threads, own connections, one prefix and year."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers anyway")
    results, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                results.append(next_index_no("11990100MB1234567X", 2024))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 40
    assert len(set(results)) == 40
    assert max(results).endswith("2024-00040")
