"""Applications for government information (依申请公开), their events, replies and letters."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townships.models import Township

from . import table3

# Unambiguous characters for tracking numbers (no 0/O, 1/I/L).
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REPLY_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
#: Pause limits in working days where the law gives one: third party (Art. 32) and
#: co-maker (Art. 34) both 15. A correction's limit is the date the office set in its
#: notice (Art. 30: a reasonable period).
THIRD_PARTY_DAYS = 15


def new_tracking_number() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


class ApplicantKind(models.TextChoices):
    """The applicant columns of Table 3."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    SOCIAL = "social", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他组织")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HMT_PERMIT = "hmt_permit", _("港澳台居民居住证或通行证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")


class Channel(models.TextChoices):
    """How the application reached the office (Art. 31 decides the receipt date)."""

    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_POST = "registered_post", _("邮政挂号信或特快专递")
    ORDINARY_POST = "ordinary_post", _("平常信函")
    ONLINE = "online", _("互联网渠道（在线申请、电子邮件）")
    FAX = "fax", _("传真")


class ProvisionForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class ProvisionChannel(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上获取")


class State(models.TextChoices):
    REGISTERED = "registered", _("登记")
    ACCEPTED = "accepted", _("受理")
    CORRECTION = "correction", _("补正中")
    CONSULTATION = "consultation", _("征求意见中")
    EXTENDED = "extended", _("延期")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("归档")


OPEN_STATES = [State.REGISTERED, State.ACCEPTED, State.CORRECTION, State.CONSULTATION,
               State.EXTENDED]
CLOSED_STATES = [State.REPLIED, State.ARCHIVED]
#: Open states whose reply clock is stopped (awaiting correction or a consultation reply).
PAUSED_STATES = [State.CORRECTION, State.CONSULTATION]
OUTCOME_CHOICES = [(row, table3.outcome_label(row)) for row in table3.OUTCOME_ROWS]
#: Art. 36 answers that share a Table 3 row with another but need their own letter:
#: key -> (the outcome row it is counted in, label).
LETTER_VARIANTS = {
    "r3_1_pub": ("r3_1", _("已主动公开，告知获取途径（条例第三十六条第一项）")),
    "r3_4_1_nr": ("r3_4_1", _("不属于本机关负责公开（条例第三十六条第五项）")),
}
VARIANT_CHOICES = [(key, label) for key, (_row, label) in LETTER_VARIANTS.items()]
LETTER_CHOICES = [*OUTCOME_CHOICES, *[(key, f"{table3.outcome_label(row)}：{label}")
                                       for key, (row, label) in LETTER_VARIANTS.items()]]


def reply_overdue_q(day: datetime.date) -> Q:
    """答复逾期 at the end of `day`: received, not paused, past the reply deadline and not
    replied by then. The one definition behind every screen and count (DOMAIN.md rule 35);
    `deadlines.lateness` is the same rule for one case in Python."""
    return (Q(received_on__lte=day, due_on__lt=day) & ~Q(state__in=PAUSED_STATES)
            & (Q(replied_on__isnull=True) | Q(replied_on__gt=day)))


def pause_overdue_q(day: datetime.date) -> Q:
    """暂停逾期 at the end of `day`: still paused past the pause's own limit — consultation
    past the third party's 15 working days (征求意见逾期), correction past the date set for
    it (补正逾期)."""
    return (Q(state=State.CONSULTATION, pause_started_on__lte=day, pause_reply_due_on__lt=day)
            | Q(state=State.CORRECTION, correction_requested_on__lte=day,
                correction_due_on__lt=day))


class FeeMethod(models.TextChoices):
    NONE = "none", _("不收费")
    PER_APPLICATION = "per_application", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class ApplicationQuerySet(models.QuerySet):
    def for_township(self, township):
        return self.filter(township=township)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def closed(self):
        return self.filter(state__in=CLOSED_STATES)

    def running(self):
        """Open, with the reply clock running."""
        return self.open().exclude(state__in=PAUSED_STATES)

    def open_on(self, day: datetime.date):
        """Received by `day` and not closed by it (what carries over past `day`)."""
        return self.filter(received_on__lte=day).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gt=day)
        )

    def overdue(self, today: datetime.date):
        """答复逾期 (see reply_overdue_q)."""
        return self.filter(reply_overdue_q(today))

    def pause_overdue(self, today: datetime.date):
        """暂停逾期 (see pause_overdue_q)."""
        return self.filter(pause_overdue_q(today))


class Application(models.Model):
    township = models.ForeignKey(Township, on_delete=models.PROTECT,
                                 related_name="applications", verbose_name=_("乡镇"))
    tracking_number = models.CharField(_("查询码"), max_length=16, unique=True,
                                       default=new_tracking_number, editable=False)
    # -- applicant (Art. 29 (1)); personal data, never shown publicly ------------------
    applicant_kind = models.CharField(_("申请人类型"), max_length=12,
                                      choices=ApplicantKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    # -- what is wanted (Art. 29 (2), (3)) ---------------------------------------------
    info_title = models.CharField(_("所需信息名称"), max_length=200, blank=True)
    info_doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    info_description = models.TextField(_("所需信息的特征性描述"))
    purpose = models.TextField(_("申请用途（选填）"), blank=True)
    provision_form = models.CharField(_("信息的提供形式"), max_length=12,
                                      choices=ProvisionForm.choices)
    provision_channel = models.CharField(_("获取信息的方式"), max_length=12,
                                         choices=ProvisionChannel.choices)
    # -- receipt (Art. 31) ------------------------------------------------------------
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    submitted_on = models.DateField(_("提交或寄出日期"))
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True,
                                   help_text=_("按条例第三十一条确定；尚未确认时为空。"))
    # -- handling -----------------------------------------------------------------------
    state = models.CharField(_("办理状态"), max_length=16, choices=State.choices,
                             default=State.REGISTERED)
    clock_start = models.DateField(_("答复期限起算日"), null=True, blank=True,
                                   help_text=_("收到申请之日，补正后为收到补正申请之日。"))
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(
        _("答复期限为暂定"), default=False, editable=False,
        help_text=_("期限跨入尚未录入节假日安排的年度时，按法定节假日推算（未计调休），"
                    "县级管理员录入该年后自动重算。"))
    paused_days = models.PositiveSmallIntegerField(_("征求意见等不计入期限的工作日"), default=0)
    pause_started_on = models.DateField(_("征求意见开始日"), null=True, blank=True)
    pause_reply_due_on = models.DateField(_("征求意见答复期限"), null=True, blank=True)
    pause_resume_state = models.CharField(max_length=16, blank=True, editable=False)
    correction_requested_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_approver = models.CharField(_("延期批准人"), max_length=50, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extended_on = models.DateField(_("延期告知日期"), null=True, blank=True)
    # -- reply ----------------------------------------------------------------------------
    outcome = models.CharField(_("办理结果"), max_length=8, choices=OUTCOME_CHOICES, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    letter_variant = models.CharField(
        _("告知书类型"), max_length=12, blank=True, choices=VARIANT_CHOICES,
        help_text=_("与办理结果同计一行、但须出具不同告知书的情形；为空时按办理结果。"))
    letter_no = models.CharField(_("告知书文号"), max_length=40, blank=True, editable=False,
                                 help_text=_("答复时按乡镇、年度顺序编号，如“青石政信复〔2026〕3号”。"))
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    # -- fee (国办函〔2020〕109号) ----------------------------------------------------------
    fee_method = models.CharField(_("收费方式"), max_length=16, choices=FeeMethod.choices,
                                  default=FeeMethod.NONE)
    fee_quantity = models.PositiveIntegerField(_("计费数量"), default=0,
                                               help_text=_("按件：本月第几件；按量：页数。"))
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2,
                                     default=0)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("承办人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension_days__lte=MAX_EXTENSION_DAYS),
                name="application_extension_at_most_20",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["replied", "archived"], replied_on__isnull=False)
                & ~Q(outcome="")
                | ~Q(state__in=["replied", "archived"]) & Q(outcome=""),
                name="application_closed_iff_outcome",
            ),
            models.UniqueConstraint(fields=["township", "letter_no"], condition=~Q(letter_no=""),
                                    name="application_letter_no_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number}（{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def clock_running(self) -> bool:
        return self.is_open and self.state not in PAUSED_STATES

    @property
    def provisional_reason(self) -> str:
        """Why the reply deadline is only provisional ("" when it is final)."""
        if not (self.due_provisional and self.due_on):
            return ""
        return _("%(year)d年节假日安排尚未录入，按法定节假日推算（未计调休），"
                 "录入后自动重算") % {"year": self.due_on.year}

    @property
    def due_label(self) -> str:
        """The reply deadline as every screen shows it: 2027-01-18（暂定） or ""."""
        if not self.due_on:
            return ""
        mark = _("（暂定）") if self.due_provisional else ""
        return f"{self.due_on:%Y-%m-%d}{mark}"

    @property
    def table3_column(self) -> str:
        return self.applicant_kind

    @property
    def info_summary(self) -> str:
        return self.info_title or self.info_description[:60]


ACTION_CHOICES = [
    ("register", _("登记")), ("confirm_receipt", _("确认收到申请")), ("accept", _("受理")),
    ("request_correction", _("通知补正")), ("receive_correction", _("收到补正")),
    ("close_uncorrected", _("逾期未补正结案")), ("start_consultation", _("征求意见")),
    ("end_consultation", _("征求意见结束")), ("extend", _("延长答复期限")),
    ("record_fee", _("计算信息处理费")), ("reply", _("答复")), ("archive", _("归档")),
    ("compute_due", _("重新计算答复期限")), ("record_payment", _("登记缴费")),
    ("record_delivery", _("登记送达")),
]


class ApplicationEvent(models.Model):
    """Insert-only log: every transition and every change of the due date."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="events", verbose_name=_("申请"))
    action = models.CharField(_("操作"), max_length=40, choices=ACTION_CHOICES)
    from_state = models.CharField(_("原状态"), max_length=16, blank=True, choices=State.choices)
    to_state = models.CharField(_("新状态"), max_length=16, blank=True, choices=State.choices)
    old_due_on = models.DateField(_("原答复期限"), null=True, blank=True)
    new_due_on = models.DateField(_("新答复期限"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("操作人"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application.tracking_number} {self.action}"


def _validate_upload(upload) -> None:
    """Reply attachments get the same type, size and content checks as disclosure files."""
    from disclosure.uploads import validate_upload

    validate_upload(upload)


class ReplyAttachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="attachments", verbose_name=_("申请"))
    title = models.CharField(_("名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="applications/%Y/",
                            validators=[_validate_upload])
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from disclosure.images import replace_with_clean_copy
        from disclosure.uploads import extension_of

        if self.file:  # images lose EXIF/GPS before they reach the applicant
            replace_with_clean_copy(self.file, extension_of(self.file.name))
        super().save(*args, **kwargs)


class LetterSerial(models.Model):
    """The last reply-letter number handed out per township and year."""

    township = models.ForeignKey(Township, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("乡镇"))
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用到"), default=0)

    class Meta:
        verbose_name = _("告知书文号流水")
        verbose_name_plural = _("告知书文号流水")
        constraints = [
            models.UniqueConstraint(fields=["township", "year"], name="letter_serial_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.township}/{self.year}: {self.last}"


class LetterTemplate(models.Model):
    """Editable text of the reply letter (告知书) for one outcome row."""

    outcome = models.CharField(_("办理结果"), max_length=12, choices=LETTER_CHOICES, unique=True)
    title = models.CharField(_("告知书标题"), max_length=60)
    body = models.TextField(
        _("正文"),
        help_text=_("可用占位符：{申请人} {收到日期} {所需信息} {答复内容} {乡镇} {答复日期} "
                    "{查询码} {文号} {复议机关} {人民法院}。每段一行。文号、落款单位、（印章）"
                    "和答复日期由系统排在告知书的固定位置。"),
    )

    class Meta:
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
        ordering = ["outcome"]

    def __str__(self) -> str:
        return self.title


class NoticeKind(models.TextChoices):
    """Written notices during handling (DOMAIN.md rule 37); outcome letters are LetterTemplate."""

    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    THIRD_PARTY = "third_party", _("征求第三方意见书")


#: Default 机关代字 ending per kind; the township's reply-letter 代字 ends in 复.
NOTICE_CODE_ENDINGS = {NoticeKind.CORRECTION: "补", NoticeKind.EXTENSION: "延",
                       NoticeKind.THIRD_PARTY: "征"}


class NoticeCode(models.Model):
    """A township's own 机关代字 for one kind of notice (default: reply 代字 with 补/延/征)."""

    township = models.ForeignKey(Township, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("乡镇"))
    kind = models.CharField(_("告知书种类"), max_length=16, choices=NoticeKind.choices)
    code = models.CharField(_("文号机关代字"), max_length=20,
                            help_text=_("如“青石政信补”，文号为“青石政信补〔2026〕1号”。"))

    class Meta:
        verbose_name = _("告知书文号代字")
        verbose_name_plural = _("告知书文号代字")
        constraints = [models.UniqueConstraint(fields=["township", "kind"],
                                               name="notice_code_unique")]

    def __str__(self) -> str:
        return f"{self.township} {self.get_kind_display()}：{self.code}"


class NoticeSerial(models.Model):
    """The last notice number handed out per township, kind and year."""

    township = models.ForeignKey(Township, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township", "kind", "year"],
                                               name="notice_serial_unique")]

    def __str__(self) -> str:
        return f"{self.township_id}/{self.kind}/{self.year}: {self.last}"


class Notice(models.Model):
    """A numbered written notice issued on a case (补正、延期、征求第三方意见)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="notices", verbose_name=_("申请"))
    kind = models.CharField(_("种类"), max_length=16, choices=NoticeKind.choices)
    number = models.CharField(_("文号"), max_length=40)
    issued_on = models.DateField(_("落款日期"))
    recipient = models.CharField(_("受送达人"), max_length=100, blank=True,
                                 help_text=_("征求第三方意见书的第三方名称；其他告知书为申请人。"))
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class DeliveryMethod(models.TextChoices):
    """How a notice or letter reached its addressee (送达方式)."""

    ONLINE = "online", _("网上送达（凭查询码查阅下载或电子邮件）")
    POST = "post", _("邮寄送达")
    IN_PERSON = "in_person", _("直接送达（当面签收）")
    OTHER = "other", _("其他方式")


#: The reply letter's key among a case's documents (notices are "notice-<pk>").
LETTER_KEY = "letter"


class Delivery(models.Model):
    """送达记录: how and when a notice (or, with no notice, the reply letter) reached its
    addressee. Recorded by staff (applications/deliveries.py), never changed afterwards."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="deliveries", verbose_name=_("申请"))
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="deliveries", verbose_name=_("告知书"),
                               help_text=_("为空时为答复告知书。"))
    method = models.CharField(_("送达方式"), max_length=12, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("送达日期"))
    tracking_no = models.CharField(_("邮件号"), max_length=40, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        ordering = ["delivered_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(method="post") | ~Q(tracking_no=""),
                                   name="delivery_post_has_tracking_no"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.delivered_on:%Y-%m-%d}"

    @property
    def document_key(self) -> str:
        return f"notice-{self.notice_id}" if self.notice_id else LETTER_KEY
