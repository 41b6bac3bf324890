"""One base ModelAdmin that scopes every admin page by township.

Another township's object answers exactly like a missing one (404). County auditors
read everything and change nothing. Foreign-key choices are scoped the same way, and
list filters only offer values present in the scoped queryset.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404

from . import permissions, scoping
from .admin_dates import ScopeDatesChangeList, with_probed_dates
from .models import Office, Township, User
from .paginator import CappedCountPaginator


class ReadableTownshipFilter(admin.RelatedFieldListFilter):
    """The township filter: every township the user may read. Django's
    RelatedOnlyFieldListFilter asks the table for its distinct townships, a full scan of a
    million items (or millions of sign-off rows) on every list load."""

    def field_choices(self, field, request, model_admin):
        townships = Township.objects.order_by("name")
        ids = permissions.readable_township_ids(request.user)
        if ids is not None:
            townships = townships.filter(pk__in=ids)
        return list(townships.values_list("pk", "name"))


class TownshipScopedAdmin(admin.ModelAdmin):
    #: ORM path from the model to its Township.
    township_path = "township"
    #: Who may change rows: "edit" (township content editors) or "manage" (township admins).
    write_scope = "edit"
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedCountPaginator  # no full-table COUNT on every list load

    # -- querysets ----------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = scoping.readable(super().get_queryset(request), request.user,
                                    self.township_path)
        # A date drill-down that reads a dozen index entries, not every row (admin_dates.py).
        return with_probed_dates(queryset) if self.date_hierarchy else queryset

    def get_changelist(self, request, **kwargs):
        return ScopeDatesChangeList

    def writable_queryset(self, request):
        qs = super().get_queryset(request)
        if self.write_scope == "manage":
            return scoping.managed(qs, request.user, self.township_path)
        return scoping.editable(qs, request.user, self.township_path)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    # -- permissions ----------------------------------------------------------------------

    def township_id_of(self, obj) -> int | None:
        value = obj
        for part in self.township_path.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value.pk if isinstance(value, Township) else value

    def _may_write(self, request, obj=None) -> bool:
        user = request.user
        if self.write_scope == "manage":
            if obj is None:
                ids = permissions.managed_township_ids(user)
                return ids is None or bool(ids)
            return permissions.can_manage_township(user, self.township_id_of(obj))
        if obj is None:
            return permissions.is_platform_admin(user) or bool(
                permissions.editable_township_ids(user)
            )
        return permissions.can_edit_in(user, self.township_id_of(obj))

    def has_module_permission(self, request):
        """Reference data ("manage" admins) is listed only for those who manage it."""
        user = request.user
        if not permissions.can_use_back_office(user):
            return False
        if self.write_scope == "manage":
            return permissions.has_county_view(user) or bool(
                permissions.managed_township_ids(user))
        return True

    def has_view_permission(self, request, obj=None):
        if not permissions.can_use_back_office(request.user):
            return False
        return obj is None or permissions.can_read_township(request.user, self.township_id_of(obj))

    def has_add_permission(self, request):
        return permissions.can_use_back_office(request.user) and self._may_write(request)

    def has_change_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user) and self._may_write(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    # -- scoped choices -------------------------------------------------------------------

    def scoped_choices(self, request, model):
        """The rows of a related model the user may pick when writing."""
        user = request.user
        if model is Township:
            qs = Township.objects.all()
            if self.write_scope == "manage":
                return scoping.managed(qs, user, "id")
            return scoping.editable(qs, user, "id")
        if model is User:
            ids = permissions.managed_township_ids(user)
            if ids is None:
                return User.objects.all()
            editable = permissions.editable_township_ids(user) | ids
            return User.objects.filter(memberships__township_id__in=editable).distinct()
        if model is Office:
            return scoping.editable(Office.objects.select_related("township"), user)
        if hasattr(model, "township"):
            return scoping.editable(model._default_manager.all(), user)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        qs = self.scoped_choices(request, db_field.related_model)
        if qs is not None:
            kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        qs = self.scoped_choices(request, db_field.related_model)
        if qs is not None:
            kwargs["queryset"] = qs
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedInline(admin.TabularInline):
    """Inline rows follow the parent's permissions and scoped choices."""

    extra = 0

    def _parent_admin(self, request):
        return self.admin_site._registry.get(self.parent_model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        parent = self._parent_admin(request)
        if isinstance(parent, TownshipScopedAdmin):
            qs = parent.scoped_choices(request, db_field.related_model)
            if qs is not None:
                kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        parent = self._parent_admin(request)
        return parent.has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        parent = self._parent_admin(request)
        return parent.has_change_permission(request, obj) if obj else parent.has_add_permission(
            request
        )

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)
