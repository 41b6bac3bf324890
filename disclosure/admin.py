"""Back office for the catalogue, disclosure items and attachments."""

from copy import copy

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from townships import permissions
from townships.admin_base import ReadableTownshipFilter, ScopedInline, TownshipScopedAdmin
from townships.admin_dates import ScopeDatesChangeList
from townships.models import County, Township

from . import interpretations
from .admin_fields import CategoryChoiceField, WrappedFilteredSelectMultiple, chain_preview
from .admin_import import ItemImportMixin
from .admin_oldsite import OldSiteImportMixin
from .admin_paste import PasteMixin
from .admin_preview import ItemPreviewMixin
from .admin_revisions import ItemChainAdminMixin
from .content_checks import content_warnings
from .models import Attachment, Category, DisclosureItem, InterpretationRule, RichTextImage
from .models.revisions import linked_ids


@admin.register(Category)
class CategoryAdmin(TownshipScopedAdmin):
    write_scope = "manage"
    list_display = ["name", "code", "parent", "township", "legal_basis", "order"]
    list_filter = [("township", ReadableTownshipFilter)]
    list_select_related = ["township", "parent", "parent__parent"]
    search_fields = ["name", "code"]
    fields = ["county", "township", "parent", "name", "code", "description", "legal_basis",
              "order"]

    def get_readonly_fields(self, request, obj=None):
        return ["county", "township", "code"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "township":
            kwargs["queryset"] = self.scoped_choices(request, Township)
        elif db_field.name == "parent":
            ids = permissions.managed_township_ids(request.user)
            qs = Category.objects.select_related("township", "parent")
            kwargs["queryset"] = qs if ids is None else qs.filter(township_id__in=ids)
        elif db_field.name == "county":
            from townships.models import County

            qs = County.objects.all()
            if permissions.managed_township_ids(request.user) is not None:
                qs = qs.filter(townships__in=permissions.managed_township_ids(request.user))
            kwargs["queryset"] = qs.distinct()
        return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)


class AttachmentInline(ScopedInline):
    model = Attachment
    fields = ["file", "title", "order", "extension", "size"]
    readonly_fields = ["extension", "size"]

    def has_add_permission(self, request, obj=None):
        # Attachments change only while the item is a draft or sent back for changes;
        # published, in-review and withdrawn items keep theirs as signed off.
        editable = (DisclosureItem.Status.DRAFT, DisclosureItem.Status.CHANGES_REQUESTED)
        if obj is not None and obj.status not in editable:
            return False
        return super().has_add_permission(request, obj)


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    """政策文件 named with their date, 文号 and township: titles repeat across townships and
    start alike (清河县某镇人民政府关于印发…), so what tells them apart comes first (the
    picker's boxes show about the first twenty characters; the whole label on hover)."""

    def label_from_instance(self, obj):
        number = f" {obj.doc_number}" if obj.doc_number else ""
        return f"{obj.published_on:%Y-%m-%d}{number} {obj.title} · {obj.township.name}"


STALE_EDIT = _("这条信息在您打开编辑页之后已被他人修改或提交审签，为免覆盖别人的改动，"
               "本次没有保存。请重新打开这条信息，核对后再修改。")


class VersionedItemForm(forms.ModelForm):
    """An edit carries the version it was loaded at (the row's 更新时间) and is refused when
    the row changed meanwhile (a concurrent submit, another editor). The check locks the row
    (the admin's save runs in one transaction), so nothing can change it between the check
    and the save."""

    # A declared field, so every form the admin builds has it; not in the fieldsets (a
    # read-only view would look it up on the model): the change form template renders it.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    #: 所解读的政策文件 (the `interprets` links), saved by the admin: live for a draft, in
    #: the revision for a published item (disclosure/interpretations.py).
    interpreted_documents = DocumentChoiceField(
        label=_("所解读的政策文件"), queryset=DisclosureItem.objects.none(), required=False,
        widget=WrappedFilteredSelectMultiple(_("政策文件"), is_stacked=False),
        help_text=DisclosureItem._meta.get_field("interprets").help_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Absent from a view-only form (every field read-only): nothing is saved there.
        if self.instance.pk and self.instance.updated_at and "loaded_version" in self.fields:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()
        if "interpreted_documents" in self.fields and self.instance.pk:
            # The version being edited: an open revision's links, else the live ones.
            self.initial["interpreted_documents"] = linked_ids(self.instance)

    def _check_interprets(self, cleaned) -> None:
        documents = cleaned.get("interpreted_documents")
        if not documents or "interpreted_documents" not in self.fields:
            return
        probe = copy(self.instance)  # the item as this form would leave it
        for name in ("category", "township"):
            if cleaned.get(name) is not None:
                setattr(probe, name, cleaned[name])
        if probe.category_id is None or probe.township_id is None:
            return  # the missing field has its own error
        for problem in interpretations.link_problems(probe, documents):
            self.add_error("interpreted_documents", problem)

    def clean(self):
        cleaned = super().clean()
        self._check_interprets(cleaned)
        name = self.add_prefix("loaded_version")
        # The change form always sends it; a post without it (scripts) is not checked.
        if self.instance.pk and name in self.data and "loaded_version" in self.fields:
            current = (DisclosureItem.objects.select_for_update()
                       .filter(pk=self.instance.pk).values_list("updated_at", flat=True).first())
            if current is None or self.data.get(name, "") != current.isoformat():
                raise forms.ValidationError(STALE_EDIT, code="stale")
        return cleaned


class ItemChangeList(ScopeDatesChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list shows no body: a page of 50 need not read 50 whole texts (tens of KB
        # each, from TOAST).
        return super().get_queryset(request, exclude_parameters).defer("body")


@admin.register(DisclosureItem)
class DisclosureItemAdmin(ItemImportMixin, OldSiteImportMixin, ItemPreviewMixin, PasteMixin,
                          ItemChainAdminMixin, TownshipScopedAdmin):
    change_form_template = "admin/disclosure/disclosureitem/change_form.html"
    form = VersionedItemForm
    list_display = ["title", "index_no", "township", "category", "status", "importance",
                    "published_on"]
    list_filter = ["status", "doc_type", "disclosure_mode", "validity", "importance",
                   ("township", ReadableTownshipFilter)]
    list_select_related = ["township", "category", "category__parent"]
    search_fields = ["title", "=index_no", "doc_number", "keywords"]
    date_hierarchy = "published_on"
    inlines = [AttachmentInline]
    readonly_fields = ["index_no", "status", "first_published_at", "created_by", "created_at",
                       "updated_at"]
    fieldsets = [
        (_("基本信息"), {"fields": ["township", "category", "office", "title", "summary",
                                "body"]}),
        (_("政策解读"), {"fields": ["interpreted_documents"]}),
        (_("元数据"), {"fields": ["index_no", "publisher_name", "written_on", "published_on",
                               "doc_number", "topic", "doc_type", "disclosure_mode",
                               "validity", "repealed_on", "keywords", "importance"]}),
        (_("状态"), {"fields": ["status", "first_published_at", "created_by", "created_at",
                              "updated_at"]}),
    ]

    class Media:
        js = ["js/admin-chain-preview.js"]

    def get_changelist(self, request, **kwargs):
        return ItemChangeList

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "interpreted_documents" in form.base_fields:
            townships = self.scoped_choices(request, Township).values("pk")
            form.base_fields["interpreted_documents"].queryset = (
                interpretations.document_choices(townships))
        if "importance" in form.base_fields:
            township = obj.township if obj is not None else self._only_township(request)
            form.base_fields["importance"].help_text = chain_preview(township)
        return form

    def _only_township(self, request):
        townships = list(self.scoped_choices(request, Township)[:2])
        return townships[0] if len(townships) == 1 else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["form_class"] = CategoryChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = {**super().get_changeform_initial_data(request), **self.import_initial(request)}
        if "interpreted_documents" in initial:  # from the desk's 待配发政策解读 entry
            initial["interpreted_documents"] = [
                pk for pk in str(initial["interpreted_documents"]).split(",") if pk.isdigit()]
        township = self._only_township(request)
        if township is not None:
            initial.setdefault("township", township.pk)
            initial.setdefault("publisher_name", township.full_name)
        return initial

    def get_object_for_preview(self, request, object_id):
        item = TownshipScopedAdmin.get_object(self, request, object_id)
        if item is None or not self.has_view_permission(request, item):
            raise Http404
        return item

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if request.method == "GET":
            self.apply_import(request, obj)  # shown for the author to confirm by saving
        return obj

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        for message in content_warnings(obj):  # accessibility checks (A11Y.md §6): warn on save
            messages.warning(request, message)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if ("interpreted_documents" in form.cleaned_data
                and getattr(request, "_saved_revision", None) is None):
            # Not public yet: the links are the draft's own (a published item's wait for
            # its revision, ItemChainAdminMixin.save_model).
            interpretations.set_links(form.instance, [
                d.pk for d in form.cleaned_data["interpreted_documents"]])
        self.finish_import(request, form.instance)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context.update(self.import_context(request))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return (self.get_import_urls() + self.get_migrate_urls() + self.get_preview_urls()
                + self.get_paste_urls() + self.get_chain_urls() + super().get_urls())


@admin.register(RichTextImage)
class RichTextImageAdmin(TownshipScopedAdmin):
    """Upload an image, then paste its address into the editor's image dialog."""

    list_display = ["alt", "township", "address", "uploaded_by", "uploaded_at"]
    list_filter = [("township", ReadableTownshipFilter)]
    list_select_related = ["township", "uploaded_by"]
    search_fields = ["alt"]
    fields = ["township", "file", "alt", "address", "uploaded_by", "uploaded_at"]
    readonly_fields = ["address", "uploaded_by", "uploaded_at"]

    @admin.display(description=_("图片地址（复制到编辑器的“图片”对话框）"))
    def address(self, obj):
        return obj.url if obj and obj.pk else "—"

    def get_readonly_fields(self, request, obj=None):
        # A stored image is never swapped under the items that show it.
        return [*self.readonly_fields, "file", "township"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class InterpretationRuleForm(forms.ModelForm):
    doc_types = forms.MultipleChoiceField(
        label=_("须配发解读的体裁"), choices=DisclosureItem.DocType.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("这些体裁的信息发布时须同步发布政策解读（条例第二十条第（一）项）。"))

    class Meta:
        model = InterpretationRule
        fields = ["doc_types", "window_days"]


@admin.register(InterpretationRule)
class InterpretationRuleAdmin(admin.ModelAdmin):
    """One row per county: which 政策文件 need a 政策解读 and within how many days. County
    admins edit it; county auditors read it."""

    form = InterpretationRuleForm
    list_display = ["__str__", "county", "window_days", "updated_at"]

    def _county_ids(self, request):
        if permissions.is_platform_admin(request.user):
            return None
        return set(permissions.access(request.user).county_roles)

    def get_queryset(self, request):
        ids = self._county_ids(request)
        qs = super().get_queryset(request)
        return qs if ids is None else qs.filter(county_id__in=ids)

    def has_module_permission(self, request):
        return permissions.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.has_county_view(request.user)

    def _free_counties(self, request):
        """The user's counties that have no rule row yet."""
        ids = self._county_ids(request)
        qs = County.objects.all() if ids is None else County.objects.filter(pk__in=ids)
        return qs.exclude(pk__in=InterpretationRule.objects.values("county_id")).order_by("pk")

    def has_add_permission(self, request):
        return (permissions.is_county_admin(request.user)
                and self._free_counties(request).exists())

    def has_change_permission(self, request, obj=None):
        return permissions.is_county_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.county = self._free_counties(request).first()
        super().save_model(request, obj, form, change)
