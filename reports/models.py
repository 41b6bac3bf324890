"""Annual reports (政府信息公开工作年度报告), their overrides, attachments and deadlines."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from disclosure.models.attachments import UploadedFileMixin
from disclosure.models.items import Status
from disclosure.richtext import EDITOR_EXTENSIONS
from disclosure.uploads import extension_of, validate_upload
from disclosure.wordhtml import clean_body

from . import figures, schemas

SECTION_FIELDS = ("section_1", "section_2", "section_3", "section_4", "section_5", "section_6")


def _rich(label):
    return ProseEditorField(label, blank=True, config={"extensions": EDITOR_EXTENSIONS},
                            sanitize=clean_body)


class AnnualReportQuerySet(models.QuerySet):
    def for_township(self, township):
        return self.filter(township=township)

    def published(self):
        return self.filter(status=Status.PUBLISHED, township__is_active=True)


class AnnualReport(models.Model):
    Status = Status

    class Schema(models.TextChoices):
        V2021 = schemas.SCHEMA_2021, _("2021年格式（国办公开办函〔2021〕30号）")
        V2019 = schemas.SCHEMA_2019, _("2019年试行格式（国办公开办函〔2019〕60号）")
        LEGACY = schemas.SCHEMA_LEGACY, _("2018年及以前（自由格式）")

    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="annual_reports", verbose_name=_("乡镇"))
    year = models.PositiveSmallIntegerField(_("报告年度"))
    schema = models.CharField(_("报告格式"), max_length=8, choices=Schema.choices,
                              editable=False)
    title = models.CharField(_("标题"), max_length=200, blank=True,
                             help_text=_("留空则自动生成，如：青石镇2024年政府信息公开工作年度报告。"))
    section_1 = _rich(_("一、总体情况"))
    section_2 = _rich(_("二、主动公开政府信息情况（表前说明）"))
    section_3 = _rich(_("三、收到和处理政府信息公开申请情况（表前说明）"))
    section_4 = _rich(_("四、政府信息公开行政复议、行政诉讼情况（表前说明）"))
    section_5 = _rich(_("五、存在的主要问题及改进情况"))
    section_6 = _rich(_("六、其他需要报告的事项"))
    body = _rich(_("正文（2018年及以前的自由格式报告）"))
    tables = models.JSONField(_("统计表"), default=dict, blank=True,
                              help_text=_("表二至表四，格式见 docs/REPORT_TABLES.md。"))
    derived_tables = models.JSONField(_("系统生成的统计数"), default=dict, blank=True,
                                      editable=False)
    derived_at = models.DateTimeField(_("统计生成时间"), null=True, blank=True, editable=False)
    frozen_tables = models.JSONField(_("发布时固定的统计表"), null=True, blank=True,
                                     editable=False)
    signing_body = models.CharField(_("落款单位"), max_length=80, blank=True)
    signing_date = models.DateField(_("落款日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+", editable=False,
                                     verbose_name=_("发布人"))
    import_notes = models.TextField(_("导入时未能归类的内容"), blank=True,
                                    help_text=_("仅后台可见，请整理后删除。"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+", editable=False,
                                   verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["township", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["township", "year"], name="report_one_per_year"),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(frozen_tables__isnull=False, published_at__isnull=False),
                name="report_published_is_frozen",
            ),
            models.CheckConstraint(condition=Q(year__gte=2008) & Q(year__lte=2100),
                                   name="report_year_range"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.year}"

    def save(self, *args, **kwargs):
        # Normalising only: schema follows the year, title has a default, text is sanitised.
        self.schema = schemas.schema_for_year(self.year)
        if not self.title and self.township_id:
            self.title = self.default_title()
        for name in (*SECTION_FIELDS, "body"):
            setattr(self, name, clean_body(getattr(self, name)))
        if not self.tables:
            self.tables = schemas.empty_tables(self.schema)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.township.slug, self.year])

    def default_title(self) -> str:
        return f"{self.township.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_legacy(self) -> bool:
        return self.schema == schemas.SCHEMA_LEGACY

    def shown_tables(self) -> dict:
        """The numbers the public sees: frozen at publication, never recomputed after."""
        if self.frozen_tables is not None:
            return self.frozen_tables
        return self.tables or schemas.empty_tables(self.schema)

    def filled(self, html: str) -> str:
        """Rich text with its figure placeholders (【本年新收申请数】) replaced by the numbers
        of this report's own tables: what readers see."""
        return figures.fill(html or "", self.schema, self.shown_tables())

    def section_texts(self) -> list[str]:
        """Plain text of sections 一 to 六 as readers see them (placeholders filled)."""
        return [strip_tags(self.filled(getattr(self, name))) for name in SECTION_FIELDS]

    def sections(self) -> list[tuple[str, str]]:
        """(heading, filled rich text) of the six sections."""
        headings = schemas.SECTION_HEADINGS[self.schema]
        return [(headings[i], self.filled(getattr(self, name)))
                for i, name in enumerate(SECTION_FIELDS)]

    @property
    def published_on(self) -> datetime.date | None:
        return timezone.localdate(self.published_at) if self.published_at else None


class TableOverride(models.Model):
    """A derived cell changed by hand, with the reason; insert-only, shown to reviewers."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="overrides",
                               verbose_name=_("年度报告"))
    path = models.CharField(_("单元格"), max_length=60)
    derived_value = models.JSONField(_("系统生成值"), null=True)
    value = models.JSONField(_("修改后的值"), null=True)
    reason = models.TextField(_("修改理由"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             null=True, related_name="+", verbose_name=_("修改人"))
    created_at = models.DateTimeField(_("修改时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("统计数修改记录")
        verbose_name_plural = _("统计数修改记录")
        ordering = ["report", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.path}: {self.derived_value} → {self.value}"


class ReportVersion(models.Model):
    """The report as it was sent into the chain (submitted or resubmitted); insert-only.

    A report sent back keeps each earlier version, and the sign page compares the version a
    signer sees with the one that was sent back (reports/revisions.py).
    """

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions",
                               verbose_name=_("年度报告"))
    number = models.PositiveSmallIntegerField(_("版本号"))
    data = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("送审时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告送审版本")
        verbose_name_plural = _("年度报告送审版本")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · 第{self.number}版"


def report_attachment_path(instance, filename: str) -> str:
    return f"reports/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension_of(filename)}"


class ReportAttachment(UploadedFileMixin, models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE,
                               related_name="attachments", verbose_name=_("年度报告"))
    file = models.FileField(_("文件"), upload_to=report_attachment_path, max_length=200,
                            validators=[validate_upload])
    title = models.CharField(_("附件名称"), max_length=200, blank=True)
    original_name = models.CharField(_("原文件名"), max_length=200, editable=False)
    extension = models.CharField(_("类型"), max_length=10, editable=False)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("报告附件")
        verbose_name_plural = _("报告附件")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.display_title


class ReportDeadline(models.Model):
    """The date by which the county wants a year's reports published."""

    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="report_deadlines", verbose_name=_("县"))
    year = models.PositiveSmallIntegerField(_("报告年度"))
    due_on = models.DateField(_("发布截止日期"))

    class Meta:
        verbose_name = _("年报发布期限")
        verbose_name_plural = _("年报发布期限")
        ordering = ["county", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="deadline_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.due_on:%Y-%m-%d}"
