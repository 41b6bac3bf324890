"""Back office for the county, townships, offices, staff and their roles."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions
from .admin_base import ReadableTownshipFilter, ScopedInline, TownshipScopedAdmin
from .models import (
    CalendarDay,
    CalendarYear,
    County,
    Membership,
    NotificationFailure,
    Office,
    Township,
    User,
)
from .selectors import forget_current_county

# Roles are Membership rows per township (Django groups cannot say "reviewer in township X").
admin.site.unregister(Group)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "division_code", "site_name", "site_id_code",
                    "portal_marks_status"]
    readonly_fields = ["portal_marks_status"]
    fieldsets = [
        (None, {"fields": ["name", "full_name", "division_code", "site_name"]}),
        (_("网站页头"), {"fields": ["emblem_image", "emblem_alt", "banner_image", "banner_alt"]}),
        (_("主办单位和承办单位"), {
            "fields": ["sponsor", "address", "phone", "email", "postcode", "organizer",
                       "organizer_phone", "organizer_address"]}),
        (_("网站标识与备案（页脚）"), {
            "description": _("以下各项按政府网站检查要求显示在每个页面底部；未填写的项目不显示，"
                             "不会用示意图代替。"),
            "fields": ["portal_marks_status", "site_id_code", "icp_record", "police_record",
                       "police_record_code", "police_badge_image", "gov_mark_image",
                       "gov_mark_url"]}),
    ]

    @admin.display(description=_("页脚标识缺项"))
    def portal_marks_status(self, obj):
        missing = obj.missing_portal_marks() if obj and obj.pk else []
        if not missing:
            return _("已齐全") if obj and obj.pk else "—"
        return _("尚未填写：%(items)s") % {"items": "、".join(missing)}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and obj.missing_portal_marks():
            messages.warning(request, _("页脚还缺少：%(items)s。未填写的项目在网站上不显示。")
                             % {"items": "、".join(obj.missing_portal_marks())})
        return super().change_view(request, object_id, form_url, extra_context)

    def has_module_permission(self, request):
        return permissions.has_county_view(request.user) and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return permissions.is_platform_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_county_admin(request.user) and request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        return permissions.is_platform_admin(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_current_county()


class OfficeInline(ScopedInline):
    model = Office
    fields = ["name", "kind", "phone", "order"]


@admin.register(Township)
class TownshipAdmin(TownshipScopedAdmin):
    township_path = "id"
    write_scope = "manage"
    list_display = ["name", "full_name", "division_code", "org_code", "phone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "full_name", "org_code", "division_code"]
    inlines = [OfficeInline]
    fieldsets = [
        (None, {"fields": ["county", "name", "full_name", "slug", "division_code", "org_code",
                           "order", "is_active"]}),
        (_("政府信息公开工作机构与联系方式（用于公开指南）"), {
            "fields": ["disclosure_office", "address", "office_hours", "phone", "fax", "email",
                       "postcode"]}),
        (_("指南与制度"), {"fields": ["introduction", "guide_text", "guide_updated_on",
                                   "system_text"]}),
        (_("依申请公开答复告知书"), {"fields": ["letter_prefix", "reconsideration_body",
                                          "litigation_court"]}),
        (_("网站页脚"), {"fields": ["sponsor", "site_id_code", "icp_record", "police_record",
                                "police_record_code"]}),
        (_("工作群通知（企业微信/钉钉群机器人，可选）"), {
            "fields": ["webhook_kind", "webhook_url", "webhook_secret"],
            "description": _("设置后，审签流转和答复期限提醒也发到这个工作群；保存后可用命令 "
                             "manage.py test_webhook 乡镇网址标识 发一条测试消息。")}),
    ]

    WEBHOOK_FIELDS = ("webhook_kind", "webhook_url", "webhook_secret")

    def get_fieldsets(self, request, obj=None):
        """The robot URL and signing secret are credentials: only those who manage the
        township see them (county auditors read every township, but not these)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or permissions.can_manage_township(request.user, obj.pk):
            return fieldsets
        return [(name, opts) for name, opts in fieldsets
                if not set(opts["fields"]) & set(self.WEBHOOK_FIELDS)]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "webhook_url":
            kwargs["assume_scheme"] = "https"  # a pasted address without a scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # the guide's date follows its content (Township.save)
        readonly = ["slug", "org_code", "guide_updated_on"] if obj else []
        if obj and not permissions.is_county_admin(request.user):
            readonly += ["county", "name", "full_name", "division_code", "is_active"]
        return readonly

    def has_add_permission(self, request):
        return permissions.is_county_admin(request.user) and request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        return permissions.is_platform_admin(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)



@admin.register(Office)
class OfficeAdmin(TownshipScopedAdmin):
    write_scope = "manage"
    list_display = ["name", "township", "kind", "phone", "order"]
    list_filter = [("township", ReadableTownshipFilter), "kind"]
    list_select_related = ["township"]
    search_fields = ["name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "township":
            kwargs["queryset"] = self.scoped_choices(request, Township)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(ScopedInline):
    model = Membership
    fk_name = "user"
    fields = ["township", "county", "office", "role"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("township", "county", "office")
        ids = permissions.readable_township_ids(request.user)
        return qs if ids is None else qs.filter(township_id__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = permissions.managed_township_ids(request.user)
        if db_field.name == "township":
            qs = Township.objects.all()
            kwargs["queryset"] = qs if ids is None else qs.filter(id__in=ids)
        elif db_field.name == "office":
            qs = Office.objects.select_related("township")
            kwargs["queryset"] = qs if ids is None else qs.filter(township_id__in=ids)
        elif db_field.name == "county":
            qs = County.objects.all()
            kwargs["queryset"] = qs if permissions.is_county_admin(request.user) else qs.none()
        return admin.TabularInline.formfield_for_foreignkey(self, db_field, request, **kwargs)

    def get_min_num(self, request, obj=None, **kwargs):
        # A township admin's new account must belong to their township, or they lose it.
        return 0 if permissions.managed_township_ids(request.user) is None else 1

    def has_add_permission(self, request, obj=None):
        return UserAdmin.may_manage_staff(request)

    def has_change_permission(self, request, obj=None):
        return UserAdmin.may_manage_staff(request)

    def has_delete_permission(self, request, obj=None):
        return UserAdmin.may_manage_staff(request)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "phone", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    search_fields = ["username", "full_name", "phone", "email"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("个人信息"), {"fields": ["full_name", "phone", "email"]}),
        (_("状态"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["username", "full_name", "phone", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    @staticmethod
    def may_manage_staff(request) -> bool:
        ids = permissions.managed_township_ids(request.user)
        return request.user.is_staff and (ids is None or bool(ids))

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = permissions.readable_township_ids(request.user)
        if ids is None:
            return qs
        return qs.filter(memberships__township_id__in=ids).distinct()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    def has_module_permission(self, request):
        return permissions.has_county_view(request.user) or self.may_manage_staff(request)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user)

    def has_add_permission(self, request):
        return self.may_manage_staff(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage_staff(request)
        if obj.is_superuser and not permissions.is_platform_admin(request.user):
            return False
        ids = permissions.managed_township_ids(request.user)
        if ids is None:
            return request.user.is_staff
        # A township admin manages only accounts that belong to their townships alone.
        own = set(obj.memberships.values_list("township_id", flat=True))
        return bool(own) and None not in own and own <= ids

    def has_delete_permission(self, request, obj=None):
        return permissions.is_county_admin(request.user) and self.has_change_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        obj.is_staff = True
        super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(TownshipScopedAdmin):
    write_scope = "manage"
    list_display = ["user", "township", "county", "office", "role", "created_at"]
    list_filter = ["role", ("township", ReadableTownshipFilter)]
    list_select_related = ["user", "township", "county", "office"]
    search_fields = ["user__username", "user__full_name"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        ids = permissions.readable_township_ids(request.user)
        return qs if ids is None else qs.filter(township_id__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "county":
            qs = County.objects.all()
            kwargs["queryset"] = qs if permissions.is_county_admin(request.user) else qs.none()
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        if db_field.name == "township":
            kwargs["queryset"] = self.scoped_choices(request, Township)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        if db_field.name == "office":
            ids = permissions.managed_township_ids(request.user)
            qs = Office.objects.select_related("township")
            kwargs["queryset"] = qs if ids is None else qs.filter(township_id__in=ids)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CalendarAdminMixin:
    """Every back-office user may look; only the county admin changes the calendar, and only
    the county sees it among the back office's sections."""

    def has_module_permission(self, request):
        return permissions.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user)

    def has_add_permission(self, request):
        return request.user.is_staff and permissions.is_county_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarAdminMixin, admin.ModelAdmin):
    list_display = ["year", "complete", "source"]
    list_filter = ["complete"]


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarAdminMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(NotificationFailure)
class NotificationFailureAdmin(admin.ModelAdmin):
    """Failed notifications: the person's own and those of the townships one manages. Read-only;
    "标记为已处理" takes a failure off the desk once the person has been told another way."""

    list_display = ["created_at", "township", "recipient", "channel", "kind", "subject",
                    "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter), "channel"]
    search_fields = ["subject", "address", "recipient__full_name", "recipient__username"]
    readonly_fields = ["township", "recipient", "channel", "kind", "address", "subject", "error",
                       "created_at", "handled_at"]
    fields = readonly_fields
    actions = ["mark_handled"]
    township_path = "township"  # the tenant-isolation test checks B's rows stay hidden
    list_per_page = 50

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("township", "recipient")
        managed = permissions.managed_township_ids(request.user)
        if managed is None:
            return qs
        return qs.filter(Q(recipient=request.user) | Q(township_id__in=managed))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    def has_module_permission(self, request):
        return permissions.can_use_back_office(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("标记为已处理（已用其他方式通知到本人）"))
    def mark_handled(self, request, queryset):
        count = queryset.filter(handled_at=None).update(handled_at=timezone.now())
        self.message_user(request, _("已标记 %(n)d 条为已处理。") % {"n": count})
