"""Login lockout without denial of service (docs/SECURITY.md, "登录锁定").

django-axes records every failure (AccessAttempt per username + client, AccessFailureLog
for ever) and asks this handler whether a login attempt may go ahead. The client is
`web.client_address.client_key`: an IPv4 address, or an IPv6 /64.

Four rules, checked before the password is:

1. Pair lock: LOGIN_FAILURE_LIMIT (5) failures for one account from one client within
   LOGIN_COOLOFF_MINUTES lock that account *from that client* only.
2. Client throttle: LOGIN_ADDRESS_FAILURE_LIMIT (20) failures from one client, any
   accounts, lock that client out of every account for the cool-off.
3. Account slow-down: after LOGIN_SLOWDOWN_AFTER (10) failures for one account within
   LOGIN_ACCOUNT_WINDOW_HOURS, an attempt from a client the owner has never logged in from
   must wait 2^(n - 10) seconds (at most LOGIN_SLOWDOWN_MAX_SECONDS) after the latest
   failure; attempts refused early are not counted and never reach the password check.
4. Account lock: at LOGIN_ACCOUNT_LOCK_LIMIT (200) failures within the window, clients the
   owner has never logged in from are refused altogether; the county admins and the owner
   are e-mailed once when it starts.

A client the owner has logged in from before (AccessLog, LOGIN_KNOWN_CLIENT_DAYS) skips
rules 3 and 4: someone who guesses from rotating addresses cannot lock the owner out.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

log = logging.getLogger("security")


@dataclass(frozen=True)
class Block:
    reason: str  # "pair", "client", "slowdown", "account"
    until: datetime.datetime


def _sum(qs) -> int:
    return qs.aggregate(n=Sum("failures_since_start"))["n"] or 0


def _latest(qs) -> datetime.datetime:
    return qs.aggregate(t=Max("attempt_time"))["t"] or timezone.now()


def _client(request) -> str:
    return getattr(request, "axes_ip_address", None) or ""


def is_known_client(username: str, client: str) -> bool:
    """Has the owner logged in from this client (address or IPv6 /64) recently?"""
    if not username or not client:
        return False
    since = timezone.now() - datetime.timedelta(days=settings.LOGIN_KNOWN_CLIENT_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=client, attempt_time__gte=since).exists()


def account_failures(username: str):
    since = timezone.now() - datetime.timedelta(hours=settings.LOGIN_ACCOUNT_WINDOW_HOURS)
    return AccessFailureLog.objects.filter(username=username, attempt_time__gte=since)


def slowdown_seconds(failures: int) -> int:
    """The wait after the latest failure once an account has `failures` in the window."""
    over = failures - settings.LOGIN_SLOWDOWN_AFTER
    if over < 0:
        return 0
    return min(2 ** min(over, 30), settings.LOGIN_SLOWDOWN_MAX_SECONDS)


def block_for(request, credentials=None, *, include_slowdown: bool = True) -> Block | None:
    """Why (and until when) this login attempt is refused, or None."""
    now = timezone.now()
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    since = now - cool_off
    client = _client(request)
    username = get_client_username(request, credentials)
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    if username:
        pair = recent.filter(username=username, ip_address=client)
        if _sum(pair) >= settings.AXES_FAILURE_LIMIT:
            return Block("pair", _latest(pair) + cool_off)
    by_client = recent.filter(ip_address=client)
    if _sum(by_client) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return Block("client", _latest(by_client) + cool_off)
    if not username or is_known_client(username, client):
        return None
    failures = account_failures(username)
    count = failures.count()
    if count >= settings.LOGIN_ACCOUNT_LOCK_LIMIT:
        # Until enough of the window's failures have aged out to fall below the limit.
        times = list(failures.order_by("attempt_time").values_list("attempt_time", flat=True))
        oldest_needed = times[count - settings.LOGIN_ACCOUNT_LOCK_LIMIT]
        window = datetime.timedelta(hours=settings.LOGIN_ACCOUNT_WINDOW_HOURS)
        return Block("account", oldest_needed + window)
    wait = slowdown_seconds(count)
    if include_slowdown and wait:
        until = _latest(failures) + datetime.timedelta(seconds=wait)
        if until > now:
            return Block("slowdown", until)
    return None


class TwoLimitHandler(AxesDatabaseHandler):
    """Axes handler applying the four rules above (the name is kept for settings)."""

    def is_locked(self, request, credentials=None) -> bool:
        block = block_for(request, credentials)
        request.login_block = block
        return block is not None

    def get_failures(self, request, credentials=None) -> int:
        """Axes marks the request locked out when this reaches AXES_FAILURE_LIMIT right
        after recording a failure; the slow-down is not a lock, so it is left out."""
        if block_for(request, credentials, include_slowdown=False) is not None:
            return settings.AXES_FAILURE_LIMIT
        username = get_client_username(request, credentials)
        if not username:
            return 0
        since = timezone.now() - (get_cool_off(request) or datetime.timedelta(0))
        return _sum(AccessAttempt.objects.filter(
            username=username, ip_address=_client(request), attempt_time__gte=since))

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "login_block", None) is not None:
            return
        username = get_client_username(request, credentials)
        if username and account_failures(username).count() == settings.LOGIN_ACCOUNT_LOCK_LIMIT:
            notify_account_lock(username)


def notify_account_lock(username: str) -> int:
    """E-mail the county admins and the account's owner that the account lock started."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    log.warning("Account-wide login lock for %s after %d failures", username,
                settings.LOGIN_ACCOUNT_LOCK_LIMIT)
    recipients = list(user_model.objects.filter(
        is_active=True, memberships__role="county_admin").exclude(email="")
        .values_list("email", flat=True).distinct())
    owner = user_model.objects.filter(username=username).exclude(email="").first()
    subject = _("【安全提醒】账号 %(username)s 登录失败次数过多") % {"username": username}
    body = _(
        "账号 %(username)s 在 %(hours)d 小时内登录失败 %(n)d 次，已暂停从未登录过的网络登录该账号；"
        "在本人以往登录过的网络上仍可正常登录。请核实是否有人在猜测密码，"
        "必要时修改密码，并在后台“登录失败与锁定”中查看来源地址。"
    ) % {"username": username, "hours": settings.LOGIN_ACCOUNT_WINDOW_HOURS,
         "n": settings.LOGIN_ACCOUNT_LOCK_LIMIT}
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    if owner and owner.email not in recipients:
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email]))
    return send_mass_mail(messages, fail_silently=True) if messages else 0


MESSAGES = {
    "pair": gettext_lazy("该账号在本机所在网络上登录失败次数过多，已暂停从本网络登录该账号。"),
    "client": gettext_lazy("本机所在网络登录失败次数过多，已暂停从本网络登录。"),
    "slowdown": gettext_lazy(
        "该账号近期登录失败次数较多，为防止猜测密码，每次尝试之间需等待片刻。"),
    "account": gettext_lazy(
        "该账号登录失败次数过多，已暂停从未登录过的网络登录该账号；在您以往登录过的网络上仍可登录。"),
}


def lockout_response(request, original_response=None, credentials=None):
    from django.contrib import admin

    block = getattr(request, "login_block", None) or block_for(request, credentials)
    reason = block.reason if block else "pair"
    return render(request, "security/lockout.html", {
        **admin.site.each_context(request),
        "reason": MESSAGES[reason],
        "retry_at": timezone.localtime(block.until) if block else None,
        "title": _("登录已暂时锁定"),
    }, status=429)
