"""Desk panels for notifications that did not arrive: the person's own, every failure in the
townships a township admin manages, and the staff there without an e-mail address."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import desk, permissions
from .models import Membership, NotificationFailure

LIMIT = 8


def visible_failures(user):
    """Open failures the user may see: addressed to them, or in a township they manage."""
    qs = NotificationFailure.objects.filter(handled_at=None)
    managed = permissions.managed_township_ids(user)
    if managed is None:
        return qs
    return qs.filter(Q(recipient=user) | Q(township_id__in=managed))


def _entry(failure: NotificationFailure) -> desk.Entry:
    when = timezone.localtime(failure.created_at)
    who = failure.recipient.get_full_name() if failure.recipient_id else failure.address
    label = f"{failure.get_channel_display()}·{who}：{Truncator(failure.subject).chars(30)}"
    return desk.Entry(label, reverse("admin:townships_notificationfailure_change",
                                     args=[failure.pk]),
                      f"{when:%m-%d %H:%M} {failure.error[:60]}", urgent=True)


def my_failures(request) -> desk.Panel | None:
    qs = (NotificationFailure.objects.filter(handled_at=None, recipient=request.user)
          .select_related("recipient"))
    count = qs.count()
    if not count:
        return None
    return desk.Panel(_("没有送达给我的通知"), count, [_entry(f) for f in qs[:LIMIT]],
                      more_url=reverse("admin:townships_notificationfailure_changelist"),
                      key="notifications-mine")


def township_failures(request) -> desk.Panel | None:
    managed = permissions.managed_township_ids(request.user)
    if managed is not None and not managed:
        return None
    qs = NotificationFailure.objects.filter(handled_at=None).select_related("recipient")
    if managed is not None:
        qs = qs.filter(township_id__in=managed)
    title = _("通知发送失败（全县）") if managed is None else _("通知发送失败（本乡镇）")
    return desk.Panel(title, qs.count(), [_entry(f) for f in qs[:LIMIT]],
                      more_url=reverse("admin:townships_notificationfailure_changelist"),
                      empty_text=_("最近没有发送失败的通知。"), key="notifications-township")


def staff_without_email(request) -> desk.Panel | None:
    managed = permissions.managed_township_ids(request.user)
    if managed is not None and not managed:
        return None
    members = Membership.objects.filter(township__isnull=False, user__is_active=True,
                                        user__email="")
    if managed is not None:
        members = members.filter(township_id__in=managed)
    users = {}
    for m in members.select_related("user", "township").order_by("township__order", "user_id"):
        users.setdefault(m.user_id, (m.user, []))[1].append(m)
    entries = [
        desk.Entry(f"{user.get_full_name()}（{'、'.join(sorted({m.township.name for m in ms}))}）",
                   reverse("admin:townships_user_change", args=[user.pk]),
                   "、".join(m.get_role_display() for m in ms))
        for user, ms in list(users.values())[:LIMIT]]
    return desk.Panel(_("没有登记邮箱的工作人员（收不到邮件通知）"), len(users), entries,
                      more_url=reverse("admin:townships_user_changelist") + "?email__exact=",
                      empty_text=_("每位工作人员都登记了邮箱。"), key="staff-no-email")


def register() -> None:
    desk.register(my_failures, order=5)
    desk.register(township_failures, order=90)
    desk.register(staff_without_email, order=91)



