"""政府网站找错: what a visitor reported wrong on a page, and the answer.

A report belongs to the township whose channel the page is in (/xxgk/<slug>/…), or to the
county (township empty) for county pages. It must be answered within
settings.ERROR_REPORT_REPLY_DAYS working days (`due_on`). The reporter's contact details
are personal data: they never appear on a public page and are masked in admin lists.

The county oversight dashboard reads these through the queryset methods below.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

#: The 查询码 a reporter is shown with the 受理编号 (which only counts days and rows, so it
#: cannot be the secret): no 0/O, 1/I/L.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10


def new_query_code() -> str:
    return get_random_string(QUERY_CODE_LENGTH, QUERY_CODE_ALPHABET)


class Kind(models.TextChoices):
    TYPO = "typo", _("错别字或表述错误")
    WRONG = "wrong", _("内容错误或与实际不符")
    OUTDATED = "outdated", _("信息没有及时更新")
    BROKEN_LINK = "broken_link", _("链接打不开或附件无法下载")
    DISPLAY = "display", _("页面显示异常或无法访问")
    ACCESSIBILITY = "accessibility", _("无障碍或关怀版问题")
    OTHER = "other", _("其他问题")


class Status(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已关闭（无需答复）")


class ErrorReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Status.OPEN)

    def answered(self):
        return self.filter(status=Status.ANSWERED)

    def closed(self):
        return self.filter(status=Status.CLOSED)

    def resolved(self):
        return self.exclude(status=Status.OPEN)

    def overdue(self, today: datetime.date | None = None):
        """Open reports whose reply deadline has passed."""
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)

    def answered_late(self):
        """Answered or closed after their deadline (for oversight)."""
        return self.resolved().filter(due_on__isnull=False,
                                      answered_at__date__gt=models.F("due_on"))

    def for_township(self, township):
        return self.filter(township=township)

    def county_level(self):
        return self.filter(township__isnull=True)


class ErrorReport(models.Model):
    Kind = Kind
    Status = Status

    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="error_reports",
                                 verbose_name=_("所属乡镇"),
                                 help_text=_("留空表示县级页面，由县级管理员答复。"))
    page_url = models.CharField(_("页面地址"), max_length=500)
    page_title = models.CharField(_("页面标题"), max_length=200, blank=True)
    kind = models.CharField(_("问题类型"), max_length=16, choices=Kind.choices,
                            default=Kind.OTHER)
    description = models.TextField(_("问题描述"), max_length=2000)
    contact_name = models.CharField(_("称呼"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    due_on = models.DateField(_("答复期限"), null=True, blank=True,
                              help_text=_("收到后若干个工作日；缺少工作日历时为空。"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("答复人"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    query_code = models.CharField(_("查询码"), max_length=16, default=new_query_code,
                                  editable=False,
                                  help_text=_("与受理编号一起告知报告人，用于查询答复。"))

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("网站找错")
        verbose_name_plural = _("网站找错")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["township", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(answered_at__isnull=False),
                name="errorreport_resolved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.page_title or self.page_url}"[:80]

    @property
    def reference(self) -> str:
        """受理编号 shown to the reporter, e.g. ZC20261127-0012."""
        when = timezone.localtime(self.received_at) if self.received_at else timezone.now()
        return f"ZC{when:%Y%m%d}-{self.pk or 0:04d}"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_phone or self.contact_email)

    @property
    def masked_contact(self) -> str:
        """The contact for lists: enough to recognise, never the whole number or address."""
        return "；".join(mask_contact(v) for v in (self.contact_phone, self.contact_email) if v)

    def resolve(self, *, status: str, answer: str, user) -> None:
        """Answer (or close) the report: the text is required either way."""
        answer = (answer or "").strip()
        if not self.is_open:
            raise ValidationError(_("该找错已经办结，不能再次答复。"))
        if status not in (Status.ANSWERED, Status.CLOSED):
            raise ValidationError(_("请选择“已答复”或“已关闭”。"))
        if not answer:
            raise ValidationError({"answer": _("请填写答复内容（关闭时请写明理由）。")})
        self.status, self.answer = status, answer
        self.answered_by, self.answered_at = user, timezone.now()


_EMAIL = re.compile(r"^([^@\s]{1,2})[^@\s]*(@.+)$")


def mask_contact(value: str) -> str:
    """13912345678 -> 139****5678; chen@example.com -> ch***@example.com."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _EMAIL.match(value)
    if match:
        return f"{match.group(1)}***{match.group(2)}"
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "****"
