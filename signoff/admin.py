"""Back office for the sign-off chain: the township chains, the 待我处理 queue, reviews and
the insert-only log. The chain pages of each subject come from `admin_mixin.ChainAdminMixin`."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from townships import permissions as tp
from townships.admin_base import ReadableTownshipFilter, ScopedInline, TownshipScopedAdmin
from townships.admin_dates import ScopeDatesChangeList
from townships.models import Township

from . import chain, permissions
from .models import ChainStep, ChainTemplate, PendingReview, Review, SignOff
from .subjects import adapter_for

#: Chinese names of every state a sign-off entry records (reviews and withdrawn subjects).
STATE_LABELS = {**dict(Review.State.choices), "withdrawn": _("已撤回"), "draft": _("草稿")}


def state_label(value: str) -> str:
    return str(STATE_LABELS.get(value, value)) if value else "—"

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
    list_filter = ["importance", ("township", ReadableTownshipFilter)]
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


class SignOffChangeList(ScopeDatesChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Only an entry without a review (a withdrawal) is titled by its subject: load
        # those subjects, not the whole row of every subject on the page.
        self.result_list = list(self.result_list)
        prefetch_related_objects([e for e in self.result_list if e.review_id is None],
                                 "subject")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyScopedAdmin):
    list_display = ["created_at", "township", "subject_title", "actor", "role", "action",
                    "step_label", "comment", "confidentiality_attested"]
    list_filter = ["action", "role", ("created_at", admin.DateFieldListFilter),
                   ("township", ReadableTownshipFilter)]
    list_select_related = ["township", "actor", "review"]
    search_fields = ["comment", "review__title", "actor__username", "actor__full_name"]
    # Newest first, from an index; a date hierarchy would scan the whole log for its years.
    ordering = ["-created_at", "-pk"]

    exclude = ["from_state", "to_state"]
    readonly_fields = ["from_state_label", "to_state_label"]

    @admin.display(description=_("原状态"))
    def from_state_label(self, obj):
        return state_label(obj.from_state)

    @admin.display(description=_("新状态"))
    def to_state_label(self, obj):
        return state_label(obj.to_state)

    def get_changelist(self, request, **kwargs):
        return SignOffChangeList

    @admin.display(description=_("信息"))
    def subject_title(self, obj):
        return obj.review.title if obj.review else str(obj.subject or "")


@admin.register(Review)
class ReviewAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "township", "importance", "state", "current_label", "round",
                    "author", "submitted_at"]
    list_filter = ["state", "importance", ("township", ReadableTownshipFilter)]
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
        url = adapter_for(obj.subject).admin_url()
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=_("待办环节"))
    def waiting_step(self, obj):
        return obj.current_label

    @admin.display(description=_("已等待"))
    def age(self, obj):
        return timesince(obj.waiting_since, timezone.now())


