"""Rebuilding the whole index in chunks (`manage.py rebuild_search_index`).

Each chunk of objects is read with its related rows in a few queries, analysed, and written
with one bulk upsert in its own transaction (on PostgreSQL by COPY, search/bulk.py, with
`synchronous_commit` off): a million-item rebuild holds no giant transaction, reports
progress as it goes, and can be resumed after an interruption (objects indexed since the
unfinished run started are skipped). The Chinese analysis is CPU-bound, so on PostgreSQL the
chunks are shared among worker processes, each with its own connection. SQLite serialises
writers, so it always runs in one process. A whole rebuild ends with VACUUM ANALYZE.
About 1,500 items/s on two cores (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .documents import item_document, known_texts, report_document
from .indexing import public_items, public_reports, write_entries
from .models import IndexRebuild, Kind, SearchEntry

CHUNK_SIZE = 1000


@dataclass
class Outcome:
    items: int = 0
    reports: int = 0
    skipped: int = 0
    removed: int = 0
    seconds: float = 0.0
    workers: int = 1

    @property
    def rate(self) -> float:
        return (self.items + self.reports) / self.seconds if self.seconds else 0.0


def index_chunk(kind: str, pks: list[int]) -> int:
    """Index one chunk of public objects in one transaction; returns the rows written."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A crash may lose the last chunks' commits: the rows they wrote are missing
            # from the index, not corrupt, and `--resume` writes them again.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO off")
        if kind == Kind.ITEM:
            objects = (public_items().filter(pk__in=pks)
                       .select_related("township", "category").prefetch_related("attachments"))
            known = known_texts([a for item in objects for a in item.attachments.all()])
            return write_entries([item_document(item, known) for item in objects])
        objects = (public_reports().filter(pk__in=pks)
                   .select_related("township").prefetch_related("attachments"))
        known = known_texts([a for report in objects for a in report.attachments.all()])
        return write_entries([report_document(report, known) for report in objects])


def _forget_inherited_connections() -> None:
    """In a forked worker: drop the parent's connection objects without closing their
    sockets (closing would end the parent's session); the worker opens its own."""
    for conn in connections.all(initialized_only=True):
        conn.connection = None


def _job(job: tuple[str, list[int]]) -> tuple[str, int]:
    kind, pks = job
    return kind, index_chunk(kind, pks)


def _pending(queryset, kind: str, since) -> tuple[list[int], int]:
    """The public pks still to index (all of them, or those not indexed since `since`).

    "Not indexed" is NOT EXISTS, an anti-join: PostgreSQL runs `NOT IN (subquery)` over a
    million ids as a nested loop when the ids do not fit in `work_mem`."""
    pks = queryset.values_list("pk", flat=True).order_by("pk")
    if since is None:
        return list(pks), 0
    fresh = SearchEntry.objects.filter(kind=kind, object_id=OuterRef("pk"),
                                       indexed_at__gte=since)
    todo = list(pks.filter(~Exists(fresh)))
    return todo, queryset.count() - len(todo)


def _jobs(kind: str, pks: list[int], size: int) -> Iterator[tuple[str, list[int]]]:
    for start in range(0, len(pks), size):
        yield kind, pks[start:start + size]


def _remove_stale() -> int:
    """Delete the rows of objects no longer public (anti-joins, as in `_pending`)."""
    removed = 0
    for kind, public in ((Kind.ITEM, public_items()), (Kind.REPORT, public_reports())):
        stale = SearchEntry.objects.filter(kind=kind).filter(
            ~Exists(public.filter(pk=OuterRef("object_id"))))
        removed += stale.delete()[0]
    return removed


def rebuild(*, workers: int = 1, chunk_size: int = CHUNK_SIZE, resume: bool = False,
            township_ids: list[int] | None = None,
            progress: Callable[[int, int, float], None] | None = None) -> Outcome:
    """Re-index every public object (or those of `township_ids`) and drop stale rows.

    `progress(done, total, seconds)` is called after each chunk.
    """
    run = IndexRebuild.objects.filter(finished_at__isnull=True).first() if resume else None
    since = run.started_at if run else None
    if run is None:
        run = IndexRebuild.objects.create(started_at=timezone.now())
    items, reports = public_items(), public_reports()
    if township_ids is not None:
        items, reports = (items.filter(township_id__in=township_ids),
                          reports.filter(township_id__in=township_ids))
    item_pks, skipped_items = _pending(items, Kind.ITEM, since)
    report_pks, skipped_reports = _pending(reports, Kind.REPORT, since)
    workers = workers if connection.vendor == "postgresql" else 1
    outcome = Outcome(skipped=skipped_items + skipped_reports, workers=workers)
    total = len(item_pks) + len(report_pks)
    IndexRebuild.objects.filter(pk=run.pk).update(total=total, workers=workers)
    jobs = [*_jobs(Kind.ITEM, item_pks, chunk_size), *_jobs(Kind.REPORT, report_pks, chunk_size)]
    started = time.monotonic()
    for kind, written in _run(jobs, workers):
        if kind == Kind.ITEM:
            outcome.items += written
        else:
            outcome.reports += written
        done = outcome.items + outcome.reports
        IndexRebuild.objects.filter(pk=run.pk).update(done=done)
        if progress:
            progress(done, total, time.monotonic() - started)
    if township_ids is None:
        outcome.removed = _remove_stale()
        _tidy()
    outcome.seconds = time.monotonic() - started
    IndexRebuild.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return outcome


def _tidy() -> None:
    """After a whole rebuild (PostgreSQL): fresh statistics for the planner (how common each
    lexeme is decides between the GIN index and the date index), and the new rows' hint bits
    and visibility map set once here instead of by the first searches. About 10–20 s at a
    million rows, so a partial rebuild leaves it to autovacuum. VACUUM cannot run inside a
    transaction (a caller's, or a test's): ANALYZE alone then."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry" if connection.in_atomic_block
                       else "VACUUM ANALYZE search_searchentry")


def _run(jobs: list[tuple[str, list[int]]], workers: int) -> Iterator[tuple[str, int]]:
    if workers <= 1 or len(jobs) <= 1:
        for kind, pks in jobs:
            yield kind, index_chunk(kind, pks)
        return
    # Children are forked: nothing the parent holds open may be shared with them.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_forget_inherited_connections) as pool:
        yield from pool.map(_job, jobs)
