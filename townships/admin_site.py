"""The back office's admin site: its home page is a desk (townships/desk.py)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from . import desk


class TownshipAdminSite(admin.AdminSite):
    site_header = _("乡镇政务公开平台 · 管理后台")
    site_title = _("乡镇政务公开平台")
    index_title = _("工作台")

    def index(self, request, extra_context=None):
        extra = {"desk_panels": desk.panels(request), **(extra_context or {})}
        return super().index(request, extra)


class TownshipAdminConfig(AdminConfig):
    default_site = "townships.admin_site.TownshipAdminSite"
