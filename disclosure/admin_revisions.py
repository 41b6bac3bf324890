"""Back office for editing published items through revisions: the item's chain pages,
revision attachments, discarding a revision, and comparing revisions side by side."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from signoff.admin_mixin import ChainAdminMixin
from signoff.models import SignOff
from townships.admin_base import ScopedInline, TownshipScopedAdmin

from . import revising, revision_diff
from .models import Attachment, DisclosureItem, ItemRevision, RevisionAttachment
from .models.revisions import apply_snapshot, linked_ids, snapshot_item
from .richtext import sanitize_html
from .subjects import RevisionSubject

Status = DisclosureItem.Status
LOCKED_ITEM_STATES = (Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN)


# -- revisions: their attachments ----------------------------------------------------------


class RevisionAttachmentInline(ScopedInline):
    model = RevisionAttachment
    fields = ["file", "title", "order", "extension"]
    readonly_fields = ["extension"]


class RevisionForm(forms.ModelForm):
    removed_attachments = forms.ModelMultipleChoiceField(
        label=_("发布时撤下的附件"), queryset=Attachment.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("勾选的附件在本修订发布后不再公开（原记录保留在上一版本中）；"
                    "替换的附件请在下方“修订新增附件”中上传。"),
    )

    class Meta:
        model = ItemRevision
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["removed_attachments"].queryset = self.instance.item.attachments.all()
            self.initial["removed_attachments"] = self.instance.data.get(
                "removed_attachments", [])

    def save(self, commit=True):
        removed = [a.pk for a in self.cleaned_data.get("removed_attachments") or []]
        self.instance.data = {**self.instance.data, "removed_attachments": removed}
        return super().save(commit)


@admin.register(ItemRevision)
class ItemRevisionAdmin(TownshipScopedAdmin):
    """A revision's own page: its note and its attachment changes (the text is edited on
    the item's page)."""

    township_path = "item__township"
    form = RevisionForm
    list_display = ["__str__", "number", "status", "created_by", "updated_at", "published_at"]
    list_filter = ["status"]
    list_select_related = ["item", "created_by"]
    inlines = [RevisionAttachmentInline]
    readonly_fields = ["item", "number", "status", "created_by", "published_at"]

    def get_fields(self, request, obj=None):
        fields = ["item", "number", "status", "note"]
        if obj is not None and obj.status in (ItemRevision.Status.DRAFT,
                                              ItemRevision.Status.CHANGES_REQUESTED):
            fields.append("removed_attachments")
        return [*fields, "created_by", "published_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status not in (ItemRevision.Status.DRAFT,
                                                  ItemRevision.Status.CHANGES_REQUESTED):
            return False
        return super().has_change_permission(request, obj)



class ItemChainAdminMixin(ChainAdminMixin):
    """Mixed into DisclosureItemAdmin: the chain panel and moves, editing a published item
    through a revision, discarding a revision, and comparing revisions."""

    # The change form links the public page itself, and only for public items.
    view_on_site = False
    chain_content_template = "admin/disclosure/disclosureitem/sign_content.html"
    revisions_template = "admin/disclosure/disclosureitem/revisions.html"

    def get_chain_urls(self):
        wrap = self.admin_site.admin_view
        return [
            *super().get_chain_urls(),
            path("<path:object_id>/revisions/", wrap(self.revisions_view),
                 name="disclosure_disclosureitem_revisions"),
            path("<path:object_id>/revisions/discard/", wrap(self.discard_view),
                 name="disclosure_disclosureitem_discard"),
        ]

    def chain_content(self, request, obj, subject):
        """The whole item as it will be published: the revision's content once published."""
        if isinstance(subject, ItemRevision):
            shown, attachments = subject.as_item(), RevisionSubject(subject).attachments()
        else:
            shown, attachments = obj, list(obj.attachments.all())
        ids = linked_ids(shown)
        titles = dict(DisclosureItem.objects.filter(pk__in=ids).values_list("pk", "title"))
        return {"shown": shown, "shown_attachments": attachments,
                "shown_documents": [titles[pk] for pk in ids if pk in titles],
                "shown_body": mark_safe(sanitize_html(shown.body))}  # allow-list HTML

    def chain_extra_links(self, request, obj):
        revision = revising.open_revision(obj)
        if (revision is not None and revision.created_by_id in (None, request.user.pk)
                and revision.status in revising.EDITABLE_REVISION_STATES):
            return [(reverse("admin:disclosure_disclosureitem_discard", args=[obj.pk]),
                     _t("放弃修订稿"))]
        return []

    def discard_view(self, request, object_id):
        """放弃修订: confirm, then drop the open revision (its review is cancelled)."""
        item = super().get_object(request, object_id)
        change_url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
        links = self.chain_extra_links(request, item)
        if not links:
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                revising.discard_revision(item, request.user)
            except (ValidationError, PermissionDenied) as exc:
                error = "；".join(getattr(exc, "messages", None) or [str(exc)])
            else:
                messages.success(request, _t("已放弃修订稿，公开内容不变。"))
                return redirect(change_url)
        context = {**self.admin_site.each_context(request), "title": _t("放弃修订稿"),
                   "opts": self.model._meta, "item": item, "change_url": change_url,
                   "revision": revising.open_revision(item), "error": error}
        return TemplateResponse(request, "admin/disclosure/disclosureitem/discard.html", context)

    # editing: drafts in place, published items through a revision ----------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj.status == Status.PUBLISHED:
            revision = revising.open_revision(obj)
            if revision is not None:
                apply_snapshot(obj, revision.data)  # the form edits the open revision
                obj._open_revision = revision
        return obj

    def is_locked(self, obj) -> bool:
        if obj is None:
            return False
        if obj.status in LOCKED_ITEM_STATES:
            return True
        revision = getattr(obj, "_open_revision", None)
        return revision is not None and revision.status in (ItemRevision.Status.IN_REVIEW,
                                                            ItemRevision.Status.APPROVED)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.is_locked(obj):
            return fieldsets
        # Locked items show the body rendered, not as HTML source.
        shown_as = {"body": "body_html", "interpreted_documents": "interprets_list"}
        return [(name, {**opts, "fields": [shown_as.get(f, f) for f in opts["fields"]]})
                for name, opts in fieldsets]

    @admin.display(description=_("所解读的政策文件"))
    def interprets_list(self, obj):
        """The version at hand's links (an open revision's, else the live ones)."""
        ids = linked_ids(obj)
        titles = dict(DisclosureItem.objects.filter(pk__in=ids).values_list("pk", "title"))
        return "、".join(titles[pk] for pk in ids if pk in titles) or "—"

    @admin.display(description=_("正文"))
    def body_html(self, obj):
        return mark_safe(sanitize_html(obj.body))  # sanitised allow-list HTML

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.is_locked(obj):
            return [f for fs in self.get_fieldsets(request, obj) for f in fs[1]["fields"]]
        if obj is not None:
            fields.append("township")
        if obj is not None and obj.status == Status.PUBLISHED:
            fields.append("published_on")  # a revision keeps the first publication date
        return fields

    def get_actions(self, request):
        # Bulk deletion would bypass the per-item rule: nothing submitted is ever deleted.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.status != Status.DRAFT or SignOff.objects.for_object(obj)
                                .exists()):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change and obj.status == Status.PUBLISHED:
            if "interpreted_documents" in form.cleaned_data:  # versioned with the text
                obj._interprets_snapshot = sorted(
                    d.pk for d in form.cleaned_data["interpreted_documents"])
            revision = revising.save_revision(obj, request.user, snapshot_item(obj))
            request._saved_revision = revision  # replaces the admin's "changed" message
            return
        super().save_model(request, obj, form, change)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        revision = getattr(request, "_saved_revision", None)
        if revision is not None and level == messages.SUCCESS:
            # One message that says what happened: the public text has not changed.
            message = _t("已保存为修订稿第%(n)s版，公开内容在重新发布前不变。提交审核、"
                         "经审签并由党政办发布后才替换公开内容。") % {"n": revision.number}
        super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and self.is_locked(obj):
            context.update(show_save=False, show_save_and_continue=False,
                           show_save_and_add_another=False)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # revisions -----------------------------------------------------------------------------

    def revisions_view(self, request, object_id):
        item = super().get_object(request, object_id)
        revisions = list(item.revisions.select_related("created_by").order_by("number"))
        numbers = [r.number for r in revisions]
        by_number = {r.number: r for r in revisions}

        def pick(name, default):
            try:
                value = int(request.GET.get(name, default))
            except (TypeError, ValueError):
                value = default
            return value if value in by_number else default

        left = right = None
        if len(numbers) >= 2:
            left = by_number[pick("a", numbers[-2])]
            right = by_number[pick("b", numbers[-1])]
        context = {
            **self.admin_site.each_context(request),
            "title": _t("修订版本"), "opts": self.model._meta, "item": item,
            "revisions": revisions, "left": left, "right": right,
            "change_url": reverse("admin:disclosure_disclosureitem_change", args=[item.pk]),
        }
        if left and right:
            context["meta_rows"] = [
                *revision_diff.metadata_rows(left.data, right.data),
                revision_diff.attachment_row(revision_diff.attachment_names(left),
                                             revision_diff.attachment_names(right)),
            ]
            context["body_rows"] = revision_diff.body_rows(left.data.get("body", ""),
                                                           right.data.get("body", ""))
        return TemplateResponse(request, self.revisions_template, context)
