"""Desk panel for county admins: which footer marks of the portal are still not configured."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from . import desk, permissions
from .selectors import current_county


def missing_marks(request) -> desk.Panel | None:
    if not permissions.is_county_admin(request.user):
        return None
    county = current_county()
    if county is None:
        return None
    url = reverse("admin:townships_county_change", args=[county.pk])
    note = _("未填写的项目在网站上不显示")
    entries = [desk.Entry(label, url, note) for label in county.missing_portal_marks()]
    return desk.Panel(_("网站页脚标识待补充"), len(entries), entries, more_url=url,
                      empty_text=_("网站页脚标识已齐全。"), key="portal-marks")


def register() -> None:
    desk.register(missing_marks, order=90)
