"""Compute every check for every township of a county and store the result.

Called by `manage.py refresh_oversight` (scheduled every few minutes, docs/OVERSIGHT.md) and
by the dashboard's "update now" button for county admins. Each check runs a few aggregate
queries over all townships; the results are written in one transaction, so the dashboard
always reads a complete run.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import linkscan, workdays
from .checks import CHECKS, Context
from .models import SnapshotRun, TownshipSnapshot

logger = logging.getLogger(__name__)
KEEP_RUNS = 5
LOCK_SECONDS = 30 * 60


class RefreshRunning(Exception):  # noqa: N818 - the name reads as the condition
    def __init__(self):
        super().__init__(_("汇总数据正在更新中，请稍后再试。"))


def _lock_key(county) -> str:
    return f"oversight:refresh:{county.pk}"


def refresh(county, *, today=None, log: Callable[[str], None] | None = None) -> SnapshotRun:
    """Run every check for the county; one refresh per county at a time (a cache lock)."""
    lock = _lock_key(county)
    if not cache.add(lock, 1, LOCK_SECONDS):
        raise RefreshRunning
    try:
        return _refresh(county, today=today, log=log or (lambda _message: None))
    finally:
        cache.delete(lock)


def _refresh(county, *, today, log) -> SnapshotRun:
    started = timezone.now()
    clock = time.monotonic()
    days = workdays.rebuild()
    log(f"working-day index: {days} days ({time.monotonic() - clock:.1f}s)")
    clock = time.monotonic()
    scanned = linkscan.sync()
    log(f"link scan: {scanned} item bodies ({time.monotonic() - clock:.1f}s)")
    ctx = Context(county, today=today)
    data: dict[int, dict] = defaultdict(dict)
    ctx.results = data  # the inspection check reads the results before it
    timings = {}
    with transaction.atomic():
        _no_jit()
        for check in CHECKS:
            if check.live:
                continue  # read on each dashboard load
            clock = time.monotonic()
            for township_id, values in check.summarize(ctx).items():
                data[township_id][check.key] = values
            timings[check.key] = round(time.monotonic() - clock, 3)
            log(f"{check.key}: {timings[check.key]:.2f}s")
    ctx.notes["timings"] = timings
    with transaction.atomic():
        run = SnapshotRun.objects.create(county=county, as_of=ctx.today, started_at=started,
                                         notes=ctx.notes)
        TownshipSnapshot.objects.bulk_create(
            [TownshipSnapshot(run=run, township_id=tid, data=data[tid])
             for tid in ctx.township_ids], batch_size=500)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        keep = (SnapshotRun.objects.filter(county=county).order_by("-started_at")
                .values_list("pk", flat=True)[:KEEP_RUNS])
        SnapshotRun.objects.filter(county=county).exclude(pk__in=list(keep)).delete()
    return run


def refresh_in_background(county) -> threading.Thread | None:
    """Start a refresh on its own thread and database connection and return at once (a
    web request must not wait for it: with a million items it takes tens of seconds). None
    when one is already running for the county."""
    if cache.get(_lock_key(county)):
        return None

    def run() -> None:
        try:
            refresh(county)
        except RefreshRunning:
            pass
        except Exception:
            logger.exception("oversight refresh of county %s failed", county.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=f"oversight-refresh-{county.pk}", daemon=True)
    thread.start()
    return thread


def _no_jit() -> None:
    """PostgreSQL's JIT spends about a second compiling each of these one-off aggregates
    and gains nothing; off for this transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def latest_run(county) -> SnapshotRun | None:
    return (SnapshotRun.objects.filter(county=county, finished_at__isnull=False)
            .order_by("-finished_at").first())
