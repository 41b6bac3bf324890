"""An import result (reports/importer.py) saved as a draft report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import schemas as s
from .importer import L1_RE, ImportResult, cn_small_number


def _html(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _section_number(heading: str) -> int | None:
    match = L1_RE.match(heading)
    return cn_small_number(match.group(1)) if match else None


def _structured_fields(result: ImportResult, notes: list[str]) -> dict[str, str]:
    """Map top-level headings 一…六 to the six section fields; sub-headings go along."""
    fields = {f"section_{n}": "" for n in range(1, 7)}
    target = "section_1"
    for section in result.sections:
        html = _html(section.text)
        if section.level == 1:
            number = _section_number(section.heading)
            if number and 1 <= number <= 6:
                target = f"section_{number}"
            else:
                notes.append(f"{section.heading}\n{section.text}")
                target = None
                continue
        elif section.level == 2 and target:
            html = f"<h3>{escape(section.heading)}</h3>{html}"
        elif target is None:
            notes.append(f"{section.heading}\n{section.text}")
            continue
        fields[target] += html
    return fields


def _legacy_body(result: ImportResult) -> str:
    parts = []
    for section in result.sections:
        if section.heading:
            tag = "h2" if section.level == 1 else "h3"
            parts.append(f"<{tag}>{escape(section.heading)}</{tag}>")
        parts.append(_html(section.text))
    return "".join(parts)


@transaction.atomic
def create_draft(result: ImportResult, township, user=None):
    """A draft report from an import result; refuses a township/year that already has one."""
    from .models import AnnualReport

    if not result.year:
        raise ValidationError(_("未能识别报告年度，请指定年度后再导入。"))
    if AnnualReport.objects.filter(township=township, year=result.year).exists():
        raise ValidationError(_("%(t)s%(y)s年的年度报告已存在，不能重复导入。")
                              % {"t": township.name, "y": result.year})
    notes = [*result.notes, *result.unplaced]
    report = AnnualReport(township=township, year=result.year, title=result.title,
                          signing_body=result.signing_body, signing_date=result.date,
                          created_by=user)
    schema = s.schema_for_year(result.year)
    if schema == s.SCHEMA_LEGACY:
        report.body = _legacy_body(result)
    else:
        for name, html in _structured_fields(result, notes).items():
            setattr(report, name, html)
    if result.tables:
        report.tables = result.tables
    report.import_notes = "\n\n".join(notes)
    report.save()
    return report
