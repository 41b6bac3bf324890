"""Back office for 找错 reports, scoped by township (county pages: county admins)."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from townships import permissions as township_permissions
from townships.admin_base import ReadableTownshipFilter, TownshipScopedAdmin

from . import permissions
from .forms import AnswerForm
from .models import ErrorReport, mask_contact

REPORT_FIELDS = ["reference", "received_at", "where", "page_link", "page_title", "kind",
                 "description", "contact_name", "contact_phone", "contact_email", "due_on"]
#: The reporter's contact in full only for those who answer the report (they must call or
#: write back); county auditors and other readers see it masked (个人信息保护法 §6, minimum
#: necessary; the list columns are masked for everyone).
CONTACT_FIELDS = {"contact_name": "masked_name", "contact_phone": "masked_phone",
                  "contact_email": "masked_email"}


@admin.register(ErrorReport)
class ErrorReportAdmin(TownshipScopedAdmin):
    list_display = ["reference", "received_at", "where", "short_page", "kind", "status",
                    "due_on", "deadline_state", "masked_contact"]
    list_filter = ["status", "kind", ("township", ReadableTownshipFilter)]
    list_select_related = ["township"]
    search_fields = ["page_url", "page_title", "description"]
    date_hierarchy = "received_at"
    form = AnswerForm

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        obj.was_open = obj.is_open  # as stored: a rejected answer form must not flip the page
        return obj

    def answerable(self, request, obj) -> bool:
        return (obj is not None and getattr(obj, "was_open", obj.is_open)
                and self.has_change_permission(request, obj))

    def report_fields(self, request, obj) -> list[str]:
        if obj is not None and permissions.can_answer(request.user, obj):
            return REPORT_FIELDS
        return [CONTACT_FIELDS.get(name, name) for name in REPORT_FIELDS]

    def get_fieldsets(self, request, obj=None):
        sets = [(_("找错内容"), {"fields": self.report_fields(request, obj)})]
        if self.answerable(request, obj):
            sets.append((_("答复"), {"fields": ["status", "answer"],
                                    "description": _("答复内容会记录在案；留有联系方式的，请同时"
                                                     "通过电话或电子邮件告知反映人。")}))
        else:
            sets.append((_("答复"), {"fields": ["status", "answer", "answered_by",
                                               "answered_at"]}))
        return sets

    def get_readonly_fields(self, request, obj=None):
        fixed = [*self.report_fields(request, obj)]
        if not self.answerable(request, obj):
            fixed += ["status", "answer", "answered_by", "answered_at"]
        return fixed

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("ScopedAnswerForm", (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)

    # -- permissions: answering follows feedback.permissions ----------------------------

    def has_add_permission(self, request):
        return False  # reports come from the public form

    def has_change_permission(self, request, obj=None):
        if not township_permissions.can_use_back_office(request.user):
            return False
        if obj is None:
            return permissions.answers_anything(request.user)
        return permissions.can_answer(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return township_permissions.is_platform_admin(request.user)

    def has_view_permission(self, request, obj=None):
        if not township_permissions.can_use_back_office(request.user):
            return False
        if obj is None or obj.township_id is not None:
            return super().has_view_permission(request, obj)
        return township_permissions.has_county_view(request.user)

    # -- columns ------------------------------------------------------------------------

    @admin.display(description=_("受理编号"))
    def reference(self, obj):
        return obj.reference

    @admin.display(description=_("所属"), ordering="township")
    def where(self, obj):
        return obj.township.name if obj.township_id else _("县级页面")

    @admin.display(description=_("页面"))
    def short_page(self, obj):
        return (obj.page_title or obj.page_url)[:30]

    @admin.display(description=_("页面地址"))
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.page_url, obj.page_url)

    @admin.display(description=_("期限"))
    def deadline_state(self, obj):
        if not obj.is_open:
            late = obj.due_on and obj.answered_at and (
                timezone.localdate(obj.answered_at) > obj.due_on)
            return _("逾期办结") if late else _("按期办结")
        if obj.due_on is None:
            return _("缺少工作日历")
        return _("已超期") if obj.is_overdue() else _("未到期")

    @admin.display(description=_("联系方式"))
    def masked_contact(self, obj):
        return obj.masked_contact or "—"

    @admin.display(description=_("称呼"))
    def masked_name(self, obj):
        name = obj.contact_name or ""
        return f"{name[:1]}{'*' * (len(name) - 1)}" if name else "—"

    @admin.display(description=_("联系电话"))
    def masked_phone(self, obj):
        return mask_contact(obj.contact_phone) or "—"

    @admin.display(description=_("电子邮箱"))
    def masked_email(self, obj):
        return mask_contact(obj.contact_email) or "—"
