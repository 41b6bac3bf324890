"""督促整改 (rectification) notices from the county office to a township, and their log.

The county sends a notice with a due date; the township admin answers it; the sender (or a
county admin) closes it or sends it back for more work. Every step is an insert-only
`NoticeEvent`; the notice row only carries the current state. Moves live in
oversight/notices.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from townships.models import Role

#: Township roles a county may choose to receive its notices: they read them, may answer
#: them and are told (e-mail, group robot) when one is sent, returned or overdue.
NOTICE_ROLE_CHOICES = [(role.value, role.label) for role in (
    Role.TOWNSHIP_ADMIN, Role.PUBLISHER, Role.INFO_LEADER, Role.PRINCIPAL)]
#: Stored as ",role,role," so that one role is found with a plain `contains` on any database.
DEFAULT_NOTICE_ROLES = ",township_admin,publisher,"


def encode_roles(roles) -> str:
    chosen = set(roles)
    return "," + ",".join(r for r, _label in NOTICE_ROLE_CHOICES if r in chosen) + ","


def decode_roles(value: str) -> list[str]:
    present = set((value or "").split(","))
    return [r for r, _label in NOTICE_ROLE_CHOICES if r in present]


def roles_label(value: str) -> str:
    labels = dict(NOTICE_ROLE_CHOICES)
    return "、".join(str(labels[r]) for r in decode_roles(value))


def notice_roles_field():
    return models.CharField(
        _("接收角色"), max_length=120, default=DEFAULT_NOTICE_ROLES,
        help_text=_("乡镇中哪些角色接收督促整改通知：可查看、反馈，并在下发、退回和逾期时收到提醒。"))


class NoticeState(models.TextChoices):
    OPEN = "open", _("待整改")
    ANSWERED = "answered", _("已反馈，待审核")
    CLOSED = "closed", _("已办结")


#: States in which a notice is shown on the dashboard and the township's desk.
ACTIVE_NOTICE_STATES = (NoticeState.OPEN, NoticeState.ANSWERED)


class NoticeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_NOTICE_STATES)

    def overdue(self, today: datetime.date):
        """Not yet answered although the due date has passed."""
        return self.filter(state=NoticeState.OPEN, due_on__lt=today)


class RectificationNotice(models.Model):
    State = NoticeState

    county = models.ForeignKey("townships.County", on_delete=models.PROTECT,
                               related_name="rectification_notices", verbose_name=_("县"))
    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="rectification_notices", verbose_name=_("乡镇"))
    title = models.CharField(_("事由"), max_length=120,
                             help_text=_("如：政策文件栏目超过6个月未更新"))
    check_key = models.CharField(_("检查项"), max_length=30, blank=True)
    body = models.TextField(_("存在的问题和整改要求"))
    due_on = models.DateField(_("整改期限"))
    recipient_roles = notice_roles_field()
    state = models.CharField(_("状态"), max_length=10, choices=NoticeState.choices,
                             default=NoticeState.OPEN)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("下发人"))
    sent_at = models.DateTimeField(_("下发时间"))
    answer = models.TextField(_("整改情况"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("反馈人"))
    answered_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("督促整改通知")
        verbose_name_plural = _("督促整改通知")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["township", "state"])]
        constraints = [
            models.CheckConstraint(condition=Q(state="open") | ~Q(answer=""),
                                   name="notice_answered_has_answer"),
            models.CheckConstraint(condition=~Q(state="closed") | Q(closed_at__isnull=False),
                                   name="notice_closed_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.township} · {self.title}"

    def clean(self):
        if self.township_id and self.county_id and self.township.county_id != self.county_id:
            raise ValidationError({"township": _("乡镇须属于本县。")})

    def is_overdue(self, today: datetime.date) -> bool:
        return self.state == NoticeState.OPEN and self.due_on < today

    def last_return(self):
        """The RETURN event that put this notice back to open, if that is its last move."""
        if self.state != NoticeState.OPEN or not self.answer:
            return None
        if not hasattr(self, "_last_return"):
            last = self.events.order_by("-created_at", "-pk").first()
            self._last_return = (last if last is not None
                                 and last.action == NoticeEvent.Action.RETURN else None)
        return self._last_return

    @property
    def recipient_roles_list(self) -> list[str]:
        return decode_roles(self.recipient_roles)

    @property
    def status_label(self) -> str:
        """The state as both desks show it: a returned notice reads 已退回, not 待整改."""
        return str(_("已退回，待重新整改")) if self.last_return() else self.get_state_display()


class NoticeEvent(models.Model):
    """Insert-only: sending, editing, answering, returning and closing a notice."""

    class Action(models.TextChoices):
        SEND = "send", _("下发通知")
        EDIT = "edit", _("修改通知")
        ANSWER = "answer", _("反馈整改情况")
        RETURN = "return", _("退回，继续整改")
        CLOSE = "close", _("审核办结")

    notice = models.ForeignKey(RectificationNotice, on_delete=models.CASCADE,
                               related_name="events", verbose_name=_("通知"))
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("操作人"))
    text = models.TextField(_("内容"), blank=True)
    due_on = models.DateField(_("整改期限"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.actor}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("整改记录只能追加，不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("整改记录只能追加，不能删除。"))
