"""What makes cached pages stale: after the transaction commits, bump the counters of every
page that can show the changed row (pagecache.generations).

Items and their attachments count when the item is public or has just stopped being so
(published, withdrawn, deleted); drafts and reviews show nowhere public. Annual reports
likewise. The county, townships, offices and the catalogue appear on every page, so they
bump `all`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from config import generations
from disclosure.models import Attachment, Category, DisclosureItem
from disclosure.models.items import Status
from reports.models import AnnualReport, ReportAttachment
from townships.models import County, Office, Township

PUBLIC_TRACE = {Status.PUBLISHED, Status.WITHDRAWN}


def _bump_township(township_id: int | None) -> None:
    if township_id is None:
        return
    slug = Township.objects.filter(pk=township_id).values_list("slug", flat=True).first()
    names = [generations.SITE]
    if slug:
        names.append(generations.township_scope(slug))
    transaction.on_commit(lambda: generations.bump(*names))


def _bump_all(**_kwargs) -> None:
    transaction.on_commit(lambda: generations.bump(generations.ALL))


def _item_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    if instance.status in PUBLIC_TRACE or kwargs.get("signal") is post_delete:
        _bump_township(instance.township_id)


def _attachment_changed(sender, instance, **kwargs) -> None:
    item = DisclosureItem.objects.filter(pk=instance.item_id).values(
        "status", "township_id").first()
    if item and item["status"] in PUBLIC_TRACE:
        _bump_township(item["township_id"])


def _report_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    if instance.status in PUBLIC_TRACE or kwargs.get("signal") is post_delete:
        _bump_township(instance.township_id)


def _report_attachment_changed(sender, instance, **kwargs) -> None:
    report = AnnualReport.objects.filter(pk=instance.report_id).values(
        "status", "township_id").first()
    if report and report["status"] in PUBLIC_TRACE:
        _bump_township(report["township_id"])


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_item_changed, sender=DisclosureItem, dispatch_uid=f"pc-item-{signal}")
        signal.connect(_attachment_changed, sender=Attachment,
                       dispatch_uid=f"pc-att-{signal}")
        signal.connect(_report_changed, sender=AnnualReport, dispatch_uid=f"pc-rep-{signal}")
        signal.connect(_report_attachment_changed, sender=ReportAttachment,
                       dispatch_uid=f"pc-repatt-{signal}")
        for model in (County, Township, Office, Category):
            signal.connect(_bump_all, sender=model,
                           dispatch_uid=f"pc-all-{model.__name__}-{signal}")
