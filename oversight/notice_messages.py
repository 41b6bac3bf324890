"""Telling each side of a rectification notice what the other did, through the operations
messaging (townships/messaging.py: e-mail, the township's 企业微信/钉钉 group robot; every
failure recorded as a NotificationFailure and shown on the desk).

- sent, returned, overdue: e-mail to every active person holding one of the notice's
  recipient roles in its township, and the township's group robot;
- answered, overdue: e-mail to the county user who sent it.

Messages go after the move's transaction commits; overdue reminders run in the daily
`send_deadline_reminders` job (OversightConfig.daily_reminders).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from townships import messaging
from townships.models import Membership, User

from .models import RectificationNotice

KIND = "rectification"


@dataclass
class Sent:
    emails: int = 0
    failed: int = 0  # the mail server refused or failed (recorded)
    no_address: int = 0  # the person has no e-mail address (recorded)
    webhooks: int = 0
    webhook_failed: int = 0

    def add(self, other: Sent) -> None:
        for name in ("emails", "failed", "no_address", "webhooks", "webhook_failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def recipients(notice: RectificationNotice) -> list[User]:
    return list(User.objects.filter(is_active=True, pk__in=Membership.objects.filter(
        township_id=notice.township_id, role__in=notice.recipient_roles_list,
    ).values("user_id")).order_by("pk"))


def _text(notice: RectificationNotice, what: str, extra: str = "") -> tuple[str, str]:
    subject = _("【督促整改】%(township)s：%(what)s“%(title)s”") % {
        "township": notice.township.name, "what": what, "title": notice.title}
    lines = [subject, _("整改期限：%(due)s") % {"due": f"{notice.due_on:%Y-%m-%d}"}]
    if extra:
        lines.append(extra)
    lines.append(_("请登录管理后台，在工作台“待反馈的督促整改通知”中查看并反馈。"))
    return subject, "\n".join(lines)


def _mail(users, notice, subject, body) -> Sent:
    sent = Sent()
    for user in users:
        if messaging.send_email(township=notice.township, user=user, subject=subject,
                                body=body, kind=KIND):
            sent.emails += 1
        elif user.email:
            sent.failed += 1
        else:
            sent.no_address += 1
    return sent


def _to_township(notice: RectificationNotice, what: str, extra: str = "") -> Sent:
    subject, body = _text(notice, what, extra)
    sent = _mail(recipients(notice), notice, subject, body)
    posted = messaging.post_webhook(notice.township, body, kind=KIND, subject=subject)
    sent.webhooks += posted is True
    sent.webhook_failed += posted is False
    return sent


def _to_sender(notice: RectificationNotice, what: str, extra: str = "") -> Sent:
    subject = _("【督促整改】%(township)s：%(what)s“%(title)s”") % {
        "township": notice.township.name, "what": what, "title": notice.title}
    body = "\n".join([subject, *([extra] if extra else []),
                      _("请登录管理后台，在工作台“待审核的整改反馈”或督促整改通知列表中查看。")])
    users = [notice.sent_by] if notice.sent_by.is_active else []
    return _mail(users, notice, subject, body)


def after_commit(func, notice_id: int, *args) -> None:
    """Run func(notice, *args) once the move is committed, on a fresh copy of the notice."""
    def run() -> None:
        notice = (RectificationNotice.objects.select_related("township", "sent_by")
                  .get(pk=notice_id))
        func(notice, *args)
    transaction.on_commit(run)


def sent(notice: RectificationNotice) -> Sent:
    return _to_township(notice, _("县里下发督促整改通知"))


def returned(notice: RectificationNotice, reason: str) -> Sent:
    return _to_township(notice, _("整改反馈被退回"), _("退回理由：%(reason)s") % {
        "reason": reason})


def answered(notice: RectificationNotice) -> Sent:
    return _to_sender(notice, _("乡镇已反馈整改情况"), _("整改情况：%(answer)s") % {
        "answer": notice.answer[:500]})


def remind_overdue(today: datetime.date) -> Sent:
    """Daily: every open notice past its due date, to its recipients, the group robot and
    the sender."""
    total = Sent()
    for notice in (RectificationNotice.objects.overdue(today)
                   .select_related("township", "sent_by").order_by("due_on", "pk")):
        late = _("已超过整改期限 %(days)d 天，尚未反馈。") % {"days": (today - notice.due_on).days}
        total.add(_to_township(notice, _("督促整改通知已逾期"), late))
        total.add(_to_sender(notice, _("督促整改通知已逾期"), late))
    return total
