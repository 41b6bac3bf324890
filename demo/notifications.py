"""Demo notification failures: in each township one sign-off notice whose mail the SMTP
server refused, waiting on the desk of the person and of the township admin. Idempotent:
looked up by township, recipient and subject."""

from __future__ import annotations

import datetime

from django.utils import timezone

from townships.models import NotificationFailure, Role


def seed(ctx) -> None:
    for township in ctx.townships:
        user = ctx.user(township, Role.OFFICE_HEAD)
        subject = f"【{township.name}】待审核：一条政府信息等待科室负责人审核"
        NotificationFailure.objects.get_or_create(
            township=township, recipient=user, subject=subject,
            defaults={
                "channel": NotificationFailure.Channel.EMAIL, "kind": "signoff",
                "address": user.email or f"{user.username}@example.gov.cn",
                "error": "SMTPRecipientsRefused: 收件服务器拒收（演示数据：邮箱已停用）",
                "created_at": timezone.now() - datetime.timedelta(hours=3),
            })
