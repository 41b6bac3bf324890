"""Back office for applications: registration, handling actions, deadlines, letters."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

import officialdocs
from townships import permissions as tp
from townships.admin_base import ScopedInline, TownshipScopedAdmin
from townships.calendar import CalendarMissing, covered_years
from townships.models import Township

from . import deadlines, deliveries, letters, notices, permissions, selectors, transitions
from .models import (
    Application,
    ApplicationEvent,
    Delivery,
    LetterTemplate,
    Notice,
    NoticeCode,
    ReplyAttachment,
)
from .personal_data import MaskedInlineMixin, PersonalDataAdminMixin
from .staff_forms import ACTION_FORMS, DeliveryForm
from .validators import validate_credit_code, validate_phone, validate_resident_id


class StaffApplicationForm(forms.ModelForm):
    """Staff edits get the same phone and identity-number checks as the public form."""

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        check = {"resident_id": validate_resident_id,
                 "credit_code": validate_credit_code}.get(data.get("id_type"))
        if check and data.get("id_number"):
            try:
                data["id_number"] = check(data["id_number"])
            except ValidationError as exc:
                self.add_error("id_number", exc)
        return data


class RegisterForm(StaffApplicationForm):
    signed_on = forms.DateField(label=_("签收日期（邮政挂号信或特快专递）"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    confirmed_on = forms.DateField(
        label=_("双方确认日期（平常信函、互联网、传真）"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("尚未与申请人确认的，可先留空，确认后在“确认收到申请”中填写。"))

    class Meta:
        model = Application
        fields = ["township", "channel", "submitted_on", "signed_on", "confirmed_on",
                  "applicant_kind", "name", "id_type", "id_number", "contact_person", "phone",
                  "email", "address", "postcode", "info_title", "info_doc_number",
                  "info_description", "purpose", "provision_form", "provision_channel"]
        widgets = {"submitted_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if data.get("channel") == "registered_post" and not data.get("signed_on"):
            self.add_error("signed_on",
                           _("挂号信或特快专递以签收之日为收到申请之日，请填写签收日期。"))
        submitted = data.get("submitted_on")
        checks = [("submitted_on", submitted, _("提交或寄出日期"), ()),
                  ("signed_on", data.get("signed_on"), _("签收日期"),
                   ((submitted, _("提交或寄出日期")),)),
                  ("confirmed_on", data.get("confirmed_on"), _("确认日期"),
                   ((submitted, _("提交或寄出日期")),))]
        for field, on, what, after in checks:
            try:
                transitions.check_date(on, what, *after)
            except ValidationError as exc:
                self.add_error(field, exc)
        return data


class DeadlineFilter(admin.SimpleListFilter):
    title = _("期限")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("答复逾期")),
                ("pause_overdue", _("暂停逾期（征求意见、补正超过期限）")),
                ("soon", _("5个工作日内到期")), ("open", _("办理中"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "pause_overdue":
            return queryset.pause_overdue(today)
        if self.value() == "soon":
            limit = deadlines.due_soon_limit(today)
            return queryset.running().filter(
                due_on__gte=today, due_on__lte=limit)
        if self.value() == "open":
            return queryset.open()
        return queryset


class ReadOnlyInline(ScopedInline):
    """A record of what happened: shown, never added, changed or deleted here."""

    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["created_at", "action", "from_state", "to_state", "old_due_on", "new_due_on",
              "note", "actor"]
    readonly_fields = fields


class NoticeInline(MaskedInlineMixin, ReadOnlyInline):
    model = Notice
    fields = ["kind", "number", "issued_on", "recipient", "download"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("下载"))
    def download(self, obj):
        url = reverse("admin:applications_application_notice",
                      args=[obj.application_id, obj.pk])
        pdf = reverse("admin:applications_application_notice_pdf",
                      args=[obj.application_id, obj.pk])
        deliver = (reverse("admin:applications_application_delivery",
                           args=[obj.application_id]) + f"?doc=notice-{obj.pk}")
        return format_html('<a href="{}">{}</a> | <a href="{}">{}</a> | <a href="{}">{}</a>',
                           url, _("下载（Word）"), pdf, _("打印（PDF）"), deliver, _("登记送达"))


class DeliveryInline(MaskedInlineMixin, ReadOnlyInline):
    """送达记录: listed on the case, added through “登记送达”, never edited."""

    model = Delivery
    fields = ["document", "method", "delivered_on", "tracking_no", "note", "recorded_by",
              "created_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("notice", "application",
                                                            "recorded_by")

    @admin.display(description=_("告知书"))
    def document(self, obj):
        return str(obj.notice) if obj.notice_id else _("答复告知书 %(no)s") % {
            "no": obj.application.letter_no}


class AttachmentInline(ScopedInline):
    model = ReplyAttachment
    fields = ["title", "file"]


@admin.register(Application)
class ApplicationAdmin(PersonalDataAdminMixin, TownshipScopedAdmin):
    list_display = ["tracking_number", "township", "name", "applicant_kind", "channel",
                    "received_on", "state", "due_shown", "deadline_flag", "outcome"]
    list_filter = [DeadlineFilter, "state", "channel", "applicant_kind", "outcome",
                   ("township", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["township"]
    search_fields = ["=tracking_number", "name", "info_title", "info_description"]
    sortable_by = ["received_on", "due_on", "state", "tracking_number"]
    ordering = ["due_on"]
    date_hierarchy = "received_on"
    inlines = [NoticeInline, DeliveryInline, AttachmentInline, EventInline]
    handling_fields = ["tracking_number", "state", "received_on", "clock_start", "due_shown",
                       "pause_shown", "paused_days", "pause_started_on", "pause_reply_due_on",
                       "correction_requested_on", "correction_due_on", "extension_days",
                       "extension_approver", "extension_reason", "extended_on", "outcome",
                       "letter_variant", "reply_text", "replied_on", "archived_on", "fee_method",
                       "fee_quantity", "fee_amount", "actions_html"]

    # -- scoping: only application handlers and county roles see applicants' data --------

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        return permissions.scope(qs, request.user)

    def has_module_permission(self, request):
        user = request.user
        return tp.can_use_back_office(user) and permissions.readable_township_ids(user) != set()

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or permissions.can_read_applications(request.user, obj.township_id)

    def has_add_permission(self, request):
        user = request.user
        return tp.can_use_back_office(user) and (
            tp.is_platform_admin(user) or bool(permissions.handled_township_ids(user)))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return tp.can_use_back_office(request.user) and permissions.can_handle(
            request.user, obj.township_id)

    def has_delete_permission(self, request, obj=None):
        return tp.is_platform_admin(request.user)

    def scoped_choices(self, request, model):
        if model is Township:
            if tp.is_platform_admin(request.user):
                return Township.objects.all()
            return Township.objects.filter(id__in=permissions.handled_township_ids(request.user))
        return super().scoped_choices(request, model)

    # -- forms ------------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = RegisterForm if obj is None else StaffApplicationForm
        return super().get_form(request, obj, change, **kwargs)

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": RegisterForm.Meta.fields})]
        return self.mask_fieldsets(request, obj, [
            (_("办理"), {"fields": self.handling_fields}),
            (_("申请人（个人信息，仅限承办人员查看）"), {"fields": [
                "township", "applicant_kind", "name", "id_type", "id_number", "contact_person",
                "phone", "email", "address", "postcode"]}),
            (_("申请内容"), {"fields": ["channel", "submitted_on", "info_title",
                                    "info_doc_number", "info_description", "purpose",
                                    "provision_form", "provision_channel"]}),
        ])

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.handling_fields, "township", "channel", "submitted_on",
                *self.masked_readonly_fields(request, obj)]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        transitions.register(obj, user=request.user,
                             signed_on=form.cleaned_data.get("signed_on"),
                             confirmed_on=form.cleaned_data.get("confirmed_on"))

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except CalendarMissing as exc:
            messages.error(request, str(exc))
            return redirect(request.path)

    # -- list columns and warnings ------------------------------------------------------------

    @admin.display(description=_("答复期限"), ordering="due_on")
    def due_shown(self, obj):
        """The deadline with its 暂定 mark; the change page adds the reason."""
        if not obj.due_on:
            return "-"
        if obj.due_provisional:
            return format_html('{} <span class="provisional" title="{}">{}</span>',
                               f"{obj.due_on:%Y-%m-%d}", obj.provisional_reason, _("（暂定）"))
        return f"{obj.due_on:%Y-%m-%d}"

    @admin.display(description=_("期限提示"))
    def deadline_flag(self, obj):
        today = timezone.localdate()
        flag = deadlines.deadline_flag(obj, today, self._calendar)
        if flag == "due_soon":
            return _("5个工作日内到期")
        return deadlines.lateness_label(obj, today)

    @admin.display(description=_("期限暂停"))
    def pause_shown(self, obj):
        return deadlines.pause_status(obj, timezone.localdate()) or "-"

    def changelist_view(self, request, extra_context=None):
        self._calendar = deadlines.provisional_calendar()
        today = timezone.localdate()
        years = {today.year} | {
            d.year for d in self.get_queryset(request).open().exclude(due_on=None)
            .values_list("due_on", flat=True)}
        if today.month >= 11:  # a 40-working-day period from November reaches next year
            years.add(today.year + 1)
        missing = sorted(years - covered_years())
        provisional = self.get_queryset(request).open().filter(due_provisional=True).count()
        if provisional:
            messages.warning(request, _(
                "有%(n)d件申请的答复期限为暂定：期限所在年度的节假日安排尚未录入，暂按法定节假日"
                "推算（未计调休）；县级管理员录入后自动重算。") % {"n": provisional})
        if missing:
            text = _("以下年份缺少工作日历，相关答复期限只能暂定，请县级管理员录入：%(years)s")
            messages.warning(request, text % {"years": "、".join(map(str, missing))})
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.due_provisional and obj.is_open:
            messages.warning(request, _("答复期限 %(due)s 为暂定：%(why)s。")
                             % {"due": obj.due_label, "why": obj.provisional_reason})
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("可进行的操作"))
    def actions_html(self, obj):
        links = [(reverse("admin:applications_application_act", args=[obj.pk, name]), label)
                 for name, (label, _form) in ACTION_FORMS.items()
                 if obj.state in transitions.ALLOWED[name]
                 and (name != "compute_due"
                      or (obj.received_on and (not obj.due_on or obj.due_provisional)))]
        if obj.outcome or obj.notices.exists():
            links.append((reverse("admin:applications_application_delivery", args=[obj.pk]),
                          _("登记送达")))
        if obj.outcome:
            links.append((reverse("admin:applications_application_letter", args=[obj.pk]),
                          _("下载告知书（Word）")))
            links.append((reverse("admin:applications_application_letter_pdf", args=[obj.pk]),
                          _("打印告知书（PDF）")))
        if obj.state in ("replied", "archived"):  # erasure on request: security/views.py
            links.append((reverse("security:erase_case", args=[obj.pk]),
                          _("依申请人请求删除个人信息")))
        return format_html_join(" | ", '<a href="{}">{}</a>', links) or "—"

    # -- action views -------------------------------------------------------------------------

    def get_urls(self):
        return [
            path("<int:object_id>/act/<slug:action>/",
                 self.admin_site.admin_view(self.action_view),
                 name="applications_application_act"),
            path("<int:object_id>/delivery/", self.admin_site.admin_view(self.delivery_view),
                 name="applications_application_delivery"),
            path("<int:object_id>/letter/", self.admin_site.admin_view(self.letter_view),
                 name="applications_application_letter"),
            path("<int:object_id>/notice/<int:notice_id>/",
                 self.admin_site.admin_view(self.notice_view),
                 name="applications_application_notice"),
            path("<int:object_id>/notice/<int:notice_id>/pdf/",
                 self.admin_site.admin_view(self.notice_pdf_view),
                 name="applications_application_notice_pdf"),
            path("<int:object_id>/letter.pdf", self.admin_site.admin_view(self.letter_pdf_view),
                 name="applications_application_letter_pdf"),
            *self.personal_data_urls(),
            *super().get_urls(),
        ]

    def action_view(self, request, object_id, action):
        app = self.get_object(request, object_id)
        if action not in ACTION_FORMS:
            raise Http404
        if not self.has_change_permission(request, app):
            raise PermissionDenied
        label, form_class = ACTION_FORMS[action]
        change_url = reverse("admin:applications_application_change", args=[app.pk])
        initial = {}
        if action == "record_fee":
            initial["nth_application"] = selectors.applicant_month_position(app)
        form = form_class(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                getattr(transitions, action)(app.pk, user=request.user, **form.cleaned_data)
            except (ValidationError, CalendarMissing) as exc:
                for message in getattr(exc, "messages", [str(exc)]):
                    form.add_error(None, message)
            else:
                messages.success(request, _("已完成：%(a)s") % {"a": label})
                return redirect(change_url)
        return TemplateResponse(request, "admin/applications/application/action.html", {
            **self.admin_site.each_context(request), "title": label, "opts": self.model._meta,
            "app": app, "form": form, "change_url": change_url,
        })

    def delivery_view(self, request, object_id):
        """登记送达: one delivery of one of the case's notices or its reply letter."""
        app = self.get_object(request, object_id)
        if app is None:
            raise Http404
        if not self.has_change_permission(request, app):
            raise PermissionDenied
        docs = deliveries.documents(app)
        choices = [(d.key, f"{d.title} {d.number}（{d.issued_on:%Y-%m-%d}）") for d in docs]
        change_url = reverse("admin:applications_application_change", args=[app.pk])
        form = DeliveryForm(request.POST if request.method == "POST" else None,
                            documents=choices,  # the only document needs no choosing
                            initial={"document": request.GET.get("doc")
                                     or (choices[0][0] if len(choices) == 1 else None)})
        if request.method == "POST" and form.is_valid():
            try:
                deliveries.record(app.pk, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("已登记送达。"))
                return redirect(change_url)
        return TemplateResponse(request, "admin/applications/application/action.html", {
            **self.admin_site.each_context(request), "title": _("登记送达"),
            "opts": self.model._meta, "app": app, "form": form, "change_url": change_url,
        })

    def notice_pdf_view(self, request, object_id, notice_id):
        """A notice as PDF to print (LibreOffice); without it the case page says why."""
        app = self.addressed_to_applicant(request, object_id)
        notice = app.notices.filter(pk=notice_id).first()
        if notice is None:
            raise Http404
        try:
            data = officialdocs.to_pdf(notices.notice_docx(notice))
        except officialdocs.PDFUnavailableError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("admin:applications_application_change", args=[app.pk]))
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{notice.kind}-{app.tracking_number}-{notice.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response

    def notice_view(self, request, object_id, notice_id):
        app = self.addressed_to_applicant(request, object_id)
        notice = app.notices.filter(pk=notice_id).first()
        if notice is None:
            raise Http404
        response = HttpResponse(
            notices.notice_docx(notice),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        name = f"{notice.kind}-{app.tracking_number}-{notice.pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def letter_view(self, request, object_id):
        app = self.addressed_to_applicant(request, object_id)
        if not app.outcome:
            raise Http404
        response = HttpResponse(
            letters.letter_docx(app),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        name = f"gaozhishu-{app.tracking_number}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def letter_pdf_view(self, request, object_id):
        """The letter as PDF, opened in the browser for printing; without LibreOffice the
        case page shows why (in Chinese) instead of an error page."""
        app = self.addressed_to_applicant(request, object_id)
        if not app.outcome:
            raise Http404
        try:
            data = letters.letter_pdf(app)
        except officialdocs.PDFUnavailableError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("admin:applications_application_change", args=[app.pk]))
        response = HttpResponse(data, content_type="application/pdf")
        name = f"gaozhishu-{app.tracking_number}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """Letter texts are shared by the county; handlers read them, the county admin edits."""

    list_display = ["outcome", "title"]

    def has_module_permission(self, request):
        return tp.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return tp.can_use_back_office(request.user)

    def has_add_permission(self, request):
        return request.user.is_staff and tp.is_county_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return tp.is_platform_admin(request.user)





@admin.register(NoticeCode)
class NoticeCodeAdmin(admin.ModelAdmin):
    """Each kind of notice's 机关代字 per township; set by the county admin."""

    list_display = ["township", "kind", "code"]
    list_filter = ["kind"]

    def has_module_permission(self, request):
        return tp.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return tp.can_use_back_office(request.user) and tp.has_county_view(request.user)

    def has_add_permission(self, request):
        return request.user.is_staff and tp.is_county_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)
