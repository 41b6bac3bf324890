"""Login lockout (django-axes): one limit per account, a higher one per client address.

django-axes compares one failure count with one limit; an office of many staff behind
one address needs a higher limit for the address than for an account, so the handler
below checks the two counts separately. The lockout page says, in Chinese, when the
next attempt is allowed.
"""

from __future__ import annotations

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from web.client_address import client_ip


def _sum(qs) -> int:
    return qs.aggregate(n=Sum("failures_since_start"))["n"] or 0


class TwoLimitHandler(AxesDatabaseHandler):
    """Locked when the account reaches AXES_FAILURE_LIMIT failures within the cool-off,
    or the client address reaches LOGIN_ADDRESS_FAILURE_LIMIT.

    django-axes compares `get_failures` with AXES_FAILURE_LIMIT everywhere, so the two
    counts are folded into one number that reaches that limit exactly when either does.
    """

    def failure_counts(self, request, credentials=None) -> tuple[int, int]:
        by_account, by_address = self.get_user_attempts(request, credentials)
        username = get_client_username(request, credentials)
        return (_sum(by_account) if username else 0), _sum(by_address)

    def get_failures(self, request, credentials=None) -> int:
        account, address = self.failure_counts(request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        if account >= limit or address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(account, limit)
        return account


def retry_at(request, credentials=None) -> datetime.datetime | None:
    """When the lock on this account or address ends (local time), if it is locked."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    username = get_client_username(request, credentials)
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request))
    if username:
        attempts = attempts | AccessAttempt.objects.filter(username=username)
    latest = attempts.aggregate(t=Max("attempt_time"))["t"]
    return timezone.localtime((latest or timezone.now()) + cool_off)


def lockout_response(request, original_response=None, credentials=None):
    from django.contrib import admin

    return render(request, "security/lockout.html", {
        **admin.site.each_context(request),
        "retry_at": retry_at(request, credentials),
        "cooloff_minutes": int(get_cool_off(request).total_seconds() // 60),
        "title": "登录已暂时锁定",
    }, status=429)
