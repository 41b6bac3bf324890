"""Versions of a report sent into the chain, and what changed between them.

Each submission and resubmission stores the report as sent (`ReportVersion`); when a report
was sent back and comes again, the sign page shows the version that was sent back beside
this one: title, signature, attachments, every changed table cell by its official labels,
and the six sections paragraph by paragraph as readers will see them (placeholders filled).
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.html import escape
from django.utils.translation import gettext as _

from disclosure.revision_diff import body_rows, value_row
from signoff.subjects import SubjectDiff

from . import figures, schemas
from .models import SECTION_FIELDS, AnnualReport, ReportVersion

TEXT_FIELDS = ("title", *SECTION_FIELDS, "body", "signing_body")


def snapshot(report: AnnualReport) -> dict:
    data = {name: getattr(report, name) or "" for name in TEXT_FIELDS}
    data["signing_date"] = report.signing_date.isoformat() if report.signing_date else ""
    data["tables"] = report.tables or {}
    data["attachments"] = [a.display_title for a in report.attachments.all()]
    return data


def record_version(report: AnnualReport) -> ReportVersion:
    """Keep the report as it goes into the chain (called with the report row locked)."""
    last = report.versions.aggregate(n=Max("number"))["n"] or 0
    return ReportVersion.objects.create(report=report, number=last + 1, data=snapshot(report))


def _readable(schema: str, data: dict) -> str:
    """The six sections (or the free-form body) as one HTML text, figures filled in."""
    tables = data.get("tables") or {}
    if schema == schemas.SCHEMA_LEGACY:
        return data.get("body", "")
    headings = schemas.SECTION_HEADINGS[schema]
    return "".join(f"<h2>{escape(headings[n])}</h2>"
                   + figures.fill(data.get(name, ""), schema, tables)
                   for n, name in enumerate(SECTION_FIELDS))


def _cell_text(value) -> str:
    return "—" if value in (None, "") else str(value)


def table_rows(schema: str, left: dict, right: dict) -> list:
    """One row per table cell whose value changed, named by its official labels."""
    if schema == schemas.SCHEMA_LEGACY:
        a, b = left.get("statistics") or {}, right.get("statistics") or {}
        return [value_row(key, _cell_text(a.get(key)), _cell_text(b.get(key)))
                for key in dict.fromkeys([*a, *b]) if a.get(key) != b.get(key)]
    rows = []
    for path in schemas.cell_paths(schema):
        a, b = schemas.get_path(left, path), schemas.get_path(right, path)
        if (a or 0) != (b or 0):
            rows.append(value_row(schemas.path_label(schema, path), _cell_text(a),
                                  _cell_text(b)))
    return rows


def compare(schema: str, left: dict, right: dict, *, left_label: str,
            right_label: str) -> SubjectDiff:
    meta = [
        value_row(_("标题"), left.get("title", ""), right.get("title", "")),
        value_row(_("落款单位"), left.get("signing_body", "") or "—",
                  right.get("signing_body", "") or "—"),
        value_row(_("落款日期"), left.get("signing_date", "") or "—",
                  right.get("signing_date", "") or "—"),
        value_row(_("附件"), "、".join(left.get("attachments", [])) or "—",
                  "、".join(right.get("attachments", [])) or "—"),
        *table_rows(schema, left.get("tables") or {}, right.get("tables") or {}),
    ]
    return SubjectDiff(left_label=left_label, right_label=right_label, meta_rows=meta,
                       body_rows=body_rows(_readable(schema, left), _readable(schema, right)),
                       meta_caption=_("标题、落款、附件和改动的统计数"),
                       body_caption=_("正文"))


def report_diff(report: AnnualReport) -> SubjectDiff | None:
    """This report against the version that was sent back; None at the first submission."""
    versions = list(report.versions.order_by("-number")[:2])
    if len(versions) < 2:
        return None
    current, earlier = versions
    return compare(report.schema, earlier.data, snapshot(report),
                   left_label=_("退回修改的版本（第%(n)s版）") % {"n": earlier.number},
                   right_label=_("本次送审版本（第%(n)s版）") % {"n": current.number})
