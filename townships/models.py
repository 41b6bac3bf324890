"""County, townships, their offices, staff accounts and role memberships."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .portal_identity import PortalIdentityFields

ORG_CODE_VALIDATOR = RegexValidator(
    r"^[0-9A-Z]{8}-?[0-9A-Z]$|^[0-9A-Z]{18}$|^[0-9A-Z-]{9,18}$",
    _("须为9位组织机构代码（可带“-”）或18位统一社会信用代码，字母大写。"),
)
DIVISION_CODE_VALIDATOR = RegexValidator(
    r"^\d{6}(\d{3}(\d{3})?)?$", _("行政区划代码须为6、9或12位数字。")
)


class Role(models.TextChoices):
    AUTHOR = "author", _("信息报送员")
    OFFICE_HEAD = "office_head", _("科室负责人")
    SUPERVISOR = "supervisor", _("分管领导")
    INFO_LEADER = "info_leader", _("信息分管领导")
    PRINCIPAL = "principal", _("主要领导")
    PUBLISHER = "publisher", _("党政办")
    TOWNSHIP_ADMIN = "township_admin", _("乡镇管理员")
    COUNTY_AUDITOR = "county_auditor", _("县级审计")
    COUNTY_ADMIN = "county_admin", _("县级管理员")


COUNTY_ROLES = frozenset({Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN})
TOWNSHIP_ROLES = frozenset(set(Role) - COUNTY_ROLES)


class SiteFooterFields(models.Model):
    """The 政府网站 footer items every public page must carry."""

    site_id_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    police_record = models.CharField(_("公安备案号"), max_length=60, blank=True)
    police_record_code = models.CharField(
        _("公安备案编码"), max_length=20, blank=True,
        help_text=_("备案号中的14位数字，用于链接到全国互联网安全管理服务平台。"),
    )

    class Meta:
        abstract = True


class County(SiteFooterFields, PortalIdentityFields):
    name = models.CharField(_("县名称"), max_length=50)
    full_name = models.CharField(_("人民政府全称"), max_length=80)
    division_code = models.CharField(
        _("行政区划代码"), max_length=12, validators=[DIVISION_CODE_VALIDATOR]
    )
    site_name = models.CharField(_("网站名称"), max_length=80)
    sponsor = models.CharField(_("主办单位"), max_length=80)
    address = models.CharField(_("地址"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    class Meta:
        verbose_name = _("县")
        verbose_name_plural = _("县")

    def __str__(self) -> str:
        return self.name


class TownshipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


#: What the public 公开指南 page is built from (templates/disclosure/guide.html).
GUIDE_CONTENT_FIELDS = ("guide_text", "full_name", "disclosure_office", "address",
                        "office_hours", "phone", "fax", "email", "postcode")


class Township(SiteFooterFields):
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="townships",
                               verbose_name=_("所属县"))
    name = models.CharField(_("乡镇名称"), max_length=30, help_text=_("如：青石镇"))
    full_name = models.CharField(_("人民政府全称"), max_length=80,
                                 help_text=_("发布机构全称，如：清河县青石镇人民政府"))
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True,
                            help_text=_("用于网址，创建后不可更改，以保证已发布信息的网址永久不变。"))
    division_code = models.CharField(_("行政区划代码"), max_length=12,
                                     validators=[DIVISION_CODE_VALIDATOR])
    org_code = models.CharField(
        _("统一社会信用代码或组织机构代码"), max_length=20, unique=True,
        validators=[ORG_CODE_VALIDATOR], help_text=_("用作索引号前段码。"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=80, blank=True)
    disclosure_office = models.CharField(_("政府信息公开工作机构"), max_length=80,
                                         default="党政综合办公室")
    address = models.CharField(_("办公地址"), max_length=120, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    fax = models.CharField(_("传真号码"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    introduction = models.TextField(_("乡镇简介"), blank=True)
    guide_text = models.TextField(
        _("指南补充说明"), blank=True,
        help_text=_("政府信息公开指南中除自动生成部分以外的内容，每段一行。"),
    )
    guide_updated_on = models.DateField(
        _("指南更新日期"), default=timezone.localdate,
        help_text=_("修改指南补充说明或公开工作机构、联系方式时自动更新为当天。"))
    system_text = models.TextField(
        _("政府信息公开制度"), blank=True,
        help_text=_("本乡镇的政府信息公开工作制度（审查、发布、依申请公开、考核等），每段一行。"),
    )
    letter_prefix = models.CharField(
        _("答复文号机关代字"), max_length=20, blank=True,
        help_text=_("依申请公开答复告知书文号的机关代字，如“青石政信复”，文号为“青石政信复〔2026〕3号”；"
                    "留空则用乡镇简称加“政信复”。"))
    reconsideration_body = models.CharField(
        _("行政复议机关"), max_length=80, blank=True,
        help_text=_("告知书中写明的行政复议机关；留空则为所属县人民政府。"))
    litigation_court = models.CharField(
        _("行政诉讼管辖法院"), max_length=80, blank=True,
        help_text=_("告知书中写明的人民法院；留空则为所属县人民法院。"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    webhook_kind = models.CharField(
        _("群机器人"), max_length=10, blank=True,
        choices=[("wecom", _("企业微信群机器人")), ("dingtalk", _("钉钉群机器人"))],
        help_text=_("审签流转和答复期限提醒同时发到工作群；不用则留空。"))
    webhook_url = models.URLField(
        _("机器人地址（Webhook）"), max_length=500, blank=True,
        help_text=_("群机器人设置里复制的完整地址，如 "
                    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 或 "
                    "https://oapi.dingtalk.com/robot/send?access_token=…"))
    webhook_secret = models.CharField(
        _("钉钉加签密钥"), max_length=100, blank=True,
        help_text=_("钉钉机器人安全设置选“加签”时显示的 SEC 开头的密钥；企业微信不需要。"))

    objects = TownshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("乡镇")
        verbose_name_plural = _("乡镇")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The guide's date is the day its content last changed (the guide page is built from
        # these fields), not a date typed by hand: the county's stale-guide check reads it.
        fields = kwargs.get("update_fields")
        watched = [f for f in GUIDE_CONTENT_FIELDS if fields is None or f in fields]
        if self.pk and watched:
            stored = type(self).objects.filter(pk=self.pk).values(*watched).first()
            if stored and any(stored[f] != getattr(self, f) for f in watched):
                self.guide_updated_on = timezone.localdate()
                if fields is not None:
                    kwargs["update_fields"] = {*fields, "guide_updated_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("disclosure:township_home", args=[self.slug])

    @property
    def short_name(self) -> str:
        """青石 for 青石镇 (民族乡 and 街道 keep their distinguishing part)."""
        for suffix in ("街道办事处", "街道", "镇", "乡"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix) + 1:
                return self.name.removesuffix(suffix)
        return self.name

    @property
    def letter_code(self) -> str:
        """The 机关代字 of reply-letter numbers."""
        return self.letter_prefix or f"{self.short_name}政信复"

    @property
    def reconsideration_body_name(self) -> str:
        """Since 2024 a township's acts are reviewed by the county-level government."""
        return self.reconsideration_body or self.county.full_name

    @property
    def court_name(self) -> str:
        return self.litigation_court or f"{self.county.name}人民法院"

    @property
    def guide_is_stale(self) -> bool:
        """DOMAIN §6 item 28: a guide older than 12 months needs refreshing."""
        return (timezone.localdate() - self.guide_updated_on).days > 365

    def footer(self):
        """Footer items, falling back to the county's where the township has none."""
        county = self.county
        return {
            "sponsor": self.sponsor or county.sponsor,
            "site_id_code": self.site_id_code or county.site_id_code,
            "icp_record": self.icp_record or county.icp_record,
            "police_record": self.police_record or county.police_record,
            "police_record_code": self.police_record_code or county.police_record_code,
        }


class Office(models.Model):
    class Kind(models.TextChoices):
        OFFICE = "office", _("科室")
        STATION = "station", _("站")
        INSTITUTE = "institute", _("所")
        CENTRE = "centre", _("中心")

    township = models.ForeignKey(Township, on_delete=models.CASCADE, related_name="offices",
                                 verbose_name=_("乡镇"))
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.OFFICE)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("科室站所")
        verbose_name_plural = _("科室站所")
        ordering = ["township", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="office_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.township.name}·{self.name}"


class User(AbstractUser):
    """A staff account. The public never logs in."""

    full_name = models.CharField(_("姓名"), max_length=30, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username


class MembershipQuerySet(models.QuerySet):
    def for_township(self, township):
        return self.filter(township=township)

    def with_role(self, *roles):
        return self.filter(role__in=roles)


class Membership(models.Model):
    """A user's role in one township (or, for county roles, in the county)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("用户"))
    township = models.ForeignKey(Township, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="memberships", verbose_name=_("乡镇"))
    county = models.ForeignKey(County, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="memberships", verbose_name=_("县"))
    office = models.ForeignKey(Office, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="memberships", verbose_name=_("科室站所"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        ordering = ["township", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(township__isnull=False, county__isnull=True,
                      role__in=sorted(r.value for r in TOWNSHIP_ROLES))
                    | Q(township__isnull=True, county__isnull=False,
                        role__in=sorted(r.value for r in COUNTY_ROLES))
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(fields=["user", "township", "role"],
                                    condition=Q(township__isnull=False),
                                    name="membership_unique_township_role"),
            models.UniqueConstraint(fields=["user", "county", "role"],
                                    condition=Q(county__isnull=False),
                                    name="membership_unique_county_role"),
        ]

    def __str__(self) -> str:
        where = self.township or self.county
        return f"{self.user} · {where} · {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.role in COUNTY_ROLES:
            if not self.county_id or self.township_id:
                raise ValidationError(_("县级角色须指定县，不能指定乡镇。"))
        elif self.role and (not self.township_id or self.county_id):
            raise ValidationError(_("乡镇角色须指定乡镇，不能指定县。"))
        if self.office_id and self.office.township_id != self.township_id:
            raise ValidationError({"office": _("科室站所须属于所选乡镇。")})


class CalendarYear(models.Model):
    """Whether a year's official holiday notice has been entered (no data = no deadlines)."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("数据来源"), max_length=200, blank=True,
                              help_text=_("如：国务院办公厅关于2025年部分节假日安排的通知"))
    complete = models.BooleanField(_("已完整录入"), default=False,
                                   help_text=_("勾选后，本年的工作日按本表的节假日和调休上班日计算。"))

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A statutory holiday on a weekday, or a make-up working day (调休上班) on a weekend."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日（休息）")
        MAKEUP_WORKDAY = "makeup_workday", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("节日名称"), max_length=20, blank=True, help_text=_("如：春节"))

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"


class NotificationFailure(models.Model):
    """A notification that did not reach its recipient: shown on the desk of that person and of
    the township's admins until someone marks it handled."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("邮件")
        WEBHOOK = "webhook", _("群机器人")
        NO_ADDRESS = "no_address", _("无邮箱")
        SMS = "sms", _("短信")

    township = models.ForeignKey(Township, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="notification_failures", verbose_name=_("乡镇"))
    recipient = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="notification_failures",
                                  verbose_name=_("应收人"))
    channel = models.CharField(_("方式"), max_length=12, choices=Channel.choices)
    kind = models.CharField(_("通知类别"), max_length=40)
    address = models.CharField(_("发往"), max_length=254, blank=True)
    subject = models.CharField(_("标题"), max_length=200)
    error = models.TextField(_("失败原因"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("已处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知失败记录")
        verbose_name_plural = _("通知失败记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.subject}"
