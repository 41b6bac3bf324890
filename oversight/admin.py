"""Back office: the dashboard, rectification notices and the column update thresholds."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

import officialdocs
from townships import permissions as tp
from townships.admin_base import ReadableTownshipFilter
from townships.models import Township

from . import checks, notice_document, notices, permissions, views
from .models import (
    ColumnThreshold,
    InspectionSettings,
    LeaderTitle,
    OversightDashboard,
    RectificationNotice,
    WordingDismissal,
    WordingRule,
)
from .models.notices import (
    DEFAULT_NOTICE_ROLES,
    NOTICE_ROLE_CHOICES,
    decode_roles,
    encode_roles,
    roles_label,
)
from .notice_text import current_result, initial_notice

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

State = RectificationNotice.State


@admin.register(OversightDashboard)
class DashboardAdmin(admin.ModelAdmin):
    """Its list page is the dashboard; the drill-downs and exports hang below it."""

    def has_module_permission(self, request):
        return permissions.can_view_dashboard(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_dashboard(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(views.dashboard_view), name="oversight_dashboard"),
            path("dashboard.xlsx", view(views.dashboard_xlsx_view),
                 name="oversight_dashboard_xlsx"),
            path("refresh/", view(views.refresh_view), name="oversight_refresh"),
            path("inspection/", view(views.inspection_view), name="oversight_inspection"),
            path("quarters/", view(views.quarters_view), name="oversight_quarters"),
            path("inspection/circular.docx", view(views.circular_docx_view),
                 name="oversight_circular_docx"),
            path("wording/<int:hit_id>/dismiss/", view(views.wording_dismiss_view),
                 name="oversight_wording_dismiss"),
            path("township/<int:township_id>/", view(views.township_view),
                 name="oversight_township"),
            path("township/<int:township_id>/<slug:check_key>/", view(views.findings_view),
                 name="oversight_findings"),
            path("township/<int:township_id>/<slug:check_key>.xlsx",
                 view(views.findings_xlsx_view), name="oversight_findings_xlsx"),
            *super().get_urls(),
        ]


def recipients_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("接收角色"), choices=NOTICE_ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个接收角色。")},
        help_text=_("本乡镇中担任所选角色的人员可查看和反馈通知，并在下发、退回和逾期时收到邮件和工作群提醒。"))


class NoticeForm(forms.ModelForm):
    county_roles = DEFAULT_NOTICE_ROLES  # the county's choice (检查设置), set per request
    recipients = recipients_field()

    class Meta:
        model = RectificationNotice
        fields = ["township", "title", "check_key", "body", "due_on"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].initial = decode_roles(
            self.instance.recipient_roles if self.instance.pk else self.county_roles)
        if "check_key" in self.fields:
            self.fields["check_key"] = forms.ChoiceField(
                label=_("检查项"), required=False,
                choices=[("", _("（不限）")), *((c.key, c.title) for c in checks.CHECKS)])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recipients"):
            self.instance.recipient_roles = encode_roles(cleaned["recipients"])
        return cleaned

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on != self.instance.due_on:
            try:
                notices.check_due(due_on)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["due_on"]) from None
        return due_on


class ActionForm(forms.Form):
    text = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 6}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), widget=forms.RadioSelect, choices=[
        ("close", _("整改到位，办结")), ("return", _("退回，继续整改"))])
    text = forms.CharField(label=_("审核意见"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("退回时必填。"))
    due_on = forms.DateField(label=_("新的整改期限"), required=False,
                             help_text=_("退回时可重新设定，留空则沿用原期限。"))


@admin.register(RectificationNotice)
class RectificationNoticeAdmin(admin.ModelAdmin):
    form = NoticeForm
    #: Notices belong to the township they are sent to (the isolation test reads this).
    township_path = "township"
    list_display = ["title", "township", "status", "due_on", "sent_by", "sent_at"]
    list_filter = ["state", ("township", ReadableTownshipFilter)]
    list_select_related = ["township", "sent_by"]
    search_fields = ["title", "township__name"]
    readonly_fields = ["state", "sent_by", "sent_at", "answer", "answered_by", "answered_at",
                       "closed_at"]

    @admin.display(description=_("状态"), ordering="state")
    def status(self, obj):
        return obj.status_label

    # -- scope and permissions ----------------------------------------------------------

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        counties = permissions.oversight_county_ids(request.user)
        if counties is None:
            return qs
        if counties:
            return qs.filter(county_id__in=counties)
        received = permissions.received_notices(request.user)
        return qs.filter(received) if received is not None else qs.none()

    def get_object(self, request, object_id, from_field=None):
        # Another township's notice answers like a missing one: 404, as every scoped admin.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    def has_module_permission(self, request):
        user = request.user
        return tp.can_use_back_office(user) and (
            tp.has_county_view(user) or bool(permissions.answering_township_ids(user)))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return permissions.can_read_notice(request.user, obj)

    def has_add_permission(self, request):
        return permissions.can_view_dashboard(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_view_dashboard(request.user)
        return permissions.can_edit_notice(request.user, obj) and obj.state == State.OPEN

    def has_delete_permission(self, request, obj=None):
        return False  # notices and their answers are records

    def get_readonly_fields(self, request, obj=None):
        return ([*self.readonly_fields, "township", "check_title"] if obj
                else self.readonly_fields)

    def get_fields(self, request, obj=None):
        fields = [*super().get_fields(request, obj)]
        if obj is not None:  # the check's title, not its key ("guide")
            fields = ["check_title" if f == "check_key" else f for f in fields
                      if f != "check_title"]
        fields.remove("recipients")
        fields.insert(fields.index("body"), "recipients")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        county = permissions.county_for(request.user)
        if county is not None:
            form.county_roles = InspectionSettings.for_county(county).notice_roles
        return form

    @admin.display(description=_("检查项"))
    def check_title(self, obj):
        check = checks.get(obj.check_key) if obj and obj.check_key else None
        return check.title if check else _("（不限）")

    @admin.display(description=_("接收角色"))
    def recipients_label(self, obj):
        return roles_label(obj.recipient_roles)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "township":
            county = permissions.county_for(request.user)
            kwargs["queryset"] = Township.objects.active().filter(county=county)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        county = permissions.county_for(request.user)
        if county is not None:
            initial.update(initial_notice(county, request.GET.get("township"),
                                          request.GET.get("check_key"),
                                          request.build_absolute_uri))
        return initial

    # -- writes go through oversight/notices.py ----------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            notices.edit_notice(obj.pk, user=request.user, title=obj.title, body=obj.body,
                                due_on=obj.due_on, recipient_roles=obj.recipient_roles)
        else:
            notices.send_notice(obj, user=request.user, recipient_roles=obj.recipient_roles)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        notice = self.get_object(request, object_id)
        extra = {}
        if notice is not None:
            extra = {"events": notice.events.select_related("actor"),
                     "can_answer": permissions.can_answer_notice(request.user, notice),
                     "can_review": (notice.state == State.ANSWERED
                                    and permissions.can_edit_notice(request.user, notice))}
        return super().change_view(request, object_id, form_url, {**extra,
                                                                  **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:notice_id>/answer/", view(self.answer_view),
                 name="oversight_rectificationnotice_answer"),
            path("<int:notice_id>/review/", view(self.review_view),
                 name="oversight_rectificationnotice_review"),
            path("<int:notice_id>/document.<slug:kind>", view(self.document_view),
                 name="oversight_rectificationnotice_document"),
            *super().get_urls(),
        ]

    def _notice(self, request, notice_id):
        notice = self.get_object(request, str(notice_id))
        if notice is None:
            raise PermissionDenied
        return notice

    def document_view(self, request, notice_id, kind):
        """The notice as a GB/T 9704 document: .docx to edit, .pdf to print (without
        LibreOffice the change page says why, in Chinese)."""
        notice = self._notice(request, notice_id)
        name = f"duchuzhenggai-{notice.pk}"
        if kind == "docx":
            response = HttpResponse(notice_document.notice_docx(notice), content_type=DOCX)
            response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
            return response
        if kind != "pdf":
            raise Http404("no such format")
        try:
            data = notice_document.notice_pdf(notice)
        except officialdocs.PDFUnavailableError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("admin:oversight_rectificationnotice_change",
                                    args=[notice.pk]))
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response

    def _action_page(self, request, notice, form, title, **extra):
        return TemplateResponse(request, "admin/oversight/notice_action.html", {
            **self.admin_site.each_context(request), "title": title, "notice": notice,
            "form": form, "opts": self.model._meta,
            "events": notice.events.select_related("actor"), **extra})

    def _done(self, request, notice, message):
        messages.success(request, message)
        return redirect(reverse("admin:oversight_rectificationnotice_change", args=[notice.pk]))

    def answer_view(self, request, notice_id):
        notice = self._notice(request, notice_id)
        if not permissions.can_answer_notice(request.user, notice):
            raise PermissionDenied
        form = ActionForm(request.POST or None)
        form.fields["text"].label = _("整改情况")
        if request.method == "POST" and form.is_valid():
            try:
                notices.answer_notice(notice.pk, user=request.user,
                                      text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return self._done(request, notice, _("整改情况已反馈，等待县里审核。"))
        return self._action_page(request, notice, form, _("反馈整改情况"))

    def review_view(self, request, notice_id):
        notice = self._notice(request, notice_id)
        if not permissions.can_edit_notice(request.user, notice):
            raise PermissionDenied
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "close":
                    notices.close_notice(notice.pk, user=request.user, text=data["text"])
                    return self._done(request, notice, _("通知已办结。"))
                notices.return_notice(notice.pk, user=request.user, text=data["text"],
                                      due_on=data["due_on"])
                return self._done(request, notice, _("已退回乡镇继续整改。"))
            except ValidationError as exc:
                form.add_error(None, exc)
        return self._action_page(request, notice, form, _("审核整改反馈"),
                                 current=current_result(notice))


class ThresholdForm(forms.ModelForm):
    county = None  # set per request by ColumnThresholdAdmin.get_form

    class Meta:
        model = ColumnThreshold
        fields = ["code", "max_days", "note"]

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        if code:
            validate_slug(code)
        taken = ColumnThreshold.objects.filter(county=self.county, code=code).exclude(
            pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("本县已有该目录代码的规则，请直接修改。"))
        return code


class CountyListAdmin(admin.ModelAdmin):
    """A county-maintained list: county admins edit, auditors read; scoped to the county."""

    def get_queryset(self, request):
        counties = permissions.oversight_county_ids(request.user)
        qs = super().get_queryset(request)
        return qs if counties is None else qs.filter(county_id__in=counties)

    def has_module_permission(self, request):
        return permissions.can_view_dashboard(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_dashboard(request.user)

    def has_add_permission(self, request):
        return tp.is_county_admin(request.user) and permissions.can_view_dashboard(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.county = permissions.county_for(request.user)
        super().save_model(request, obj, form, change)


@admin.register(ColumnThreshold)
class ColumnThresholdAdmin(CountyListAdmin):
    """County admins set how long each column may go without updates; auditors read."""

    form = ThresholdForm
    list_display = ["code", "max_days", "note", "updated_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.county = permissions.county_for(request.user)
        return form


def _unique_in_county(form, field, message):
    value = (form.cleaned_data.get(field) or "").strip()
    taken = form._meta.model.objects.filter(county=form.county, **{field: value}).exclude(
        pk=form.instance.pk)
    if taken.exists():
        raise ValidationError(message)
    return value


class WordingRuleForm(forms.ModelForm):
    county = None

    class Meta:
        model = WordingRule
        fields = ["wrong", "right", "note", "active"]

    def clean_wrong(self):
        value = _unique_in_county(self, "wrong", _("本县已有这条错误表述，请直接修改。"))
        if len(value) < 2:
            raise ValidationError(_("错误表述至少两个字，单字会误报。"))
        return value


class LeaderTitleForm(forms.ModelForm):
    county = None

    class Meta:
        model = LeaderTitle
        fields = ["name", "title", "active"]

    def clean_name(self):
        value = _unique_in_county(self, "name", _("本县已有这位领导，请直接修改其职务。"))
        if len(value) < 2:
            raise ValidationError(_("姓名至少两个字。"))
        return value


@admin.register(WordingRule)
class WordingRuleAdmin(CountyListAdmin):
    form = WordingRuleForm
    list_display = ["wrong", "right", "note", "active", "updated_at"]
    search_fields = ["wrong", "right"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.county = permissions.county_for(request.user)
        return form


@admin.register(LeaderTitle)
class LeaderTitleAdmin(CountyListAdmin):
    form = LeaderTitleForm
    list_display = ["name", "title", "active", "updated_at"]
    search_fields = ["name", "title"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.county = permissions.county_for(request.user)
        return form


@admin.register(WordingDismissal)
class WordingDismissalAdmin(admin.ModelAdmin):
    """The log of dismissed wording hits: read-only."""

    list_display = ["created_at", "township", "phrase", "reason", "dismissed_by"]

    def get_queryset(self, request):
        counties = permissions.oversight_county_ids(request.user)
        qs = super().get_queryset(request).select_related("township", "dismissed_by")
        return qs if counties is None else qs.filter(township__county_id__in=counties)

    def has_module_permission(self, request):
        return permissions.can_view_dashboard(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_dashboard(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InspectionSettingsForm(forms.ModelForm):
    notice_roles = recipients_field()

    class Meta:
        model = InspectionSettings
        exclude = ["county"]  # noqa: DJ006 - every setting but the county, present and future

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice_roles"].label = _("督促整改通知默认接收角色")
        self.fields["notice_roles"].initial = decode_roles(self.instance.notice_roles)
        self.initial.pop("notice_roles", None)

    def clean_notice_roles(self):
        return encode_roles(self.cleaned_data["notice_roles"])


@admin.register(InspectionSettings)
class InspectionSettingsAdmin(CountyListAdmin):
    """One row per county: the link-check settings, the veto thresholds and who receives
    rectification notices by default."""

    form = InspectionSettingsForm
    list_display = ["__str__", "check_external_links", "veto_empty_columns",
                    "veto_severe_wording", "notice_roles_label", "updated_at"]

    @admin.display(description=_("督促整改通知接收角色"))
    def notice_roles_label(self, obj):
        return roles_label(obj.notice_roles)

    def has_add_permission(self, request):
        county = permissions.county_for(request.user)
        return (super().has_add_permission(request) and county is not None
                and not InspectionSettings.objects.filter(county=county).exists())

    def has_change_permission(self, request, obj=None):
        return CountyListAdmin.has_add_permission(self, request)

    def has_delete_permission(self, request, obj=None):
        return False
