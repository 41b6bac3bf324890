"""The audit log and login records in the back office: read-only, for the county office.

County auditors and county admins view and filter the audit log and the login records;
nobody edits or deletes them (on PostgreSQL the database refuses as well, see
migrations/0001). County admins unlock a locked account or address by deleting its
failure record, which the audit log records.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from townships import permissions as tp

from .models import AuditEntry, Lockout, LoginFailure, LoginRecord, TwoFactorDevice

for model in (LogEntry, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

ACTIONS = {0: _("新增"), 1: _("修改"), 2: _("删除"), 3: _("查看"), 4: _("关联变更")}


class ReadOnlyCountyAdmin(admin.ModelAdmin):
    """County auditors and admins look; nobody adds, changes or deletes."""

    list_per_page = 100
    show_full_result_count = False

    def has_module_permission(self, request):
        return tp.can_use_back_office(request.user) and tp.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "—"


class ActionFilter(admin.SimpleListFilter):
    title = _("操作")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(str(k), v) for k, v in ACTIONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(action=int(self.value())) if self.value() in {
            str(k) for k in ACTIONS} else queryset


class RecordTypeFilter(admin.SimpleListFilter):
    title = _("记录类型")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        ids = LogEntry.objects.values_list("content_type", flat=True).distinct()
        return [(str(ct.pk), str(ct.model_class()._meta.verbose_name) if ct.model_class()
                 else ct.model) for ct in ContentType.objects.filter(pk__in=ids)]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(content_type_id=int(value)) if value and value.isdigit() \
            else queryset


def changes_text(entry, separator: str) -> str:
    return separator.join(f"{field}：{old} → {new}"
                          for field, (old, new, *_rest) in entry.changes_dict.items())


@admin.register(AuditEntry)
class AuditLogAdmin(ReadOnlyCountyAdmin):
    date_hierarchy = "timestamp"
    list_display = ["when", "who", "address", "what", "record_type", "record", "summary"]
    list_filter = [ActionFilter, RecordTypeFilter]
    list_select_related = ["content_type", "actor"]
    search_fields = ["object_repr", "object_pk", "actor__username", "actor__full_name",
                     "remote_addr", "changes_text", "changes"]
    fields = ["when", "who", "address", "what", "record_type", "record_id", "record",
              "detail"]
    readonly_fields = fields

    @admin.display(description=_("时间"), ordering="timestamp")
    def when(self, obj):
        return _when(obj.timestamp)

    @admin.display(description=_("操作人"))
    def who(self, obj):
        return obj.actor or obj.actor_email or _("系统")

    @admin.display(description=_("网络地址"))
    def address(self, obj):
        return obj.remote_addr or "—"

    @admin.display(description=_("操作"))
    def what(self, obj):
        return ACTIONS.get(obj.action, obj.action)

    @admin.display(description=_("记录类型"))
    def record_type(self, obj):
        model = obj.content_type.model_class()
        return model._meta.verbose_name if model else obj.content_type.model

    @admin.display(description=_("记录编号"))
    def record_id(self, obj):
        return obj.object_pk

    @admin.display(description=_("记录"))
    def record(self, obj):
        return obj.object_repr

    @admin.display(description=_("变更内容"))
    def summary(self, obj):
        return changes_text(obj, "；")[:200]

    @admin.display(description=_("变更内容（修改前 → 修改后）"))
    def detail(self, obj):
        return linebreaksbr(changes_text(obj, "\n")) or "—"


def _unlock(queryset) -> int:
    """Delete failure records one by one through the library's own model, so each
    deletion reaches the audit log (its receivers listen on AccessAttempt, not the proxy)."""
    count = 0
    for attempt in AccessAttempt.objects.filter(pk__in=list(queryset.values_list("pk",
                                                                                 flat=True))):
        attempt.delete()
        count += 1
    return count


@admin.action(description=_("解锁所选账号或地址"), permissions=["delete"])
def unlock(modeladmin, request, queryset):
    messages.success(request, _("已解锁 %(n)d 条记录。") % {"n": _unlock(queryset)})


class LoginColumns:
    @admin.display(description=_("时间"), ordering="attempt_time")
    def when(self, obj):
        return _when(obj.attempt_time)

    @admin.display(description=_("账号"))
    def account(self, obj):
        return obj.username or "—"

    @admin.display(description=_("网络地址"))
    def address(self, obj):
        return obj.ip_address or "—"

    @admin.display(description=_("浏览器"))
    def browser(self, obj):
        return (obj.user_agent or "")[:120]


@admin.register(Lockout)
class LockoutAdmin(LoginColumns, ReadOnlyCountyAdmin):
    """Failed logins within the cool-off; deleting a row (or the action) unlocks."""

    list_display = ["when", "account", "address", "failures", "locked"]
    search_fields = ["username", "ip_address"]
    fields = ["when", "account", "address", "browser", "failures"]
    readonly_fields = fields
    actions = [unlock]

    @admin.display(description=_("失败次数"))
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("账号已锁定"), boolean=True)
    def locked(self, obj):
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and tp.is_county_admin(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # `unlock` is the one way, and it is audited
        return actions

    def delete_model(self, request, obj):
        _unlock(Lockout.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        _unlock(queryset)


@admin.register(LoginRecord)
class LoginLogAdmin(LoginColumns, ReadOnlyCountyAdmin):
    date_hierarchy = "attempt_time"
    list_display = ["when", "logged_out", "account", "address", "browser"]
    search_fields = ["username", "ip_address"]
    fields = ["when", "logged_out", "account", "address", "browser"]
    readonly_fields = fields

    @admin.display(description=_("退出时间"))
    def logged_out(self, obj):
        return _when(obj.logout_time)


@admin.register(LoginFailure)
class LoginFailureAdmin(LoginColumns, ReadOnlyCountyAdmin):
    date_hierarchy = "attempt_time"
    list_display = ["when", "account", "address", "locked", "browser"]
    search_fields = ["username", "ip_address"]
    fields = ["when", "account", "address", "browser", "locked"]
    readonly_fields = fields

    @admin.display(description=_("因此锁定"), boolean=True)
    def locked(self, obj):
        return obj.locked_out


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.action(description=_("重置所选用户的两步验证"))
def reset_two_factor(modeladmin, request, queryset):
    from . import twofactor

    users = {device.user for device in queryset.select_related("user")}
    removed = sum(twofactor.reset(user) for user in users)
    text = _("已重置 %(n)d 个用户的两步验证（删除 %(d)d 个设备），他们下次登录时重新设置。")
    modeladmin.message_user(request, text % {"n": len(users), "d": removed}, messages.SUCCESS)


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(ReadOnlyCountyAdmin):
    """County users see who has an authenticator; county admins reset (audited)."""

    list_display = ["user", "name", "confirmed", "last_used"]
    search_fields = ["user__username", "user__full_name"]
    fields = ["user", "name", "confirmed", "last_used"]
    readonly_fields = fields
    actions = [reset_two_factor]

    @admin.display(description=_("最近使用"))
    def last_used(self, obj):
        return _when(obj.last_used_at)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and tp.is_county_admin(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if not self.has_delete_permission(request):
            actions.pop("reset_two_factor", None)
        return actions
