"""Daily deadline reminders to the staff handling each township's applications."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from townships.calendar import WorkCalendar
from townships.models import Membership

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


def send_reminders(today: datetime.date) -> int:
    """Email every handler with an address; returns the number of messages sent."""
    sent = 0
    for township_id, apps in due_for_reminder(today).items():
        recipients = sorted(set(
            Membership.objects.filter(township_id=township_id, role__in=HANDLER_ROLES,
                                      user__is_active=True)
            .exclude(user__email="").values_list("user__email", flat=True)))
        if not recipients:
            continue
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
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent
