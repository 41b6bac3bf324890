"""Login history (等保 二级 identification and audit): each user sees their own logins and
failed attempts (time, address, success or failure) on the desk and on a page of their own;
the county admin's desk lists failed logins of privileged accounts.

The records are django-axes' AccessLog (successful logins) and AccessFailureLog (failures).
The address is the client as the lockout counts it (an IPv6 address as its /64).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from townships.models import Role

PRIVILEGED_ROLES = (Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.PUBLISHER)


@dataclass(frozen=True)
class Event:
    when: datetime.datetime
    address: str
    success: bool
    username: str = ""
    locked: bool = False


def _address(value: str | None) -> str:
    value = value or ""
    return f"{value}/64" if ":" in value and value.endswith("::") else value


def user_history(username: str, limit: int = 50) -> list[Event]:
    """The latest logins and failed attempts of one account, newest first."""
    ok = AccessLog.objects.filter(username=username).order_by("-attempt_time")[:limit]
    bad = AccessFailureLog.objects.filter(username=username).order_by("-attempt_time")[:limit]
    events = [Event(r.attempt_time, _address(r.ip_address), True, username) for r in ok]
    events += [Event(r.attempt_time, _address(r.ip_address), False, username, r.locked_out)
               for r in bad]
    return sorted(events, key=lambda e: e.when, reverse=True)[:limit]


def privileged_usernames() -> list[str]:
    return list(get_user_model().objects.filter(
        Q(is_superuser=True) | Q(memberships__role__in=PRIVILEGED_ROLES))
        .values_list("username", flat=True).distinct())


def privileged_failures(days: int = 7):
    since = timezone.now() - datetime.timedelta(days=days)
    return (AccessFailureLog.objects.filter(username__in=privileged_usernames(),
                                            attempt_time__gte=since)
            .order_by("-attempt_time"))
