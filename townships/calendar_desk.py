"""Desk panel for county staff: next year's working-day calendar is missing (from 1 November)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import desk, permissions
from .calendar import calendar_warning


def missing_calendar(request) -> desk.Panel | None:
    if not (permissions.is_county_admin(request.user)
            or permissions.has_county_view(request.user)):
        return None
    text = calendar_warning(timezone.localdate())
    if not text:
        return None
    url = reverse("admin:townships_calendaryear_changelist")
    return desk.Panel(_("工作日历待录入"), 1, [desk.Entry(_("节假日与调休"), url, text, True)],
                      more_url=url, key="calendar-missing")


def register() -> None:
    desk.register(missing_calendar, order=5)
