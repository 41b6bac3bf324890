"""Desk panel for the county's staff: which marks of the portal are still not configured,
and which are still the demo's 样例 pictures (townships/sample_marks.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from . import desk, permissions
from .selectors import current_county


def missing_marks(request) -> desk.Panel | None:
    """County admins and county auditors see it; only an admin can fix it (the link)."""
    if not permissions.has_county_view(request.user):
        return None
    county = current_county()
    if county is None:
        return None
    url = (reverse("admin:townships_county_change", args=[county.pk])
           if permissions.is_county_admin(request.user) else "")
    samples = set(county.sample_marks())
    entries = [
        desk.Entry(label, url, _("样例图片不得用于正式网站") if label in samples
                   else _("未填写的项目在网站上不显示"), urgent=label in samples)
        for label in county.missing_portal_marks()
    ]
    return desk.Panel(_("网站页头页脚标识待补充"), len(entries), entries, more_url=url,
                      empty_text=_("网站页脚标识已齐全。"), key="portal-marks")


def register() -> None:
    desk.register(missing_marks, order=90)
