"""Back office for annual reports: edit, derive, validate, publish, import, export, roll-up."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

import officialdocs
from disclosure.richtext import sanitize_html
from signoff.admin_mixin import ChainAdminMixin
from signoff.models import SignOff
from townships import permissions
from townships.admin_base import ReadableTownshipFilter, ScopedInline, TownshipScopedAdmin
from townships.models import County, Township

from . import deadlines, exports, import_draft, importer, rollup, schemas, services, tables_html
from .admin_tables import TablesEditorMixin
from .models import AnnualReport, ReportAttachment, ReportDeadline, TableOverride
from .validation import ERROR
from .views import DOCX, XLSX

# In review, approved or published: the text and numbers can no longer be edited here.
LOCKED_STATES = (AnnualReport.Status.IN_REVIEW, AnnualReport.Status.APPROVED,
                 AnnualReport.Status.PUBLISHED)


class ReportForm(forms.ModelForm):
    """Text, signature and import notes; the tables have their own page (admin_tables.py)."""

    class Meta:
        model = AnnualReport
        fields = ["township", "year", "title", "section_1", "section_2", "section_3",
                  "section_4", "section_5", "section_6", "body", "signing_body",
                  "signing_date", "import_notes"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("报告文件"), help_text=_("纯文本（.txt）或 Word（.docx）。"))
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Township.objects.none(),
                                      required=False, help_text=_("留空则按报告标题识别。"))
    year = forms.IntegerField(label=_("报告年度"), required=False, min_value=2008,
                              max_value=2100, help_text=_("留空则按报告标题识别。"))


class ReportAttachmentInline(ScopedInline):
    model = ReportAttachment
    fields = ["file", "title", "order", "extension", "size"]
    readonly_fields = ["extension", "size"]


class TableOverrideInline(admin.TabularInline):
    model = TableOverride
    extra = 0
    can_delete = False
    fields = ["path", "derived_value", "value", "reason", "user", "created_at"]
    readonly_fields = fields
    verbose_name_plural = _("统计数修改记录（系统生成值与报告值的差异）")

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_back_office(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(TablesEditorMixin, ChainAdminMixin, TownshipScopedAdmin):
    """Reports are published only through the sign-off chain (reports/subjects.py)."""

    form = ReportForm
    chain_content_template = "admin/reports/annualreport/sign_content.html"
    chain_action_template = "admin/reports/annualreport/chain_action.html"
    signoff_sheet_title = _("政府信息公开工作年度报告审签单")
    list_display = ["title", "township", "year", "schema", "status", "deadline_state",
                    "published_at"]
    list_filter = ["status", "schema", "year", ("township", ReadableTownshipFilter)]
    list_select_related = ["township", "township__county"]
    search_fields = ["title", "township__name"]
    inlines = [ReportAttachmentInline, TableOverrideInline]
    actions = ["derive_action"]
    readonly_fields = ["schema", "status", "validation_summary", "difference_summary",
                       "derived_at", "published_at", "published_by", "tables_display",
                       "download_links", "versions_summary"]
    fieldsets = [
        (_("基本信息"), {"fields": ["township", "year", "schema", "title", "status",
                                "validation_summary", "download_links"]}),
        (_("正文"), {"fields": ["section_1", "section_2", "section_3", "section_4",
                              "section_5", "section_6", "body"]}),
        (_("统计表"), {"fields": ["tables_display", "difference_summary", "derived_at"]}),
        (_("落款"), {"fields": ["signing_body", "signing_date"]}),
        (_("发布与导入"), {"fields": ["published_at", "published_by", "versions_summary",
                                  "import_notes"]}),
    ]

    # -- permissions: a published report is read-only -------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status in LOCKED_STATES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and SignOff.objects.for_object(obj).exists():
            return False  # a report that went through the chain keeps its record
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        return [*fields, "township", "year"] if obj else fields

    # -- list and detail displays ----------

    @admin.display(description=_("发布期限"))
    def deadline_state(self, obj):
        due_on = deadlines.due_date(obj.township.county, obj.year)
        return f"{deadlines.STATE_LABELS[deadlines.state_of(obj, due_on)]}（{due_on:%Y-%m-%d}）"

    @admin.display(description=_("校验结果"))
    def validation_summary(self, obj):
        if obj is None or not obj.pk:
            return "-"
        issues = services.report_issues(obj)
        if not issues:
            return _("统计表和正文校验通过。")
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li class="{}">{}</li>',
            (("errornote" if i.level == ERROR else "warning",
              f"{'错误' if i.level == ERROR else '提示'}：{i.display}") for i in issues)))

    @admin.display(description=_("与系统生成值不同的单元格"))
    def difference_summary(self, obj):
        if obj is None or not obj.pk:
            return "-"
        rows = services.differences(obj)
        if not rows:
            return _("无。")
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{}：系统生成 {}，报告填写 {}；理由：{}</li>",
            ((schemas.path_label(obj.schema, r["path"]), r["derived"], r["value"],
              r["reason"] or _("（未记录）")) for r in rows)))

    @admin.display(description=_("送审版本"))
    def versions_summary(self, obj):
        versions = list(obj.versions.all()) if obj is not None and obj.pk else []
        if not versions:
            return _("尚未送审。")
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>第{}版，{}送审</li>",
            ((v.number, timezone.localtime(v.created_at).strftime("%Y-%m-%d %H:%M"))
             for v in versions)))

    @admin.display(description=_("统计表"))
    def tables_display(self, obj):
        if obj is None or not obj.pk:
            return _("保存后由系统根据公开信息和申请数据生成，再逐格核对。")
        if obj.is_legacy:
            stats = obj.shown_tables().get("statistics") or {}
            if not stats:
                return _("无统计数据。")
            return format_html("<ul>{}</ul>", format_html_join("", "<li>{}：{}</li>",
                                                              stats.items()))
        return render_to_string("admin/reports/annualreport/includes/tables_readonly.html",
                                {"tables": tables_html.report_tables(obj).values()})

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["tables_url"] = reverse("admin:reports_annualreport_tables", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("导出"))
    def download_links(self, obj):
        if obj is None or not obj.pk:
            return "-"
        return format_html('<a href="{}">Word</a> · <a href="{}">PDF</a> · <a href="{}">Excel</a>',
                           reverse("admin:reports_annualreport_docx", args=[obj.pk]),
                           reverse("admin:reports_annualreport_pdf", args=[obj.pk]),
                           reverse("admin:reports_annualreport_xlsx", args=[obj.pk]))

    def chain_content(self, request, obj, subject):
        """The whole report a signer signs: sections with their figures filled in, the
        tables in the official layout, signature, attachments and hand-changed numbers."""
        tables = tables_html.report_tables(obj)
        return {
            "shown": obj,
            "shown_sections": [
                {"heading": heading, "html": mark_safe(sanitize_html(html)),  # allow-list HTML
                 "table": tables.get(number)}
                for number, (heading, html) in enumerate(obj.sections(), start=1)
            ] if not obj.is_legacy else [],
            "shown_body": mark_safe(sanitize_html(obj.body)),  # allow-list HTML
            "shown_statistics": list((obj.shown_tables().get("statistics") or {}).items()),
            "shown_attachments": list(obj.attachments.all()),
            "shown_overrides": [{**row, "label": schemas.path_label(obj.schema, row["path"])}
                                for row in services.differences(obj)],
        }

    # -- saving ----------

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new report starts from the numbers the register gives.
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not obj.is_legacy:
            services.derive_report(obj, request.user)
            obj.refresh_from_db()

    @admin.action(description=_("根据公开信息和申请数据生成统计数"))
    def derive_action(self, request, queryset):
        done = 0
        for report in queryset:
            try:
                services.derive_report(report, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                reasons = "；".join(getattr(exc, "messages", [str(exc)]))
                messages.error(request, f"{report}: {reasons}")
        if done:
            messages.success(request, _("已为%d份报告生成统计数。") % done)

    # -- extra views ----------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="reports_annualreport_import"),
            path("rollup/", view(self.rollup_view), name="reports_annualreport_rollup"),
            path("rollup/<int:year>.xlsx", view(self.rollup_xlsx_view),
                 name="reports_annualreport_rollup_xlsx"),
            path("<path:object_id>/report.docx", view(self.docx_view),
                 name="reports_annualreport_docx"),
            path("<path:object_id>/report.pdf", view(self.pdf_view),
                 name="reports_annualreport_pdf"),
            path("<path:object_id>/tables.xlsx", view(self.xlsx_view),
                 name="reports_annualreport_xlsx"),
            *self.get_chain_urls(),
            *self.get_tables_urls(),
            *super().get_urls(),
        ]

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "title": title,
                "opts": self.model._meta, **extra}

    def docx_view(self, request, object_id):
        report = self.get_object(request, object_id)
        response = HttpResponse(exports.report_docx(report), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="report-{report.year}.docx"'
        return response

    def pdf_view(self, request, object_id):
        """The report (draft or published) as PDF to print for filing or for the signers;
        without LibreOffice the report page says why, in Chinese."""
        report = self.get_object(request, object_id)
        if report is None:
            raise Http404
        try:
            data = exports.report_pdf(report)
        except officialdocs.PDFUnavailableError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("admin:reports_annualreport_change", args=[report.pk]))
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="report-{report.year}.pdf"'
        return response

    def xlsx_view(self, request, object_id):
        report = self.get_object(request, object_id)
        response = HttpResponse(exports.report_xlsx(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="tables-{report.year}.xlsx"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        form.fields["township"].queryset = self.scoped_choices(request, Township)
        if request.method == "POST" and form.is_valid():
            report = self._import(request, form)
            if report is not None:
                messages.success(request, _("已导入为草稿，请核对未能归类的内容。"))
                return redirect(reverse("admin:reports_annualreport_change", args=[report.pk]))
        return TemplateResponse(request, "admin/reports/annualreport/import.html",
                                self._context(request, _("导入年度报告"), form=form))

    def _import(self, request, form):
        upload = form.cleaned_data["file"]
        township = form.cleaned_data.get("township")
        try:
            result = importer.parse_file(upload, upload.name, year=form.cleaned_data.get("year"),
                                         township=township.name if township else "")
            if township is None:
                township = self.scoped_choices(request, Township).filter(
                    name=result.township).first()
            if township is None:
                raise ValidationError(_("未能识别乡镇“%s”，请选择乡镇后重试。") % result.township)
            return import_draft.create_draft(result, township, request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        return None

    def _county_for(self, request) -> County:
        if not permissions.has_county_view(request.user):
            raise PermissionDenied
        county = County.objects.order_by("id").first()
        if county is None:
            raise PermissionDenied
        return county

    def rollup_view(self, request):
        county = self._county_for(request)
        try:
            year = int(request.GET.get("year") or timezone.localdate().year - 1)
        except ValueError:
            year = timezone.localdate().year - 1
        data = rollup.rollup(county, year)
        return TemplateResponse(request, "admin/reports/annualreport/rollup.html", self._context(
            request, _("%(county)s%(year)s年度报告汇总") % {"county": county.name, "year": year},
            county=county, year=year, rollup=data, tables=rollup.html_tables(data),
            due_on=deadlines.due_date(county, year)))

    def rollup_xlsx_view(self, request, year):
        county = self._county_for(request)
        response = HttpResponse(rollup.rollup_xlsx(county, year), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="rollup-{year}.xlsx"'
        return response


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(admin.ModelAdmin):
    """County admins set the due date per year; auditors read it."""

    list_display = ["county", "year", "due_on"]

    def has_module_permission(self, request):
        return permissions.has_county_view(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.has_county_view(request.user)

    def has_add_permission(self, request):
        return permissions.is_county_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_county_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_county_admin(request.user)
