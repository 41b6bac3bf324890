"""The audit log and login records in the back office: read-only, for the county office.

County auditors and county admins view and filter the audit log and the login records;
nobody edits or deletes them (on PostgreSQL the database refuses as well, see
migrations/0001). County admins unlock a locked account or address by deleting its
failure record, which the audit log records.
"""

from __future__ import annotations

from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext_lazy as _

from townships import permissions as tp

for model in (LogEntry, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


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


def changes_text(entry, separator: str) -> str:
    return separator.join(f"{field}：{old} → {new}"
                          for field, (old, new, *_rest) in entry.changes_dict.items())


@admin.register(LogEntry)
class AuditLogAdmin(ReadOnlyCountyAdmin):
    date_hierarchy = "timestamp"
    list_display = ["timestamp", "actor", "remote_addr", "action", "content_type",
                    "object_repr", "changes_summary"]
    list_filter = ["action", ResourceTypeFilter, "timestamp"]
    list_select_related = ["content_type", "actor"]
    search_fields = ["object_repr", "object_pk", "actor__username", "actor__full_name",
                     "remote_addr", "changes_text"]
    fields = ["timestamp", "actor", "actor_email", "remote_addr", "action", "content_type",
              "object_pk", "object_repr", "changes_detail"]
    readonly_fields = fields

    @admin.display(description=_("变更内容"))
    def changes_summary(self, obj):
        return changes_text(obj, "；")[:200]

    @admin.display(description=_("变更内容（修改前 → 修改后）"))
    def changes_detail(self, obj):
        return linebreaksbr(changes_text(obj, "\n")) or "—"


@admin.action(description=_("解锁所选账号或地址"), permissions=["delete"])
def unlock(modeladmin, request, queryset):
    count = 0
    for attempt in queryset:  # one by one, so the audit log records each unlock
        attempt.delete()
        count += 1
    messages.success(request, _("已解锁 %(n)d 条记录。") % {"n": count})


@admin.register(AccessAttempt)
class LockoutAdmin(ReadOnlyCountyAdmin):
    """Failed logins within the cool-off; deleting a row (or the action) unlocks."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start",
                    "locked"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["attempt_time", "username", "ip_address", "user_agent", "path_info",
              "failures_since_start"]
    readonly_fields = fields
    actions = [unlock]

    @admin.display(description=_("已锁定"), boolean=True)
    def locked(self, obj):
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and tp.is_county_admin(request.user)


@admin.register(AccessLog)
class LoginLogAdmin(ReadOnlyCountyAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address", "user_agent"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = ["attempt_time", "logout_time", "username", "ip_address", "user_agent",
              "path_info"]
    readonly_fields = fields


@admin.register(AccessFailureLog)
class LoginFailureAdmin(ReadOnlyCountyAdmin):
    list_display = ["attempt_time", "username", "ip_address", "locked_out", "user_agent"]
    list_filter = ["locked_out", "attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = ["attempt_time", "username", "ip_address", "user_agent", "path_info",
              "locked_out"]
    readonly_fields = fields
