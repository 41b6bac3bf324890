"""The back office's admin site: its home page is a desk (townships/desk.py)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import desk


class TownshipAdminSite(admin.AdminSite):
    site_header = _("乡镇政务公开平台 · 管理后台")
    site_title = _("乡镇政务公开平台")
    index_title = _("工作台")

    def index(self, request, extra_context=None):
        extra = {"desk_panels": desk.panels(request), **(extra_context or {})}
        return super().index(request, extra)

    def get_urls(self):
        from django.urls import path

        urls = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        return [path("r/<int:content_type_id>/<path:object_id>/",
                     self.admin_view(self.view_on_site), name="view_on_site"),
                path("manual/", self.admin_view(self.manual_view), name="manual"), *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "view on site" redirect, only for objects this user may read in the
        admin: anything else is 404, so staff of another township cannot learn that a
        draft exists (or where it will be published)."""
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut
        from django.core.exceptions import ValidationError
        from django.http import Http404

        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        try:
            readable = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, TypeError, ValidationError):
            readable = False
        if not readable:
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def manual_view(self, request):
        """docs/MANUAL.md, the staff manual, rendered for any back-office user."""
        from django.template.response import TemplateResponse

        from . import manual

        return TemplateResponse(request, "admin/manual.html", {
            **self.each_context(request), "title": _("工作人员手册"),
            "manual_html": manual.render()})


def _boolean_icon(value):
    """Django's yes/no icon with a Chinese alt text (Django writes alt="True"/"False",
    which screen readers announce in English)."""
    icon, label = {True: ("yes", _("是")), False: ("no", _("否"))}.get(value,
                                                                     ("unknown", _("未知")))
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), label)


class TownshipAdminConfig(AdminConfig):
    default_site = "townships.admin_site.TownshipAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.admin.templatetags import admin_list

        admin_list._boolean_icon = _boolean_icon  # looked up at call time by the admin
