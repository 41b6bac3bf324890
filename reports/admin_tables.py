"""The 统计表 page of a report in the back office (reports/table_editor.py holds the form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import schemas, services
from .table_editor import LegacyStatisticsForm, TablesForm, issue_path
from .validation import validate_tables

TABLE_PREFIXES = ("table2", "table3", "table4")


class TablesEditorMixin:
    """Mixed into AnnualReportAdmin: `<pk>/tables/` edits Tables 2–4 cell by cell."""

    tables_template = "admin/reports/annualreport/tables.html"

    def get_tables_urls(self):
        return [path("<path:object_id>/tables/", self.admin_site.admin_view(self.tables_view),
                     name="reports_annualreport_tables")]

    def tables_view(self, request, object_id):
        report = self.get_object(request, object_id)
        if report is None:
            raise Http404
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        url = reverse("admin:reports_annualreport_tables", args=[report.pk])
        if request.method == "POST" and "_derive" in request.POST:
            return self._derive(request, report, url)
        form_class = LegacyStatisticsForm if report.is_legacy else TablesForm
        form = form_class(request.POST or None, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                form.save(request.user)
            except (ValidationError, PermissionDenied) as exc:
                for message in getattr(exc, "messages", None) or [str(exc)]:
                    form.add_error(None, message)
            else:
                messages.success(request, _("统计表已保存。"))
                return redirect(url)
        if request.method == "POST" and not report.is_legacy:
            previous = services.previous_report(report)
            issues = validate_tables(form.new_tables,
                                     previous=previous.shown_tables() if previous else None)
        else:
            issues = services.report_issues(report)
        table_issues = [i for i in issues if issue_path(i.path).startswith(TABLE_PREFIXES)]
        other_issues = [i for i in issues if i not in table_issues]
        context = {
            **self.admin_site.each_context(request),
            "title": _("编辑统计表：%(title)s") % {"title": report.title},
            "opts": self.model._meta, "original": report, "report": report, "form": form,
            "change_url": reverse("admin:reports_annualreport_change", args=[report.pk]),
            "table_issues": table_issues, "other_issues": other_issues,
        }
        if not report.is_legacy:
            headings = schemas.SECTION_HEADINGS[report.schema]
            context.update({
                "tables": list(zip(headings[1:4], form.tables(table_issues), strict=True)),
                "balance": form.balance(), "figure_names": form.figure_names(),
            })
        return TemplateResponse(request, self.tables_template, context)

    def _derive(self, request, report, url):
        try:
            services.derive_report(report, request.user)
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", None) or [str(exc)]:
                messages.error(request, message)
        else:
            messages.success(request, _("已根据公开信息和申请数据重新生成统计数；"
                                        "已填写理由修改过的单元格保留原值。"))
        return redirect(url)
