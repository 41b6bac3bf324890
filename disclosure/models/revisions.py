"""Revisions of published disclosure items.

The item row holds the live, published content. Editing a published item writes an open
`ItemRevision` (a JSON snapshot of the editable fields), which goes through the chain while
the item stays online unchanged; publishing the revision copies it into the item. Every
published revision is kept, number 1 being the first publication.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosure.uploads import validate_upload

from .attachments import UploadedFileMixin, attachment_path

# The item fields a revision carries; everything else (索引号, 发布日期, township) stays.
REVISED_FIELDS = (
    "title", "summary", "body", "category", "office", "publisher_name", "written_on",
    "doc_number", "topic", "doc_type", "disclosure_mode", "validity", "repealed_on",
    "keywords", "importance", "interprets",
)
#: 所解读的政策文件: a list of item ids (the PolicyLink rows once published).
_LINK_FIELDS = {"interprets"}
_FK_FIELDS = {"category", "office"}
_DATE_FIELDS = {"written_on", "repealed_on"}


def attachment_record(attachment) -> dict:
    return {"id": attachment.pk, "title": attachment.display_title,
            "name": attachment.original_name, "path": attachment.file.name,
            "size": attachment.size}


def snapshot_item(item) -> dict:
    """The revised fields of an item as JSON-safe data, with a record of its attachments."""
    data = {"attachments": [attachment_record(a) for a in item.attachments.all()]} \
        if item.pk else {}
    for name in REVISED_FIELDS:
        if name in _LINK_FIELDS:
            data[name] = linked_ids(item)
        elif name in _FK_FIELDS:
            data[name] = getattr(item, f"{name}_id")
        elif name in _DATE_FIELDS:
            value = getattr(item, name)
            data[name] = value.isoformat() if value else None
        else:
            data[name] = getattr(item, name)
    return data


def linked_ids(item) -> list[int]:
    """The documents an item interprets as the version at hand says: a snapshot applied to
    the instance (an open revision, a form being saved) or else its live links."""
    pending = getattr(item, "_interprets_snapshot", None)
    if pending is not None:
        return list(pending)
    if not item.pk:
        return []
    return sorted(item.document_links.values_list("document_id", flat=True))


def apply_snapshot(item, data: dict) -> None:
    """Copy a snapshot onto an item instance (not saved)."""
    for name in REVISED_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in _LINK_FIELDS:
            item._interprets_snapshot = sorted(int(v) for v in value or [])
        elif name in _FK_FIELDS:
            setattr(item, f"{name}_id", value)
        elif name in _DATE_FIELDS:
            setattr(item, name, datetime.date.fromisoformat(value) if value else None)
        else:
            setattr(item, name, value if value is not None else "")


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    CHANGES_REQUESTED = "changes_requested", _("退回修改")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    DISCARDED = "discarded", _("已放弃")


OPEN_REVISION_STATES = (RevisionStatus.DRAFT, RevisionStatus.IN_REVIEW,
                        RevisionStatus.CHANGES_REQUESTED, RevisionStatus.APPROVED)


class ItemRevision(models.Model):
    Status = RevisionStatus

    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.PROTECT,
                             related_name="revisions", verbose_name=_("所属信息"))
    number = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("内容"), default=dict)
    status = models.CharField(_("状态"), max_length=20, choices=RevisionStatus.choices,
                              default=RevisionStatus.DRAFT)
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="item_revisions", null=True, blank=True,
                                   verbose_name=_("修改人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息修订版本")
        verbose_name_plural = _("信息修订版本")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="revision_unique_number"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status__in=[s.value for s in OPEN_REVISION_STATES]),
                name="revision_one_open_per_item",
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s（第%(n)s版）") % {"title": self.data.get("title", ""), "n": self.number}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION_STATES

    @property
    def title(self) -> str:
        return self.data.get("title", "")

    def as_item(self):
        """An unsaved copy of the item carrying this revision's content (for checks)."""
        from copy import copy

        item = copy(self.item)
        apply_snapshot(item, self.data)
        return item


class RevisionAttachment(UploadedFileMixin, models.Model):
    """A file a revision adds to its item; it becomes an Attachment when the revision is
    published. (Files the revision drops are listed in `data["removed_attachments"]`.)"""

    revision = models.ForeignKey(ItemRevision, on_delete=models.CASCADE,
                                 related_name="new_attachments", verbose_name=_("修订版本"))
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200,
                            validators=[validate_upload])
    title = models.CharField(_("附件名称"), max_length=200, blank=True,
                             help_text=_("留空则使用上传的文件名。"))
    original_name = models.CharField(_("原文件名"), max_length=200, editable=False)
    extension = models.CharField(_("类型"), max_length=10, editable=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("修订新增附件")
        verbose_name_plural = _("修订新增附件")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.display_title

