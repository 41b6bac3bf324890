"""Running a search: one interface, PostgreSQL full-text search or a simple SQLite fallback.

PostgreSQL (docs/SEARCH.md): the query's terms become a tsquery matched against the
GIN-indexed `document` column. Relevance is computed only for a bounded candidate set (the
newest matches in the whole text, the newest matches in titles and 文号, and exact 索引号 /
文号 hits), and hits are counted only up to a cap, so no query touches every matching row.
SQLite: every term must occur (LIKE) in the title, metadata or text; the score weighs where.
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import OperationalError, connection, connections, router, transaction
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from disclosure.numbers import is_valid_doc_number, normalize_doc_number, parse_index_no

from . import text
from .models import SearchEntry

log = logging.getLogger(__name__)

# ts_rank weights for D (attachments), C (body, other metadata), B (文号, keywords, summary)
# and A (title).
RANK_WEIGHTS = "{0.05,0.2,0.5,1.0}"


@dataclass
class Filters:
    township_id: int | None = None
    category_ids: list[int] | None = None
    year: int | None = None
    validity: str = ""
    disclosure_mode: str = ""
    kind: str = ""

    def apply(self, qs):
        if self.township_id:
            qs = qs.filter(township_id=self.township_id)
        if self.category_ids is not None:
            qs = qs.filter(category_id__in=self.category_ids)
        if self.year:
            qs = qs.filter(year=self.year)
        if self.validity:
            qs = qs.filter(validity=self.validity)
        if self.disclosure_mode:
            qs = qs.filter(disclosure_mode=self.disclosure_mode)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        return qs


@dataclass
class Results:
    query: str
    terms: list[text.Term]
    entries: list[SearchEntry] = field(default_factory=list)
    total: int = 0  # counted up to settings.SEARCH_RESULT_LIMIT (+1 when capped)
    pageable: int = 0
    partial: bool = False  # no entry matched every term; these match some of them
    timed_out: bool = False  # cut off by SEARCH_TIMEOUT_MS: nothing to show, say so
    page: int = 1
    page_size: int = 20

    @property
    def capped(self) -> bool:
        return self.total > settings.SEARCH_RESULT_LIMIT

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.pageable // self.page_size))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1


class Matches(Func):
    """`vector @@ query` as a boolean expression (columns stay aliased in subqueries)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Rank(Func):
    template = f"ts_rank('{RANK_WEIGHTS}'::float4[], %(expressions)s, 1)"
    output_field = FloatField()


class AnyOf(RawSQL):
    """`id = ANY(<the list as one array parameter>)`: `id__in` prepares each of up to a
    thousand candidate ids through the field on every search (about 1 ms of Python)."""

    def __init__(self, ids: list[int]):
        super().__init__(f'"{SearchEntry._meta.db_table}"."id" = ANY(%s)', [ids],
                         output_field=BooleanField())


def _tsquery(value: str):
    return Cast(Value(value), output_field=SearchQueryField())


def exact_match(query: str) -> Q | None:
    """Q for an exact 索引号 or 文号, when the query is one."""
    raw = "".join(query.split())
    conditions = Q()
    if parse_index_no(raw.upper()):
        conditions |= Q(index_no=raw.upper())
    number = normalize_doc_number(raw)
    if is_valid_doc_number(number):
        conditions |= Q(doc_number=number)
    return conditions or None


def _exact_flag(exact: Q | None):
    if exact is None:
        return Value(0, output_field=IntegerField())
    return Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField())


def search(query: str, *, filters: Filters, sort: str = "relevance", page: int = 1,
           page_size: int = 20) -> Results:
    query = " ".join((query or "").split())[:text.MAX_QUERY_CHARS]
    terms = text.query_terms(query)
    results = Results(query=query, terms=terms, page=max(1, page), page_size=page_size)
    try:
        with _time_limit():
            return _search(results, query, terms, filters, sort)
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) != QUERY_CANCELED:
            raise
        log.warning("search timed out after %s ms: %r", settings.SEARCH_TIMEOUT_MS, query)
        return Results(query=query, terms=terms, page=1, page_size=page_size,
                       timed_out=True)


def _search(results: Results, query: str, terms, filters: Filters, sort: str) -> Results:
    base = filters.apply(SearchEntry.objects.filter(township__is_active=True))
    exact = exact_match(query) if query else None
    if not terms and exact is None:
        if query:
            return results  # nothing searchable (punctuation only)
        return _run(results, base, None, None, sort="date")
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    matched, ranked = backend(base, terms, exact, query, "&")
    results = _run(results, matched, ranked, exact, sort=sort)
    if results.total == 0 and len(terms) > 1:
        matched, ranked = backend(base, terms, exact, query, "|")
        results = _run(results, matched, ranked, exact, sort=sort)
        results.partial = results.total > 0
    return results


QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cut off by its timeout


@contextmanager
def _time_limit():
    """No statement of one search runs longer than SEARCH_TIMEOUT_MS (PostgreSQL; 0: no
    limit): a pathological query gives the visitor a message instead of holding a worker
    and a database core for seconds. The limit lasts for this transaction only."""
    alias = router.db_for_read(SearchEntry)
    if settings.SEARCH_TIMEOUT_MS <= 0 or connections[alias].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)",
                           [str(settings.SEARCH_TIMEOUT_MS)])
        yield


def _count(matched, limit: int) -> int:
    return matched.values("id")[:limit + 1].count()


def _run(results: Results, matched, ranked, exact, *, sort: str) -> Results:
    """`ranked` (PostgreSQL) gives, for relevance, (how many candidates, the candidates,
    whether every match was seen) and, as `ranked.newest(n)`, the first n ids by date; a
    term the planner expects in very many entries is not counted (the count would read each
    of them): `total` says "more than the limit" until fewer matches than expected turn up."""
    limit = settings.SEARCH_RESULT_LIMIT
    many = getattr(ranked, "many", False)
    results.total = limit + 1 if many else _count(matched, limit)
    if sort == "relevance" and ranked is not None:
        count, candidates, complete = ranked()
        if many and complete:
            results.total = _count(matched, limit)
        ordered = candidates.order_by("-exact", "-score", "-published_on", "-id")
        results.pageable = min(count, limit)
        # Ranked by id alone, then the page's rows read with their township and column:
        # joining every candidate (hundreds) only to show twenty cost a third of the query.
        fetch = _by_ids(lambda n: list(ordered.values_list("id", flat=True)[:n]))
    else:
        results.pageable = min(results.total, limit)
        newest = getattr(ranked, "newest", None)
        fetch = _by_ids(newest) if newest is not None else _sliced(
            matched.annotate(exact=_exact_flag(exact)).order_by("-exact", "-published_on", "-id"))
    _fetch_page(results, fetch)
    if many and sort != "relevance" and len(results.entries) < results.page_size:
        results.total = _count(matched, limit)  # the end is near: the real count is small
        results.pageable = min(results.total, limit)
        if (results.page - 1) * results.page_size >= results.pageable > 0:
            _fetch_page(results, fetch)
    return results


def _fetch_page(results: Results, fetch) -> None:
    results.page = min(results.page, results.num_pages)
    start = (results.page - 1) * results.page_size
    results.entries = fetch(start, start + results.page_size)


def _shown(queryset):
    return queryset.select_related("township", "category").defer("document", "title_vector")


def _sliced(ordered):
    return lambda start, stop: list(_shown(ordered)[start:stop])


def _by_ids(newest):
    def fetch(start, stop):
        ids = newest(stop)[start:]
        rows = _shown(SearchEntry.objects.filter(id__in=ids)).in_bulk()
        return [rows[pk] for pk in ids if pk in rows]
    return fetch


def _expected(matches) -> int:
    """The rows the planner expects `matches` to give (EXPLAIN, no execution): its
    statistics of the vector columns' lexemes make this close for one or two terms."""
    plan = json.loads(matches.values("id").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def _postgres(base, terms, exact, query, operator):
    """(all matches as a queryset, a function giving the ranked candidates; see `_run`)."""
    window = settings.SEARCH_RANK_WINDOW
    if terms:
        tsq = _tsquery(text.tsquery(terms, operator))
        in_text = Q(Matches(F("document"), tsq))
        in_title = Q(Matches(F("title_vector"), tsq))
    else:
        tsq, in_text, in_title = None, Q(pk__in=[]), Q(pk__in=[])
    matched = base.filter(in_text | exact if exact is not None else in_text)
    many = tsq is not None and _expected(base.filter(in_text)) > settings.SEARCH_SORT_MATCHES

    def ranked():
        """The candidates, fetched as ids: each list is read either through the GIN index
        (every match, sorted by date) or, for a frequent term, by walking the date index;
        ranking reads rows by primary key. Also whether the text's list holds every match."""
        text_ids = _newest(base.filter(in_text), window, sort=not many, rows=base)
        ids = set(text_ids)
        in_titles = _expected(base.filter(in_title)) if many else 0
        sort_title = not many or in_titles <= settings.SEARCH_SORT_MATCHES
        # Walked, a title costs a read of its vector from TOAST: below this density the
        # newest titles' matches are cheaper read from the dated GIN index and sorted.
        walk_title = not sort_title and in_titles > TITLE_WALK_DENSITY * _expected(base)
        ids.update(_newest(base.filter(in_title), window, sort=sort_title, rows=base,
                           walk=walk_title))
        if exact is not None:
            ids.update(base.filter(exact).values_list("id", flat=True)[:window])
        score = Value(0.0)
        if tsq is not None:
            score = (Rank(F("document"), tsq)
                     + Case(When(in_title, then=Value(0.5)), default=Value(0.0))
                     + Case(When(title__icontains=query, then=Value(1.0)), default=Value(0.0)))
        candidates = SearchEntry.objects.filter(AnyOf(sorted(ids))).annotate(
            exact=_exact_flag(exact), score=Cast(score, FloatField()))
        return len(ids), candidates, len(text_ids) < window

    def newest(n: int) -> list[int]:
        """The first n ids by date: exact 索引号/文号 hits first, as the date sort shows."""
        first = [] if exact is None else list(
            base.filter(exact).order_by("-published_on", "-id").values_list("id", flat=True)[:n])
        rest = (_newest(base.filter(in_text), n, sort=not many, rows=base)
                if tsq is not None else [])
        shown = set(first)
        return (first + [pk for pk in rest if pk not in shown])[:n]

    ranked.many, ranked.newest = many, newest
    return matched, ranked


# Measured at a million entries, in microseconds: testing one entry on the date walk (its
# vector kept in the row, search 0005; 5 µs when it was read from TOAST) and reading and
# sorting one match found through the GIN index.
WALK_COST, SORT_COST = 1.8, 7.0
# A title tested on the walk costs about 5 µs (its vector is read from TOAST), a match read
# within the floor from the dated GIN index and sorted about 4 µs: walking 500 / d titles
# beats sorting d × SEARCH_WALK_ROWS matches above a density d of about 0.18 (measured at
# a million: 公示 0.15 and 农村 0.12 in titles 17–19 → 12–14 ms sorted; 镇 0.77 walked 4 ms,
# sorted 74 ms).
TITLE_WALK_DENSITY = 0.18


def _newest(matches, window: int, *, sort: bool, rows=None, walk: bool = True) -> list[int]:
    """The ids of the newest `window` matches.

    The planner picks between walking the date index (testing each row's vector) and the
    GIN index (every match, then sorted) assuming a term is spread evenly over time; at a
    million rows it walked the whole table for a term found only in older entries (`2024`:
    449,021 rows, 2.4 s). `sort` (few matches, counted or expected) forces
    the GIN index: `published_on + 0` sorts the same but cannot be read from the date index.
    Otherwise the walk is confined to the newest SEARCH_WALK_ROWS entries; matches still
    wanted come from older entries, by walking on if the term's density makes that
    cheaper than sorting every older match from the GIN index (`_walk_on`): the same ids,
    in the same order, either way. `rows` is what the matches are taken from (the filters,
    without the terms). `walk=False` reads the matches within the floor from the (dated)
    GIN index and sorts them instead of walking the date index.
    """
    day = ExpressionWrapper(F("published_on") + Value(0), output_field=DateField())
    if sort:
        return list(matches.annotate(day=day).order_by("-day", "-id")
                    .values_list("id", flat=True)[:window])
    floor = _walk_floor()
    if floor is None:
        return list(matches.order_by("-published_on", "-id").values_list("id", flat=True)[:window])
    within = matches.filter(published_on__gte=floor)
    within = (within.order_by("-published_on", "-id") if walk
              else within.annotate(day=day).order_by("-day", "-id"))
    ids = list(within.values_list("id", flat=True)[:window])
    wanted = window - len(ids)
    if wanted:
        older = matches.filter(published_on__lt=floor)
        if _walk_on(len(ids), wanted, older, rows, floor):
            ordered = older.order_by("-published_on", "-id")
        else:  # the bound on the expression: on the column, spanning nearly every date,
            # the dated GIN index would list each date's entries (`2024`: 0.66 → 1.1 s)
            ordered = matches.annotate(day=day).filter(day__lt=floor).order_by("-day", "-id")
        ids += ordered.values_list("id", flat=True)[:wanted]
    return ids


# Fewer entries than this walked within the floor (a filter that leaves out the newest
# entries, such as an earlier year) tell nothing of the term's density there.
MIN_WALKED = 1000


def _walk_on(found: int, wanted: int, older, rows, floor) -> bool:
    """Whether walking on through the entries older than `floor` is cheaper than sorting
    every older match from the GIN index. The density of the term is what the walk met
    within the floor (`found` of the entries walked); where it walked too few entries of
    `rows` to tell, the planner's (its estimate of the older matches over the older
    entries of `rows`). A year filter with a frequent word (公示, 2023: no entry of 2023
    among the newest) sorted some 50,000 matches, twice: 0.45 s; the walk reads the year's
    own index and stops at the 500th match."""
    expected = _expected(older)
    walked = settings.SEARCH_WALK_ROWS if rows is None else (
        rows.filter(published_on__gte=floor).values("id")[:settings.SEARCH_WALK_ROWS].count())
    if walked >= min(MIN_WALKED, settings.SEARCH_WALK_ROWS):
        density = found / walked
    else:
        density = expected / max(1, _expected(rows.filter(published_on__lt=floor)))
    return density > 0 and wanted / density * WALK_COST < expected * SORT_COST


_floor: tuple[float, int, object] = (0.0, 0, None)


def _walk_floor():
    """The publication date of the SEARCH_WALK_ROWS-th newest entry (None: fewer entries),
    read from the date index at most once a minute per process. Any date splits the
    matches exactly; this one bounds the walk."""
    global _floor
    now, rows = time.monotonic(), settings.SEARCH_WALK_ROWS
    if _floor[0] <= now or _floor[1] != rows:
        days = list(SearchEntry.objects.order_by("-published_on", "-id")
                    .values_list("published_on", flat=True)[rows - 1:rows])
        _floor = (now + 60, rows, days[0] if days else None)
    return _floor[2]


_SQLITE_FIELDS = ("title", "summary", "meta", "doc_number", "index_no", "content")


def _sqlite(base, terms, exact, query, operator):
    def contains(value):
        condition = Q()
        for name in _SQLITE_FIELDS:
            condition |= Q(**{f"{name}__icontains": value})
        return condition

    def anywhere(term):
        """The term, or (as on PostgreSQL) every pair of its characters."""
        condition = contains(term.text)
        if term.kind == "cjk" and len(term.text) > 2:
            pairs = Q()
            for i in range(len(term.text) - 1):
                pairs &= contains(term.text[i:i + 2])
            condition |= pairs
        return condition

    conditions = [anywhere(t) for t in terms]
    match = Q()
    for condition in conditions:
        match = (match & condition) if operator == "&" else (match | condition)
    if exact is not None:
        match |= exact
    matched = base.filter(match)
    score = Case(When(title__icontains=query, then=Value(20.0)), default=Value(0.0))
    for term in terms:
        score += Case(When(title__icontains=term.text, then=Value(10.0)), default=Value(0.0))
        meta = (Q(summary__icontains=term.text) | Q(meta__icontains=term.text)
                | Q(doc_number__icontains=term.text))
        score += Case(When(meta, then=Value(4.0)), default=Value(0.0))
        score += Case(When(content__icontains=term.text, then=Value(1.0)),
                      default=Value(0.0))
    ranked = matched.annotate(exact=_exact_flag(exact), score=score)
    return matched, lambda: (ranked.count(), ranked, True)
