"""Back office for the sign-off chain: chains, the 待我处理 queue, the log, and the chain
pages of a disclosure item (moves, revisions and their comparison)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from townships import permissions as tp
from townships.admin_base import ScopedInline, TownshipScopedAdmin
from townships.models import Township

from . import chain, chain_selectors, permissions, revision_diff
from .models import (
    Attachment,
    ChainStep,
    ChainTemplate,
    DisclosureItem,
    ItemRevision,
    PendingReview,
    Review,
    RevisionAttachment,
    SignOff,
)
from .models.revisions import apply_snapshot, snapshot_item
from .richtext import sanitize_html

Status = DisclosureItem.Status
LOCKED_ITEM_STATES = (Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN)


# -- chain templates ------------------------------------------------------------------------


class ChainStepInline(ScopedInline):
    model = ChainStep
    fields = ["order", "role", "label"]
    min_num = 1
    extra = 0


@admin.register(ChainTemplate)
class ChainTemplateAdmin(TownshipScopedAdmin):
    write_scope = "manage"
    list_display = ["township", "importance", "chain_text"]
    list_filter = ["importance", ("township", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["township"]
    fields = ["township", "importance"]
    readonly_fields = ["township", "importance"]
    inlines = [ChainStepInline]

    @admin.display(description=_("审签环节"))
    def chain_text(self, obj):
        labels = [s.label for s in obj.steps.all()]
        return " → ".join([*labels, _t("党政办发布")])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("steps")

    def changelist_view(self, request, extra_context=None):
        # Every township has the default chains to adjust (DESIGN.md §2).
        ids = tp.managed_township_ids(request.user)
        townships = Township.objects.all() if ids is None else Township.objects.filter(pk__in=ids)
        for township in townships:
            chain.ensure_default_chains(township)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# -- the log and reviews (read-only) --------------------------------------------------------


class ReadOnlyScopedAdmin(TownshipScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyScopedAdmin):
    list_display = ["created_at", "township", "subject_title", "actor", "role", "action",
                    "step_label", "comment", "confidentiality_attested"]
    list_filter = ["action", "role", ("township", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["township", "actor", "review"]
    search_fields = ["comment", "review__title", "actor__username", "actor__full_name"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subject")

    @admin.display(description=_("信息"))
    def subject_title(self, obj):
        return obj.review.title if obj.review else str(obj.subject or "")


@admin.register(Review)
class ReviewAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "township", "importance", "state", "current_label", "round",
                    "author", "submitted_at"]
    list_filter = ["state", "importance", ("township", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["township", "author"]
    search_fields = ["title"]
    exclude = ["steps"]

    @admin.display(description=_("当前环节"))
    def current_label(self, obj):
        return obj.current_label


@admin.register(PendingReview)
class PendingReviewAdmin(ReadOnlyScopedAdmin):
    """待我处理: what waits for one of the user's roles, oldest first, with its age."""

    list_display = ["subject_link", "township", "importance", "waiting_step", "waiting_since",
                    "age"]
    list_display_links = None
    list_select_related = ["township", "content_type"]
    ordering = ["waiting_since", "pk"]
    list_filter = ["importance"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _t("待我处理（等待最久的在前）"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        qs = Review.objects.waiting_for(request.user).select_related("township", "author")
        ids = [r.pk for r in qs if permissions.can_act(request.user, r)]
        return PendingReview.objects.filter(pk__in=ids)

    @admin.display(description=_("信息"))
    def subject_link(self, obj):
        url = chain.adapter_for(obj.subject).admin_url()
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=_("待办环节"))
    def waiting_step(self, obj):
        return obj.current_label

    @admin.display(description=_("已等待"))
    def age(self, obj):
        return timesince(obj.waiting_since, timezone.now())


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


# -- the item's chain pages -----------------------------------------------------------------


class ChainActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    attest = forms.BooleanField(
        label=_("保密审查：我已审查，本信息不涉及国家秘密、商业秘密和个人隐私"
                "（《政府信息公开条例》第十七条）。"), required=False)
    pii_reason = forms.CharField(
        label=_("个人信息检查说明"), required=False,
        help_text=_("上述疑似个人信息确需公开的，说明理由；理由将记入审签日志。"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class ChainAdminMixin:
    """Mixed into the ModelAdmin of any registered chain subject (disclosure items, annual
    reports): the chain panel on the change page and one view per move (`<pk>/chain/<move>/`)
    offering only the moves the user may make now."""

    chain_action_template = "admin/disclosure/disclosureitem/chain_action.html"

    def get_chain_urls(self):
        opts = self.model._meta
        return [
            path("<path:object_id>/chain/<str:action>/",
                 self.admin_site.admin_view(self.chain_action_view),
                 name=f"{opts.app_label}_{opts.model_name}_chain"),
        ]

    def chain_change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None:
            context["chain"] = chain_selectors.chain_panel(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # moves ---------------------------------------------------------------------------------

    def chain_action_view(self, request, object_id, action):
        item = super().get_object(request, object_id)
        if item is None:
            raise Http404
        if action not in chain_selectors.ACTION_LABELS or (
                action in ("withdraw", "discard") and not isinstance(item, DisclosureItem)):
            raise PermissionDenied
        panel = chain_selectors.chain_panel(request.user, item)
        review = panel.review
        change_url = self.chain_change_url(item)
        posted_version = request.POST.get("version") if request.method == "POST" else None
        if action not in panel.actions and posted_version is None:
            raise PermissionDenied
        form = ChainActionForm(request.POST or None,
                               initial={"version": review.version if review else None})
        findings = []
        if action in ("submit", "resubmit", "publish") and panel.subject is not None:
            findings = chain.adapter_for(panel.subject).pii_findings()
        if request.method == "POST" and form.is_valid():
            try:
                self._perform(request, action, item, panel, form.cleaned_data)
            except chain.PIIBlockedError as exc:
                findings = exc.findings
                form.add_error(None, exc.messages[0])
            except (ValidationError, PermissionDenied) as exc:
                for message in getattr(exc, "messages", None) or [str(exc)]:
                    form.add_error(None, message)
            else:
                messages.success(request, _t("已%(action)s。")
                                 % {"action": chain_selectors.ACTION_LABELS[action]})
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": chain_selectors.ACTION_LABELS[action], "opts": self.model._meta,
            "item": item, "panel": panel, "action": action, "form": form,
            "findings": findings, "change_url": change_url,
            "needs_attest": action == "approve" and review is not None
            and review.current_step == 0,
            "problems": panel.subject.publish_problems() if action == "publish" and hasattr(
                panel.subject, "publish_problems") else [],
        }
        return TemplateResponse(request, self.chain_action_template, context)

    def _perform(self, request, action, item, panel, data):
        user, version, comment = request.user, data.get("version"), data.get("comment", "")
        review = panel.review
        if action == "withdraw":
            chain.withdraw(item, user, reason=comment)
        elif action == "discard":
            chain.discard_revision(item, user)
        elif action == "submit":
            if panel.subject is None:
                raise ValidationError(_t("没有可提交的内容。"))
            chain.submit(panel.subject, user, comment=comment, pii_reason=data["pii_reason"])
        elif review is None:
            raise ValidationError(_t("该信息不在审签流程中。"))
        elif action == "approve":
            chain.approve(review, user, expected_version=version, comment=comment,
                          attest_confidentiality=data["attest"])
        elif action == "request_changes":
            chain.request_changes(review, user, expected_version=version, comment=comment)
        elif action == "resubmit":
            chain.resubmit(review, user, expected_version=version, comment=comment,
                           pii_reason=data["pii_reason"])
        elif action == "publish":
            chain.publish(review, user, expected_version=version, comment=comment,
                          pii_reason=data["pii_reason"])


class ItemChainAdminMixin(ChainAdminMixin):
    """Mixed into DisclosureItemAdmin: the chain panel, moves, revisions."""

    # The change form links the public page itself, and only for public items.
    view_on_site = False
    revisions_template = "admin/disclosure/disclosureitem/revisions.html"

    def get_chain_urls(self):
        wrap = self.admin_site.admin_view
        return [
            *super().get_chain_urls(),
            path("<path:object_id>/revisions/", wrap(self.revisions_view),
                 name="disclosure_disclosureitem_revisions"),
        ]

    # editing: drafts in place, published items through a revision ----------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj.status == Status.PUBLISHED:
            revision = chain.open_revision(obj)
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
        return [(name, {**opts, "fields": ["body_html" if f == "body" else f
                                           for f in opts["fields"]]})
                for name, opts in fieldsets]

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
            revision = chain.save_revision(obj, request.user, snapshot_item(obj))
            messages.info(request, _t("已保存为修订稿（第%(n)s版）。提交审核并由党政办发布后，"
                                      "才会替换公开内容；当前公开内容不变。")
                          % {"n": revision.number})
            return
        super().save_model(request, obj, form, change)

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
