"""Records of the scheduled content scans: internal links found in item bodies, and
attachment files missing from storage. Nothing here is computed on page load."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanState(models.Model):
    """A named watermark, e.g. the `updated_at` up to which item bodies were scanned."""

    key = models.CharField(max_length=40, unique=True)
    value = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("扫描进度")
        verbose_name_plural = _("扫描进度")

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class LinkKind(models.TextChoices):
    NONE = "none", _("不存在的页面")
    ITEM = "item", _("信息页")
    CATEGORY = "category", _("目录页")
    TOWNSHIP = "township", _("乡镇专栏页")
    ATTACHMENT = "attachment", _("信息附件")
    REPORT = "report", _("年度报告")
    REPORT_FILE = "report_file", _("年度报告附件")
    MEDIA = "media", _("上传文件")
    PAGE = "page", _("其他页面")


class InternalLink(models.Model):
    """A link from an item's body to a page of this site, resolved to what it points at.

    Whether the target is still public is decided by a query at refresh time, so an item
    withdrawn later breaks the links to it without rescanning the bodies that hold them.
    """

    Kind = LinkKind

    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("所在信息"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    url = models.CharField(_("链接"), max_length=500)
    kind = models.CharField(_("指向"), max_length=12, choices=LinkKind.choices)
    target_slug = models.CharField(max_length=40, blank=True)
    target_id = models.BigIntegerField(null=True)
    target_part = models.BigIntegerField(null=True)  # attachment id or report year
    target_path = models.CharField(max_length=300, blank=True)  # media file name

    class Meta:
        verbose_name = _("站内链接")
        verbose_name_plural = _("站内链接")
        indexes = [models.Index(fields=["township", "kind"])]

    def __str__(self) -> str:
        return self.url


class FileCheckRun(models.Model):
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    files_checked = models.PositiveIntegerField(_("检查文件数"), default=0)
    files_missing = models.PositiveIntegerField(_("缺失文件数"), default=0)

    class Meta:
        verbose_name = _("附件文件检查")
        verbose_name_plural = _("附件文件检查")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class MissingFile(models.Model):
    """An attachment of a published item or report whose file is not in storage."""

    run = models.ForeignKey(FileCheckRun, on_delete=models.CASCADE, related_name="missing",
                            verbose_name=_("检查批次"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="+", verbose_name=_("信息"))
    report = models.ForeignKey("reports.AnnualReport", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="+", verbose_name=_("年度报告"))
    attachment_id = models.BigIntegerField(_("附件编号"))
    title = models.CharField(_("附件名称"), max_length=200)
    path = models.CharField(_("存储路径"), max_length=200)

    class Meta:
        verbose_name = _("缺失的附件文件")
        verbose_name_plural = _("缺失的附件文件")
        ordering = ["township", "path"]
        indexes = [models.Index(fields=["run", "township"])]

    def __str__(self) -> str:
        return self.path
