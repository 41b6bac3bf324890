"""Public pages of annual reports, and their Word/Excel downloads."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

import officialdocs
from townships.selectors import public_township
from web.downloads import file_response

from . import exports, selectors
from .tables_html import report_tables

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_list(request, township_slug):
    township = public_township(township_slug)
    reports = selectors.published_reports(township)
    return render(request, "reports/report_list.html", {
        "township": township,
        "page": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
        "nav": "reports",
    })


def report_detail(request, township_slug, year):
    township = public_township(township_slug)
    report = selectors.public_report(township, year)
    return render(request, "reports/report_detail.html", {
        "township": township,
        "report": report,
        "pdf_available": officialdocs.available(),
        "sections": _sections(report),
        "attachments": list(report.attachments.all()),
        "other_years": selectors.other_years(report),
        "nav": "reports",
    })


def _sections(report) -> list[dict]:
    if report.is_legacy:
        return []
    tables = report_tables(report)
    return [{"heading": heading, "html": html, "table": tables.get(number)}
            for number, (heading, html) in enumerate(report.sections(), start=1)]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def report_docx(request, township_slug, year):
    from urllib.parse import quote

    report = selectors.public_report(public_township(township_slug), year)
    return _download(exports.report_docx(report), DOCX, quote(f"{report.title}.docx"))


def report_xlsx(request, township_slug, year):
    from urllib.parse import quote

    report = selectors.public_report(public_township(township_slug), year)
    return _download(exports.report_xlsx(report), XLSX, quote(f"{report.title}统计表.xlsx"))


def report_pdf(request, township_slug, year):
    """The report as PDF (LibreOffice from the .docx), made once per version of the report;
    without LibreOffice a page says so in Chinese (503), never an error page."""
    from urllib.parse import quote

    township = public_township(township_slug)
    report = selectors.public_report(township, year)
    version = f"report:{report.pk}:{report.updated_at.timestamp() if report.updated_at else 0}"
    try:
        data = officialdocs.cached(version, lambda: exports.report_pdf(report))
    except officialdocs.PDFUnavailableError as exc:
        return render(request, "reports/report_pdf_unavailable.html", {
            "township": township, "report": report, "message": str(exc), "nav": "reports",
        }, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(report.title + '.pdf')}"
    return response


def attachment_download(request, township_slug, year, attachment_id):
    report = selectors.public_report(public_township(township_slug), year)
    attachment = next((a for a in report.attachments.all() if a.pk == attachment_id), None)
    if attachment is None or not attachment.file:
        raise Http404("no such attachment")
    return file_response(attachment.file, f"{attachment.display_title}.{attachment.extension}")
