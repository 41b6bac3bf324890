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


def _public_row_changed(sender, instance, **kwargs) -> None:
    """An item or annual report: saved while public (or just withdrawn), or deleted."""
    if kwargs.get("raw"):
        return
    if instance.status in PUBLIC_TRACE or kwargs.get("signal") is post_delete:
        _bump_township(instance.township_id)


#: Attachment model -> (owner model, the attachment's field naming its owner).
FILE_OWNERS = {Attachment: (DisclosureItem, "item_id"),
               ReportAttachment: (AnnualReport, "report_id")}


def _file_changed(sender, instance, **kwargs) -> None:
    """An attachment of a public (or just withdrawn) item or report."""
    owner, field = FILE_OWNERS[sender]
    row = owner.objects.filter(pk=getattr(instance, field)).values(
        "status", "township_id").first()
    if row and row["status"] in PUBLIC_TRACE:
        _bump_township(row["township_id"])


def connect() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete)):
        for model in (DisclosureItem, AnnualReport):
            signal.connect(_public_row_changed, sender=model,
                           dispatch_uid=f"pagecache-{model.__name__}-{name}")
        for model in FILE_OWNERS:
            signal.connect(_file_changed, sender=model,
                           dispatch_uid=f"pagecache-{model.__name__}-{name}")
        for model in (County, Township, Office, Category):
            signal.connect(_bump_all, sender=model,
                           dispatch_uid=f"pagecache-{model.__name__}-{name}")
