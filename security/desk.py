"""Desk panels: the user's own login history; for county admins, failed logins of
privileged accounts (superusers, county and township admins, 党政办)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import desk, permissions

from . import history

SHOWN = 5
PRIVILEGED_DAYS = 7


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def my_logins(request) -> desk.Panel | None:
    if not permissions.can_use_back_office(request.user):
        return None
    events = history.user_history(request.user.get_username(), limit=SHOWN)
    url = reverse("security:my_logins")
    entries = [desk.Entry(
        f"{_when(e.when)} {_('登录成功') if e.success else _('登录失败')}", url,
        _("地址 %(address)s") % {"address": e.address or _("未知")}, urgent=not e.success)
        for e in events]
    failures = sum(1 for e in events if not e.success)
    return desk.Panel(_("我的登录记录"), failures, entries, more_url=url,
                      empty_text=_("暂无登录记录。"), key="security-my-logins",
                      count_text=_("近%(shown)d次登录，失败%(failed)d次")
                      % {"shown": len(events), "failed": failures} if events else "")


def privileged_failures(request) -> desk.Panel | None:
    if not permissions.is_county_admin(request.user):
        return None
    qs = history.privileged_failures(PRIVILEGED_DAYS)
    base = reverse("admin:security_loginfailure_changelist")
    entries = [desk.Entry(
        f"{_when(f.attempt_time)} {f.username}", f"{base}?q={f.username}",
        _("地址 %(address)s") % {"address": history._address(f.ip_address) or _("未知")}
        + (_("，已锁定") if f.locked_out else ""), urgent=f.locked_out)
        for f in qs[:8]]
    return desk.Panel(_("特权账号登录失败（近%(n)d天）") % {"n": PRIVILEGED_DAYS}, qs.count(),
                      entries, more_url=base, empty_text=_("近期没有特权账号登录失败。"),
                      key="security-privileged-failures")


def two_factor(request) -> desk.Panel | None:
    from django.conf import settings
    from django_otp import user_has_device

    from . import twofactor

    user = request.user
    if not permissions.can_use_back_office(user):
        return None
    if user_has_device(user, confirmed=True):
        entries = [desk.Entry(_("两步验证已开启；重新生成恢复码"),
                              reverse("security:otp_recovery_codes"))]
        return desk.Panel(_("两步验证"), 0, entries, key="security-two-factor")
    note = ""
    if settings.TWO_FACTOR_DEMO_EXEMPT and twofactor.is_privileged(user):
        note = _("演示豁免：本机演示未强制；生产环境必须开启")
    entries = [desk.Entry(_("开启两步验证（手机身份验证器）"), reverse("security:otp_setup"),
                          note, urgent=bool(note))]
    return desk.Panel(_("两步验证"), 1, entries, key="security-two-factor")


def register() -> None:
    desk.register(two_factor, order=88)
    desk.register(my_logins, order=90)
    desk.register(privileged_failures, order=85)
