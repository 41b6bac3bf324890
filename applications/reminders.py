"""Daily deadline reminders to the staff handling each township's applications."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from townships import messaging
from townships.calendar import WorkCalendar
from townships.models import Membership, User

from .deadlines import due_soon_limit
from .models import Application
from .permissions import HANDLER_ROLES


def due_for_reminder(today: datetime.date, cal: WorkCalendar | None = None):
    """Open applications overdue or due within 5 working days, grouped by township id.

    The look-ahead crosses into a year without holiday data on a provisional count, so
    the job keeps running in late December (DOMAIN.md rule 34)."""
    limit = due_soon_limit(today, cal)
    groups: dict[int, list[Application]] = {}
    qs = (Application.objects.running().exclude(due_on=None)
          .filter(due_on__lte=limit).select_related("township").order_by("due_on"))
    for app in qs:
        groups.setdefault(app.township_id, []).append(app)
    return groups


@dataclass
class ReminderRun:
    sent: int = 0  # e-mails sent
    failed: int = 0  # e-mails that did not go (recorded, shown on the desk)
    no_address: int = 0  # handlers without an e-mail address (recorded)
    webhooks: int = 0  # group-robot messages posted
    webhook_failed: int = 0


def send_reminders(today: datetime.date) -> ReminderRun:
    """E-mail every active handler of each township with applications due soon or overdue,
    one message per person, and post the list to the township's group robot. A failure is
    recorded and never stops the rest."""
    run = ReminderRun()
    for township_id, apps in due_for_reminder(today).items():
        handlers = list(User.objects.filter(
            is_active=True, pk__in=Membership.objects.filter(
                township_id=township_id, role__in=HANDLER_ROLES).values("user_id"),
        ).order_by("pk"))
        lines = [
            _("%(no)s  答复期限 %(due)s  %(state)s%(flag)s") % {
                "no": app.tracking_number, "due": app.due_label,
                "state": app.get_state_display(),
                "flag": _("（已超期）") if app.due_on < today else "",
            } + (_("\n    暂定：%(why)s") % {"why": app.provisional_reason}
                 if app.due_provisional else "")
            for app in apps
        ]
        township = apps[0].township
        subject = _("【依申请公开】%(name)s有%(n)d件申请即将到期或已超期") % {
            "name": township.name, "n": len(apps)}
        body = "\n".join([_("以下政府信息公开申请需要尽快答复（查询码不含申请人信息）："), "",
                          *lines, "", _("请登录管理后台办理。")])
        for user in handlers:
            if messaging.send_email(township=township, user=user, subject=subject, body=body,
                                    kind="deadline_reminder"):
                run.sent += 1
            elif user.email:
                run.failed += 1
            else:
                run.no_address += 1
        posted = messaging.post_webhook(township, f"{subject}\n{body}", kind="deadline_reminder",
                                        subject=subject)
        run.webhooks += posted is True
        run.webhook_failed += posted is False
    return run
