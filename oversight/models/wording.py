"""Wording checks: the county's lists, the hits of the last scan, and dismissals (a log)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WordingRule(models.Model):
    """A 严重表述错误 the county lists: a wrong form, the right form, why."""

    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="wording_rules", verbose_name=_("县"))
    wrong = models.CharField(_("错误表述"), max_length=60)
    right = models.CharField(_("正确表述"), max_length=60, blank=True)
    note = models.CharField(_("说明或依据"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("严重表述错误")
        verbose_name_plural = _("严重表述错误")
        ordering = ["county", "wrong"]
        constraints = [models.UniqueConstraint(fields=["county", "wrong"],
                                               name="wording_rule_unique_wrong")]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"


class LeaderTitle(models.Model):
    """A leader's name and current title, kept current by the county."""

    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="leader_titles", verbose_name=_("县"))
    name = models.CharField(_("姓名"), max_length=20)
    title = models.CharField(
        _("现任职务"), max_length=40,
        help_text=_("如 县委书记、副县长；正文中姓名前后的职务与此不符即为错误。"))
    active = models.BooleanField(_("在任"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("领导姓名职务")
        verbose_name_plural = _("领导姓名职务")
        ordering = ["county", "name"]
        constraints = [models.UniqueConstraint(fields=["county", "name"],
                                               name="leader_title_unique_name")]

    def __str__(self) -> str:
        return f"{self.title}{self.name}"


class WordingHit(models.Model):
    """One phrase found by the last wording scan of published content."""

    class Source(models.TextChoices):
        ITEM = "item", _("信息")
        REPORT = "report", _("年度报告")
        ATTACHMENT = "attachment", _("信息附件")
        REPORT_FILE = "report_file", _("年报附件")

    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    object_id = models.PositiveBigIntegerField(_("记录"))
    where = models.CharField(_("位置"), max_length=220)
    kind = models.CharField(_("类别"), max_length=10)
    phrase = models.CharField(_("问题表述"), max_length=80)
    right = models.CharField(_("建议"), max_length=80, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    sentence = models.TextField(_("所在句子"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=40, db_index=True)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("用词检查结果")
        verbose_name_plural = _("用词检查结果")
        indexes = [models.Index(fields=["township", "kind"], name="wording_hit_township")]

    def __str__(self) -> str:
        return self.phrase

    @property
    def severe(self) -> bool:
        return self.kind in ("severe", "leader")


class WordingDismissal(models.Model):
    """A hit someone judged not to be an error, with the reason (insert-only log)."""

    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    fingerprint = models.CharField(max_length=40, db_index=True)
    phrase = models.CharField(_("问题表述"), max_length=80)
    sentence = models.TextField(_("所在句子"))
    reason = models.CharField(_("忽略理由"), max_length=300)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("操作人"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("用词检查忽略记录")
        verbose_name_plural = _("用词检查忽略记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.phrase}: {self.reason}"
