"""Link checks that fetch (linkfetch.py) and the county's inspection settings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .notices import notice_roles_field


class InspectionSettings(models.Model):
    """A county's settings for the link checks and the inspection rules (inspection.py).

    Defaults follow the national inspection indicators (国办秘函〔2019〕19号; DOMAIN.md rule
    40); a county changes them here.
    """

    county = models.OneToOneField("townships.County", on_delete=models.CASCADE,
                                  related_name="inspection_settings", verbose_name=_("县"))
    # Link checks
    check_external_links = models.BooleanField(
        _("检查外部链接"), default=False,
        help_text=_("开启后，链接检查也访问正文中指向其他网站的链接（只访问公网地址）。"))
    link_concurrency = models.PositiveSmallIntegerField(
        _("同时访问数"), default=8, validators=[MinValueValidator(1), MaxValueValidator(32)])
    link_per_host = models.PositiveSmallIntegerField(
        _("每个网站同时访问数"), default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)])
    link_delay_ms = models.PositiveIntegerField(
        _("外部网站访问间隔（毫秒）"), default=500, validators=[MaxValueValidator(10000)],
        help_text=_("对同一外部网站连续两次访问之间至少间隔的时间。"))
    link_timeout = models.PositiveSmallIntegerField(
        _("超时（秒）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)])
    # Inspection rules: how many of each kind veto a township (单项否决)
    veto_empty_columns = models.PositiveSmallIntegerField(
        _("空白栏目达到几个即否决"), default=5, validators=[MinValueValidator(1)])
    veto_stale_news = models.PositiveSmallIntegerField(
        _("动态要闻类栏目超期达到几个即否决"), default=1, validators=[MinValueValidator(1)])
    veto_stale_notices = models.PositiveSmallIntegerField(
        _("通知公告政策文件类栏目超期达到几个即否决"), default=5,
        validators=[MinValueValidator(1)])
    veto_stale_other = models.PositiveSmallIntegerField(
        _("其他栏目超期达到几个即否决"), default=10, validators=[MinValueValidator(1)])
    veto_severe_wording = models.PositiveSmallIntegerField(
        _("严重表述错误达到几处即否决"), default=1, validators=[MinValueValidator(1)])
    veto_unanswered_feedback = models.PositiveSmallIntegerField(
        _("超期未答复的找错达到几条即否决"), default=1, validators=[MinValueValidator(1)])
    # Rectification notices
    notice_roles = notice_roles_field()
    source_note = models.CharField(
        _("依据"), max_length=200,
        default="政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("检查设置")
        verbose_name_plural = _("检查设置")

    def __str__(self) -> str:
        return str(_("检查设置"))

    @classmethod
    def for_county(cls, county) -> InspectionSettings:
        found = cls.objects.filter(county=county).first()
        return found if found is not None else cls(county=county)


class LinkCheckRun(models.Model):
    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("县"))
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True)
    base_url = models.CharField(_("本站地址"), max_length=200)
    external = models.BooleanField(_("含外部链接"), default=False)
    checked = models.PositiveIntegerField(_("访问地址数"), default=0)
    broken = models.PositiveIntegerField(_("无法访问"), default=0)
    redirected = models.PositiveIntegerField(_("跳转"), default=0)
    seconds = models.FloatField(_("用时（秒）"), default=0)

    class Meta:
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class LinkCheckResult(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("信息页")
        INTERNAL = "internal", _("站内链接")
        ATTACHMENT = "attachment", _("附件")
        EXTERNAL = "external", _("外部链接")

    class Error(models.TextChoices):
        NONE = "", _("无")
        HTTP = "http", _("错误状态码")
        TIMEOUT = "timeout", _("超时")
        CONNECTION = "connection", _("无法连接")
        LOOP = "loop", _("循环跳转")
        TOO_MANY = "too_many", _("跳转次数过多")
        BLOCKED = "blocked", _("内网地址，未访问")

    run = models.ForeignKey(LinkCheckRun, on_delete=models.CASCADE, related_name="results",
                            verbose_name=_("检查"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE, null=True,
                                 related_name="+", verbose_name=_("乡镇"))
    item_id = models.BigIntegerField(_("所在信息"), null=True)
    url = models.CharField(_("地址"), max_length=500)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    found_on = models.CharField(_("所在页面"), max_length=220, blank=True)
    status = models.PositiveSmallIntegerField(_("状态码"), null=True)
    error = models.CharField(_("问题"), max_length=10, choices=Error.choices, blank=True)
    final_url = models.CharField(_("最终地址"), max_length=500, blank=True)
    redirects = models.JSONField(_("跳转记录"), default=list)
    elapsed_ms = models.PositiveIntegerField(_("用时（毫秒）"), default=0)
    ok = models.BooleanField(_("正常"), default=True)

    class Meta:
        verbose_name = _("链接检查结果")
        verbose_name_plural = _("链接检查结果")
        indexes = [models.Index(fields=["run", "township", "ok"], name="linkresult_run_town")]

    def __str__(self) -> str:
        return self.url
