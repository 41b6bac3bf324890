"""The planner-driven paths of search on PostgreSQL (search/query.py, docs/SEARCH.md "Cost")
give the same results as the plain ones: a term expected in very many entries is not
counted and its newest matches are found by a bounded walk of the date index plus the GIN
index for older entries. Forced here on the relevance corpus: every query's page, count and
order must not change, and an over-estimate must never leave a wrong count on the page."""

import pytest
from django.db import connection
from django.test import override_settings

from search import query
from search.query import Filters, search

from .test_relevance import CASES, _filters

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="the planner's estimate and GIN index: PostgreSQL")]

FORCED = {"SEARCH_SORT_MATCHES": -1, "SEARCH_WALK_ROWS": 3}


@pytest.fixture(params=[0.0, 1.1], ids=["titles-walked", "titles-sorted"])
def title_density(request, monkeypatch):
    """Both ways of reading the newest title matches within the floor."""
    monkeypatch.setattr(query, "TITLE_WALK_DENSITY", request.param)


def _seen(results):
    return ([e.pk for e in results.entries], results.total, results.pageable, results.partial)


@pytest.mark.parametrize(("q", "names"), [(q, f) for q, f, _e in CASES]
                         + [("宅基地", {}), ("镇", {}), ("公开", {"kind": "report"})])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_forced_paths_give_the_same_page_count_and_order(made, q, names, sort, title_density):
    filters = _filters(made, names)
    plain = _seen(search(q, filters=filters, sort=sort))
    with override_settings(**FORCED):
        forced = _seen(search(q, filters=filters, sort=sort))
    assert forced == plain


def test_bounded_walk_returns_the_newest_matches_in_order(made):
    from search.models import SearchEntry

    matches = SearchEntry.objects.filter(title__contains="")
    everything = list(matches.order_by("-published_on", "-id").values_list("id", flat=True))
    assert len(everything) > 10
    for rows in (1, 3, 7, len(everything) + 5):
        with override_settings(SEARCH_WALK_ROWS=rows):
            for window in (1, 5, len(everything)):
                assert query._newest(matches, window, sort=False) == everything[:window]
                assert query._newest(matches, window, sort=False, walk=False) \
                    == everything[:window]
                assert query._newest(matches, window, sort=True) == everything[:window]


def test_uncounted_term_says_more_than_only_while_the_candidates_fill_the_window(made):
    with override_settings(**FORCED, SEARCH_RANK_WINDOW=2):
        many = search("镇", filters=Filters())
        assert many.capped
        assert many.pageable >= 2
    with override_settings(**FORCED, SEARCH_RANK_WINDOW=500):
        few = search("宅基地", filters=Filters())
    assert not few.capped
    assert few.total == search("宅基地", filters=Filters()).total


def test_date_sort_of_uncounted_term_counts_when_the_last_page_shows(made):
    exact = search("宅基地", filters=Filters(), sort="date")
    with override_settings(**FORCED):
        found = search("宅基地", filters=Filters(), sort="date", page=7)
    assert found.total == exact.total < 20
    assert found.page == 1
    assert [e.pk for e in found.entries] == [e.pk for e in exact.entries]


def test_planner_estimate_is_read_without_running_the_query(made):
    from search.models import SearchEntry

    statements = []

    def record(run, sql, params, many, context):
        statements.append(sql)
        return run(sql, params, many, context)

    with connection.execute_wrapper(record):
        expected = query._expected(SearchEntry.objects.filter(year__gte=2000))
    assert [sql.split(" ", 1)[0] for sql in statements] == ["EXPLAIN"]
    assert expected > 0


@pytest.mark.parametrize(("q", "names"), [(q, f) for q, f, _e in CASES] + [("宅基地", {})])
def test_date_order_from_the_cost_paths_is_the_plain_date_order(made, q, names):
    from search import text
    from search.models import SearchEntry

    terms, exact = text.query_terms(q), query.exact_match(q)
    if not terms:
        pytest.skip("no terms")
    base = _filters(made, names).apply(SearchEntry.objects.filter(township__is_active=True))
    matched, _ranked = query._postgres(base, terms, exact, q, "&")
    plain = list(matched.annotate(exact=query._exact_flag(exact))
                 .order_by("-exact", "-published_on", "-id").values_list("id", flat=True)[:40])
    for settings in ({}, FORCED):
        with override_settings(**settings):
            _matched, ranked = query._postgres(base, terms, exact, q, "&")
            assert ranked.newest(40) == plain


def test_text_vector_is_kept_in_the_row():
    with connection.cursor() as cursor:
        cursor.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = "
                       "'search_searchentry'::regclass AND attname = 'document'")
        assert cursor.fetchone()[0] == "m"  # MAIN (search 0005)


def test_a_filter_without_recent_entries_walks_on_with_the_planners_density(made, monkeypatch):
    """A year filter leaves no entry within the walk's floor: the density seen there says
    nothing, so the planner's is taken; walking on and sorting give the same ids."""
    from search.models import SearchEntry

    newest = SearchEntry.objects.order_by("-published_on", "-id").first()
    rows = SearchEntry.objects.filter(published_on__lt=newest.published_on)
    matches = rows.filter(title__contains="")
    everything = list(matches.order_by("-published_on", "-id").values_list("id", flat=True))
    assert len(everything) > 5
    chosen = []
    real = query._walk_on
    monkeypatch.setattr(query, "_walk_on", lambda *args: chosen.append(real(*args))
                        or chosen[-1])
    with override_settings(SEARCH_WALK_ROWS=1):  # the floor: the newest entry's date
        for window in (1, 4, len(everything)):
            assert query._newest(matches, window, sort=False, rows=rows) == everything[:window]
    assert chosen == [True, True, True]  # every match of a title "" is a match: density 1
    monkeypatch.setattr(query, "_walk_on", lambda *args: False)
    with override_settings(SEARCH_WALK_ROWS=1):
        assert query._newest(matches, 4, sort=False, rows=rows) == everything[:4]
