"""Reads for the public report pages: only published reports ever leave here."""

from __future__ import annotations

from django.http import Http404

from .models import SECTION_FIELDS, AnnualReport


def published_reports(township):
    return AnnualReport.objects.published().filter(township=township).order_by("-year")


def public_report(township, year: int) -> AnnualReport:
    report = (published_reports(township).select_related("township", "township__county")
              .prefetch_related("attachments").filter(year=year).first())
    if report is None:
        raise Http404("no such report")
    return report


def other_years(report: AnnualReport) -> list[int]:
    return list(published_reports(report.township).exclude(pk=report.pk)
                .values_list("year", flat=True))


def report_is_public(pk: str) -> bool:
    """Whether `report:<pk>` may be counted as a visit now (visits asks through a hook)."""
    return pk.isdigit() and AnnualReport.objects.published().filter(
        pk=int(pk), township__is_active=True).exists()


def public_html(report: AnnualReport) -> str | None:
    """All rich text a published report shows (its images are public); None for drafts."""
    if not report.is_published:
        return None
    return "".join(getattr(report, name) or "" for name in (*SECTION_FIELDS, "body"))
