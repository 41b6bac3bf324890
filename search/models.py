"""The search index: one row per public item or annual report, and cached attachment text.

Rows exist only for what the public may see; publishing writes the row, withdrawing or any
other change that takes an object offline deletes it (search/signals.py), in the same
transaction as the change itself.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureItem


class Kind(models.TextChoices):
    ITEM = "item", _("政府信息")
    REPORT = "report", _("年度报告")


class SearchEntry(models.Model):
    Kind = Kind

    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    category = models.ForeignKey("disclosure.Category", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("目录分类"))
    title = models.CharField(_("标题"), max_length=200)
    url = models.CharField(_("网址"), max_length=300)
    index_no = models.CharField(_("索引号"), max_length=32, blank=True)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    meta = models.TextField(_("其他元数据"), blank=True)
    content = models.TextField(_("正文与附件文字"), blank=True)
    # The item's own choices, so a hit shows 有效/失效/废止 (get_validity_display).
    validity = models.CharField(_("有效性"), max_length=10, blank=True,
                                choices=DisclosureItem.Validity.choices)
    disclosure_mode = models.CharField(_("公开方式"), max_length=12, blank=True)
    published_on = models.DateField(_("发布日期"))
    year = models.PositiveSmallIntegerField(_("发布年份"))
    # PostgreSQL only (NULL on SQLite); GIN indexes, each with the publication date, in
    # migrations 0002 and 0006.
    document = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]
        indexes = [
            models.Index(fields=["-published_on", "-id"], name="search_entry_recent"),
            models.Index(fields=["township", "-published_on"], name="search_entry_township"),
            # The public form's filters, newest first (a year or a rare 有效性 alone read
            # the whole date index at a million entries: 0.8–1.4 s).
            models.Index(fields=["year", "-published_on", "-id"], name="search_entry_year"),
            models.Index(fields=["validity", "-published_on", "-id"],
                         name="search_entry_validity"),
            models.Index(fields=["kind", "-published_on", "-id"], name="search_entry_kind"),
            models.Index(fields=["index_no"], name="search_entry_index_no"),
            models.Index(fields=["doc_number"], name="search_entry_doc_number"),
        ]

    def __str__(self) -> str:
        return self.title


class ExtractedText(models.Model):
    """Text read from a stored attachment file, so a re-index never parses a PDF twice.

    Stored files are never changed in place (each upload gets a new name), so the storage
    name identifies the content.
    """

    path = models.CharField(_("文件"), max_length=200, unique=True)
    text = models.TextField(_("文字"), blank=True)
    extracted_at = models.DateTimeField(_("提取时间"), auto_now=True)

    class Meta:
        verbose_name = _("附件文字")
        verbose_name_plural = _("附件文字")

    def __str__(self) -> str:
        return self.path


class IndexRebuild(models.Model):
    """One run of `rebuild_search_index`: an unfinished run can be resumed (`--resume`),
    skipping what it had already indexed."""

    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    total = models.PositiveIntegerField(_("待索引条数"), default=0)
    done = models.PositiveIntegerField(_("已索引条数"), default=0)
    workers = models.PositiveSmallIntegerField(_("进程数"), default=1)

    class Meta:
        verbose_name = _("索引重建")
        verbose_name_plural = _("索引重建")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"
