"""Demo 通知失败记录: in each township one reminder e-mail the (imagined) mail server refused,
so the desks show what a failure looks like (the person's own panel and the township admin's).
Idempotent: looked up by township, person and subject."""

from __future__ import annotations

from townships.models import NotificationFailure, Role

SUBJECT = "【依申请公开】%(name)s有1件申请即将到期或已超期"
ERROR = ("SMTPRecipientsRefused: {'%(address)s': (550, b'5.1.1 mailbox unavailable')}"
         "（演示数据：邮箱地址有误时的样子）")


def seed(ctx) -> None:
    for township in ctx.townships:
        person = ctx.user(township, Role.PUBLISHER)
        subject = SUBJECT % {"name": township.name}
        if NotificationFailure.objects.filter(township=township, recipient=person,
                                              subject=subject).exists():
            continue
        NotificationFailure.objects.create(
            township=township, recipient=person, channel=NotificationFailure.Channel.EMAIL,
            kind="deadline_reminder", address=person.email or "",
            subject=subject, error=ERROR % {"address": person.email or "—"})
