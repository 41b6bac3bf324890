"""Writes on reports: deriving the statistics, changing derived cells with a reason.

Both refuse published reports: their numbers were frozen at publication.
"""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import selectors as applications_selectors
from townships import permissions

from . import figures, schemas, statistics
from .models import AnnualReport, TableOverride
from .validation import ERROR, Issue, check_sections, labelled, validate_tables


def previous_report(report: AnnualReport) -> AnnualReport | None:
    return AnnualReport.objects.filter(township_id=report.township_id,
                                       year=report.year - 1).first()


def report_issues(report: AnnualReport) -> list[Issue]:
    """Every error and warning for a report: tables, continuity, narrative (items 8–18), and
    the figures the prose quotes against the tables (reports/figures.py)."""
    previous = previous_report(report)
    tables = report.shown_tables()
    if tables.get("schema") != report.schema:
        return [Issue(ERROR, "schema", _(
            "%(year)s年度报告应采用“%(schema)s”格式的统计表，实为“%(found)s”。") % {
            "year": report.year, "schema": report.schema, "found": tables.get("schema")},
            label=_("报告格式"))]
    issues = validate_tables(tables, previous=previous.shown_tables() if previous else None)
    if not report.is_legacy:
        fees = fees_collected(report)
        texts = report.section_texts()
        issues += check_sections(report.schema, texts, report.year,
                                 fee_collected=fees > 0, fee_amount=fees)
        figure_issues: list[Issue] = []
        figures.check(texts, report.schema, tables, report.year, figure_issues)
        issues += labelled(report.schema, figure_issues)
    return issues


def fees_collected(report: AnnualReport):
    """Information-processing fees the township's applications recorded for the year."""
    return applications_selectors.fees_collected(report.township, report.year)


def _lock_editable(report: AnnualReport, user) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_edit_in(user, report.township_id):
        raise PermissionDenied(_("无权修改该年度报告。"))
    if report.is_published:
        raise ValidationError(_("年度报告已发布，统计数已固定，不能再修改。"))
    if report.status in (AnnualReport.Status.IN_REVIEW, AnnualReport.Status.APPROVED):
        # Signers sign what they saw: changes wait until the report is sent back.
        raise ValidationError(_("年度报告正在审签中，退回修改前不能更改统计数。"))
    return report


def overridden_paths(report: AnnualReport) -> dict[str, TableOverride]:
    latest: dict[str, TableOverride] = {}
    for override in report.overrides.order_by("created_at", "id"):
        latest[override.path] = override
    return latest


@transaction.atomic
def derive_report(report: AnnualReport, user) -> AnnualReport:
    """Fill the derived cells from items and applications; hand-changed cells keep their value."""
    report = _lock_editable(report, user)
    derived = statistics.derive_tables(report.township, report.year)
    tables = copy.deepcopy(report.tables) or schemas.empty_tables(report.schema)
    tables["schema"] = report.schema
    overrides = overridden_paths(report)
    for path in schemas.derived_paths(report.schema):
        value = schemas.get_path(derived, path)
        if value is None:
            continue  # e.g. Table 3 while the applications app is absent
        if path not in overrides:
            schemas.set_path(tables, path, value)
    report.tables = tables
    report.derived_tables = derived
    report.derived_at = timezone.now()
    report.save(update_fields=["tables", "derived_tables", "derived_at", "updated_at"])
    return report


def changed_derived_cells(report: AnnualReport, new_tables: dict) -> list[str]:
    """Derived cells whose value differs from what is stored now."""
    if not report.derived_tables:
        return []
    return [path for path in schemas.derived_paths(report.schema)
            if schemas.get_path(report.derived_tables, path) is not None
            and schemas.get_path(new_tables, path) != schemas.get_path(report.tables, path)]


@transaction.atomic
def save_tables(report: AnnualReport, new_tables: dict, user, *, reason: str = "") -> AnnualReport:
    """Store edited tables; a changed derived cell needs a reason and leaves a record."""
    report = _lock_editable(report, user)
    changed = changed_derived_cells(report, new_tables)
    reason = (reason or "").strip()
    if changed and not reason:
        raise ValidationError(_("以下单元格由系统根据公开信息和申请数据生成，修改须填写理由：%s")
                              % "、".join(changed))
    report.tables = new_tables
    report.save(update_fields=["tables", "updated_at"])
    TableOverride.objects.bulk_create([
        TableOverride(report=report, path=path, reason=reason, user=user,
                      derived_value=schemas.get_path(report.derived_tables, path),
                      value=schemas.get_path(new_tables, path))
        for path in changed
    ])
    return report


def differences(report: AnnualReport) -> list[dict]:
    """Cells where the report differs from the derived value, with the recorded reasons."""
    if not report.derived_tables:
        return []
    tables = report.shown_tables()
    overrides = overridden_paths(report)
    rows = []
    for path in schemas.derived_paths(report.schema):
        derived = schemas.get_path(report.derived_tables, path)
        value = schemas.get_path(tables, path)
        if derived is not None and derived != value:
            override = overrides.get(path)
            rows.append({"path": path, "derived": derived, "value": value,
                         "reason": override.reason if override else "",
                         "user": override.user if override else None,
                         "at": override.created_at if override else None})
    return rows
