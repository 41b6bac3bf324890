"""Which attachments of published items and reports have no file in storage.

Run by `manage.py check_attachment_files` on a schedule (it touches storage once per
distinct file name, so it never runs on page load). Each run is recorded; the dashboard
shows the latest finished run and when it ran. Attachment rows that share one file are
checked once: the check is per distinct stored name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from disclosure.models import Attachment, DisclosureItem
from reports.models import AnnualReport, ReportAttachment

from .models import FileCheckRun, MissingFile

KEEP_RUNS = 3
CHUNK = 1000


def _item_attachments():
    return Attachment.objects.filter(
        item__status=DisclosureItem.Status.PUBLISHED,
        item__disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE)


def _report_attachments():
    return ReportAttachment.objects.filter(report__status=AnnualReport.Status.PUBLISHED)


def _names(qs) -> Iterable[str]:
    return (qs.exclude(file="").values_list("file", flat=True).distinct().order_by()
            .iterator(chunk_size=5000))


def _chunks(values: list[str]):
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def missing_names(qs, storage, progress: Callable[[int], None] | None = None
                  ) -> tuple[int, list[str]]:
    checked, missing = 0, []
    for name in _names(qs):
        checked += 1
        if not storage.exists(name):
            missing.append(name)
        if progress and checked % 10000 == 0:
            progress(checked)
    return checked, missing


def check_files(*, storage=None, progress=None) -> FileCheckRun:
    storage = storage or default_storage
    run = FileCheckRun.objects.create(started_at=timezone.now())
    item_checked, item_missing = missing_names(_item_attachments(), storage, progress)
    report_checked, report_missing = missing_names(_report_attachments(), storage, progress)
    records = []
    for chunk in _chunks(item_missing):
        records += [MissingFile(run=run, township_id=a.item.township_id, item_id=a.item_id,
                                attachment_id=a.pk, title=a.display_title[:200], path=a.file.name)
                    for a in _item_attachments().filter(file__in=chunk).select_related("item")]
    for chunk in _chunks(report_missing):
        records += [MissingFile(run=run, township_id=a.report.township_id,
                                report_id=a.report_id, attachment_id=a.pk,
                                title=a.display_title[:200], path=a.file.name)
                    for a in _report_attachments().filter(file__in=chunk)
                    .select_related("report")]
    with transaction.atomic():
        MissingFile.objects.bulk_create(records, batch_size=1000)
        run.files_checked = item_checked + report_checked
        run.files_missing = len(item_missing) + len(report_missing)
        run.finished_at = timezone.now()
        run.save(update_fields=["files_checked", "files_missing", "finished_at"])
        old = FileCheckRun.objects.filter(finished_at__isnull=False).order_by(
            "-finished_at").values_list("pk", flat=True)[KEEP_RUNS:]
        FileCheckRun.objects.filter(pk__in=list(old)).delete()
    return run


def latest_run() -> FileCheckRun | None:
    return FileCheckRun.objects.filter(finished_at__isnull=False).order_by(
        "-finished_at").first()
