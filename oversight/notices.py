"""The moves on a rectification notice. Each one locks the notice, checks who may act and
from which state, updates it and appends a NoticeEvent, all in one transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notice_messages, permissions
from .models import NoticeEvent, RectificationNotice
from .models.notices import roles_label

State = RectificationNotice.State
Action = NoticeEvent.Action


def check_due(due_on: datetime.date | None) -> None:
    if due_on is None:
        raise ValidationError({"due_on": _("请填写整改期限。")})
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("整改期限须晚于今天。")})


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


def _lock(notice_id: int) -> RectificationNotice:
    return (RectificationNotice.objects.select_for_update().select_related("township")
            .get(pk=notice_id))


@transaction.atomic
def send_notice(notice: RectificationNotice, *, user,
                recipient_roles: str | None = None) -> RectificationNotice:
    """Send a new notice (township, title, body, due date and check filled in) to the
    given roles of the township, by default the roles in the county's 检查设置."""
    from .models import InspectionSettings

    if not permissions.can_send_notice(user, notice.township):
        raise PermissionDenied(_("只有本县的县级审计或县级管理员可以下发督促整改通知。"))
    check_due(notice.due_on)
    notice.recipient_roles = (recipient_roles if recipient_roles is not None else
                              InspectionSettings.for_county(notice.township.county).notice_roles)
    if not roles_label(notice.recipient_roles):
        raise ValidationError(_("请至少选择一个接收角色。"))
    notice.title = _text(notice.title, _("请填写事由。"))
    notice.body = _text(notice.body, _("请填写存在的问题和整改要求。"))
    notice.county_id = notice.township.county_id
    notice.state = State.OPEN
    notice.sent_by = user
    notice.sent_at = timezone.now()
    notice.full_clean()
    notice.save()
    NoticeEvent.objects.create(notice=notice, action=Action.SEND, actor=user,
                               text=notice.body, due_on=notice.due_on)
    notice_messages.after_commit(notice_messages.sent, notice.pk)
    return notice


def edit_diff(before: dict, after: dict) -> str:
    """What an edit changed, field by field: "label：old → new"; the body as the lines
    removed (－) and added (＋). Empty when nothing changed."""
    import difflib

    parts = []
    for key, label in (("title", _("事由")), ("due_on", _("整改期限")),
                       ("recipient_roles", _("接收角色"))):
        if before[key] != after[key]:
            shown = [roles_label(v) if key == "recipient_roles" else str(v)
                     for v in (before[key], after[key])]
            parts.append(_("%(label)s：%(old)s → %(new)s") % {
                "label": label, "old": shown[0], "new": shown[1]})
    if before["body"] != after["body"]:
        lines = [_("存在的问题和整改要求：")]
        for line in difflib.ndiff(before["body"].splitlines(), after["body"].splitlines()):
            if line.startswith("- "):
                lines.append("－ " + line[2:])
            elif line.startswith("+ "):
                lines.append("＋ " + line[2:])
        parts.append("\n".join(lines))
    return "\n".join(parts)


EDITABLE = ("title", "body", "due_on", "recipient_roles")


@transaction.atomic
def edit_notice(notice_id: int, *, user, title: str, body: str, due_on: datetime.date,
                recipient_roles: str | None = None) -> RectificationNotice:
    """Change an open notice; the log records what changed (before → after), nothing when
    nothing did."""
    notice = _lock(notice_id)
    if not permissions.can_edit_notice(user, notice) or notice.state != State.OPEN:
        raise PermissionDenied(_("只有下发人可以修改尚未反馈的通知。"))
    if due_on != notice.due_on:
        check_due(due_on)
    before = {key: getattr(notice, key) for key in EDITABLE}
    notice.title = _text(title, _("请填写事由。"))
    notice.body = _text(body, _("请填写存在的问题和整改要求。"))
    notice.due_on = due_on
    if recipient_roles is not None:
        if not roles_label(recipient_roles):
            raise ValidationError(_("请至少选择一个接收角色。"))
        notice.recipient_roles = recipient_roles
    diff = edit_diff(before, {key: getattr(notice, key) for key in EDITABLE})
    if diff:
        notice.save(update_fields=list(EDITABLE))
        NoticeEvent.objects.create(notice=notice, action=Action.EDIT, actor=user, text=diff,
                                   due_on=due_on)
    return notice


@transaction.atomic
def answer_notice(notice_id: int, *, user, text: str) -> RectificationNotice:
    """The township admin reports what was done."""
    notice = _lock(notice_id)
    if notice.state != State.OPEN:
        raise ValidationError(_("该通知当前为“%(state)s”，不能反馈。")
                              % {"state": notice.get_state_display()})
    if not permissions.can_answer_notice(user, notice):
        raise PermissionDenied(_("只有本乡镇的乡镇管理员可以反馈整改情况。"))
    notice.answer = _text(text, _("请填写整改情况。"))
    notice.state = State.ANSWERED
    notice.answered_by = user
    notice.answered_at = timezone.now()
    notice.save(update_fields=["answer", "state", "answered_by", "answered_at"])
    NoticeEvent.objects.create(notice=notice, action=Action.ANSWER, actor=user, text=notice.answer)
    notice_messages.after_commit(notice_messages.answered, notice.pk)
    return notice


def _review(notice_id: int, user) -> RectificationNotice:
    notice = _lock(notice_id)
    if not permissions.can_edit_notice(user, notice):
        raise PermissionDenied(_("只有下发人或县级管理员可以审核整改反馈。"))
    if notice.state != State.ANSWERED:
        raise ValidationError(_("乡镇尚未反馈整改情况，不能审核。"))
    return notice


@transaction.atomic
def close_notice(notice_id: int, *, user, text: str = "") -> RectificationNotice:
    """Accept the answer: the notice leaves the dashboard."""
    notice = _review(notice_id, user)
    notice.state = State.CLOSED
    notice.closed_at = timezone.now()
    notice.save(update_fields=["state", "closed_at"])
    NoticeEvent.objects.create(notice=notice, action=Action.CLOSE, actor=user,
                               text=(text or "").strip())
    return notice


@transaction.atomic
def return_notice(notice_id: int, *, user, text: str,
                  due_on: datetime.date | None = None) -> RectificationNotice:
    """Not done yet: back to the township, with the reason and (optionally) a new due date."""
    notice = _review(notice_id, user)
    reason = _text(text, _("请填写退回理由。"))
    if due_on is not None and due_on != notice.due_on:
        check_due(due_on)
        notice.due_on = due_on
    notice.state = State.OPEN
    notice.save(update_fields=["state", "due_on"])
    NoticeEvent.objects.create(notice=notice, action=Action.RETURN, actor=user, text=reason,
                               due_on=notice.due_on)
    notice_messages.after_commit(notice_messages.returned, notice.pk, reason)
    return notice
