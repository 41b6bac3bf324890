"""The sign-off chain (审稿制度, DESIGN.md §2) as data: chains, reviews and the sign-off log.

Content-type agnostic: a `Review` runs one chain for any registered subject (a disclosure
item, a revision of one, an annual report) through a generic relation. The chain's steps are
copied into the review when it is submitted, so editing a chain never changes work in
progress.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townships.models import Role


class Importance(models.TextChoices):
    """重要程度: decides which of the township's chains a subject takes."""

    NORMAL = "normal", _("一般")
    IMPORTANT = "important", _("重要")
    CRITICAL = "critical", _("特别重要")

# Roles that may hold a review step. The 党政办 publishes after the last step.
STEP_ROLES = (Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER, Role.PRINCIPAL)
PUBLISH_ROLE = Role.PUBLISHER

DEFAULT_CHAINS: dict[str, list[tuple[str, str]]] = {
    Importance.NORMAL: [
        (Role.OFFICE_HEAD, "科室负责人审核"),
        (Role.INFO_LEADER, "信息分管领导签发"),
    ],
    Importance.IMPORTANT: [
        (Role.OFFICE_HEAD, "科室负责人审核"),
        (Role.SUPERVISOR, "分管领导把关"),
        (Role.INFO_LEADER, "信息分管领导签发"),
    ],
    Importance.CRITICAL: [
        (Role.OFFICE_HEAD, "科室负责人审核"),
        (Role.SUPERVISOR, "分管领导把关"),
        (Role.INFO_LEADER, "信息分管领导签发"),
        (Role.PRINCIPAL, "主要领导签发"),
    ],
}


class ChainTemplate(models.Model):
    """A township's chain for one importance level; the 党政办 publishes after its steps."""

    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="chain_templates", verbose_name=_("乡镇"))
    importance = models.CharField(_("重要程度"), max_length=10, choices=Importance.choices)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("审签流程")
        verbose_name_plural = _("审签流程")
        ordering = ["township", "importance"]
        constraints = [
            models.UniqueConstraint(fields=["township", "importance"],
                                    name="chain_template_unique_importance"),
        ]

    def __str__(self) -> str:
        return f"{self.township.name}·{self.get_importance_display()}"

    def snapshot(self) -> list[dict]:
        return [{"role": s.role, "label": s.label} for s in self.steps.order_by("order", "id")]


class ChainStep(models.Model):
    template = models.ForeignKey(ChainTemplate, on_delete=models.CASCADE, related_name="steps",
                                 verbose_name=_("审签流程"))
    order = models.PositiveSmallIntegerField(_("顺序"))
    role = models.CharField(_("签署角色"), max_length=20,
                            choices=[(r.value, r.label) for r in STEP_ROLES])
    label = models.CharField(_("环节名称"), max_length=40, help_text=_("如：科室负责人审核"))

    class Meta:
        verbose_name = _("审签环节")
        verbose_name_plural = _("审签环节")
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="chain_step_unique_order"),
        ]

    def __str__(self) -> str:
        return self.label


class ReviewState(models.TextChoices):
    IN_REVIEW = "in_review", _("审核中")
    CHANGES_REQUESTED = "changes_requested", _("退回修改")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    CANCELLED = "cancelled", _("已终止")


ACTIVE_STATES = (ReviewState.IN_REVIEW, ReviewState.CHANGES_REQUESTED, ReviewState.APPROVED)


class ReviewQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_STATES)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj),
                           object_id=obj.pk)

    def for_township(self, township):
        return self.filter(township=township)

    def waiting_for(self, user):
        """Active reviews whose next move belongs to one of the user's roles (or to the
        user as author, when changes were requested). Oldest first."""
        from townships.permissions import access

        roles_by_township = access(user).township_roles
        condition = Q(state=ReviewState.CHANGES_REQUESTED, author=user)
        for township_id, roles in roles_by_township.items():
            condition |= Q(township_id=township_id, current_role__in=roles,
                           state__in=(ReviewState.IN_REVIEW, ReviewState.APPROVED))
        return self.filter(condition).order_by("waiting_since", "pk")


class Review(models.Model):
    """One run of a chain for one object, from submission to publication."""

    State = ReviewState

    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="reviews", verbose_name=_("乡镇"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT,
                                     verbose_name=_("对象类型"))
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("标题"), max_length=200)
    importance = models.CharField(_("重要程度"), max_length=10, choices=Importance.choices)
    steps = models.JSONField(_("审签环节"), default=list,
                             help_text=_("提交时的流程快照：[{role, label}]。"))
    state = models.CharField(_("状态"), max_length=20, choices=ReviewState.choices,
                             default=ReviewState.IN_REVIEW)
    current_step = models.PositiveSmallIntegerField(_("当前环节"), default=0)
    #: The role whose move is next ("" when the author must act or nobody can).
    current_role = models.CharField(_("待处理角色"), max_length=20, blank=True,
                                    choices=Role.choices)
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    #: Bumped on every move; a form carrying an older version is refused as stale.
    version = models.PositiveIntegerField(_("版本"), default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="submitted_reviews", verbose_name=_("报送人"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    waiting_since = models.DateTimeField(_("等待起始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("审签记录")
        verbose_name_plural = _("审签记录")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["township", "state", "current_role"]),
            models.Index(fields=["-submitted_at", "-id"], name="review_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=[s.value for s in ACTIVE_STATES]),
                name="review_one_active_per_object",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def step_count(self) -> int:
        return len(self.steps)

    def step_label(self, index: int | None) -> str:
        if index is None or index >= len(self.steps):
            return str(_("党政办发布"))
        return self.steps[index]["label"]

    @property
    def current_label(self) -> str:
        if self.state == ReviewState.CHANGES_REQUESTED:
            return str(_("报送人修改"))
        if self.state == ReviewState.IN_REVIEW:
            return self.step_label(self.current_step)
        if self.state == ReviewState.APPROVED:
            return str(_("党政办发布"))
        return ""


class SignOffQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("审签记录只能追加，不能修改。"))

    def delete(self):
        raise ValidationError(_("审签记录只能追加，不能删除。"))

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj),
                           object_id=obj.pk)


class SignOff(models.Model):
    """The insert-only log: every move on a chain, by whom, in which role, when and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交审核")
        APPROVE = "approve", _("审核通过")
        REQUEST_CHANGES = "request_changes", _("退回修改")
        RESUBMIT = "resubmit", _("修改后重新提交")
        PUBLISH = "publish", _("发布")
        WITHDRAW = "withdraw", _("撤回")
        CANCEL = "cancel", _("终止审签")

    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="signoffs", verbose_name=_("审签"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT,
                                     verbose_name=_("对象类型"))
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    subject = GenericForeignKey("content_type", "object_id")
    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="signoffs", verbose_name=_("乡镇"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="signoffs", verbose_name=_("操作人"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    step = models.PositiveSmallIntegerField(_("环节序号"), null=True, blank=True)
    step_label = models.CharField(_("环节"), max_length=40, blank=True)
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    from_state = models.CharField(_("原状态"), max_length=20, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    confidentiality_attested = models.BooleanField(
        _("保密审查"), default=False,
        help_text=_("审核人确认不含国家秘密、商业秘密和个人隐私（条例第十七条）。"),
    )
    pii_override_reason = models.TextField(_("个人信息检查说明"), blank=True)
    pii_findings = models.PositiveIntegerField(_("个人信息疑似项数"), default=0)
    #: A withdrawal because of the title or content itself: the open-data API's list of
    #: withdrawn items names it by number, 索引号 and date only (docs/SECURITY.md).
    title_withheld = models.BooleanField(_("因标题或内容本身撤回（不再公开标题）"), default=False)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        verbose_name = _("审签日志")
        verbose_name_plural = _("审签日志")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"]),
                   models.Index(fields=["-created_at", "-id"], name="signoff_log_recent"),
                   # The log filtered by township, action or role, newest first (the
                   # back office's filters; 撤回 and 退回修改 are rare among millions).
                   models.Index(fields=["township", "-created_at", "-id"],
                                name="signoff_township_recent"),
                   models.Index(fields=["action", "-created_at", "-id"],
                                name="signoff_action_recent"),
                   models.Index(fields=["role", "-created_at", "-id"],
                                name="signoff_role_recent")]

    def __str__(self) -> str:
        return f"{self.actor} · {self.get_action_display()} · {self.step_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("审签记录只能追加，不能修改。"))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("审签记录只能追加，不能删除。"))


class PendingReview(Review):
    """The 待我处理 queue in the admin: reviews waiting for the signed-in user."""

    class Meta:
        proxy = True
        verbose_name = _("待我处理")
        verbose_name_plural = _("待我处理")
