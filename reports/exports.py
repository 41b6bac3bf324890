"""Word and Excel files: one report (.docx, .xlsx) and the county roll-up (.xlsx).

The table layouts come from schemas.py so the exported labels are the official ones, and the
importer reads the .docx it writes back into the same numbers.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import schemas as s


def _num(value):
    """Cells as numbers for Word/Excel; blanks read as 0."""
    if value in (None, ""):
        return 0
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return value
    return int(number) if number == int(number) else float(number)


# -- row models shared by .docx and .xlsx ----------

def table2_rows(schema: str, tables: dict) -> list[list]:
    """Table 2 as rows of 4 cells: per block a 第二十条 row and a column header, then data."""
    data = tables.get("table2") or {}
    rows, current = [], None
    for spec in s.TABLE2[schema]:
        if (spec.block, spec.columns) != current:
            rows.append([spec.block, "", "", ""])
            rows.append(["信息内容", *[label for _c, label in spec.columns]])
            current = (spec.block, spec.columns)
        rows.append([spec.label, *[_num((data.get(spec.key) or {}).get(c))
                                   for c, _label in spec.columns]])
    return [([*row, "", "", ""])[:4] for row in rows]


def table3_label_cells(schema: str) -> list[tuple[str, list[str]]]:
    """(row id, [level-1, level-2, level-3 labels]) for every numeric Table 3 row."""
    out = []
    for row in s.TABLE3_ROWS[schema]:
        if row.id in ("r1", "r2", "r4"):
            out.append((row.id, [row.label, row.label, row.label]))
        elif row.group:
            out.append((row.id, [s.RESULT_HEADING, s.GROUP_LABELS[row.group], row.label]))
        else:
            out.append((row.id, [s.RESULT_HEADING, row.label, row.label]))
    return out


def table4_values(tables: dict) -> list:
    data = tables.get("table4") or {}
    return [_num((data.get(g) or {}).get(c)) for g, _l in s.TABLE4_GROUPS
            for c in s.TABLE4_COLUMN_IDS]


# -- .docx ----------

def _html_paragraphs(html: str) -> list[tuple[str, str]]:
    """(kind, text) pairs from sanitised rich text: headings and paragraphs."""
    parts = []
    for match in re.finditer(r"<(h[2-6]|p|li|blockquote)[^>]*>(.*?)</\1>", html or "", re.S):
        text = strip_tags(match.group(2)).strip()
        if text:
            parts.append(("heading" if match.group(1).startswith("h") else "p", text))
    if not parts and strip_tags(html or "").strip():
        parts.append(("p", strip_tags(html).strip()))
    return parts


def _docx_table(document, rows: list[list], merges=()):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = "" if value is None else str(value)
    for (r1, c1), (r2, c2) in merges:
        text = table.cell(r1, c1).text
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = text
    return table


def _docx_table2(document, schema, tables):
    rows = table2_rows(schema, tables)
    widths = {}
    for spec in s.TABLE2[schema]:
        widths[spec.label] = len(spec.columns)
    merges = []
    for index, row in enumerate(rows):
        if row[0].startswith("第二十条"):
            merges.append(((index, 0), (index, 3)))
        else:
            used = sum(1 for cell in row[1:] if cell != "")
            if 0 < used < 3:
                merges.append(((index, used), (index, 3)))
    _docx_table(document, rows, merges)


def _docx_table3(document, schema, tables):
    data = tables.get("table3") or {}
    columns = [label for _c, label in s.TABLE3_COLUMNS]
    header = [
        ["信息内容"] * 3 + [s.APPLICANT_LABEL] * 7,
        ["信息内容"] * 3 + [columns[0]] + [s.LEGAL_PERSON_LABEL] * 5 + [columns[6]],
        ["信息内容"] * 3 + columns,
    ]
    body = [[*labels, *[_num((data.get(rid) or {}).get(c)) for c in s.TABLE3_COLUMN_IDS]]
            for rid, labels in table3_label_cells(schema)]
    merges = [((0, 0), (2, 2)), ((0, 3), (0, 9)), ((1, 3), (2, 3)), ((1, 4), (1, 8)),
              ((1, 9), (2, 9))]
    for index, labels in enumerate(body, start=3):
        if labels[0] == labels[1] == labels[2]:
            merges.append(((index, 0), (index, 2)))
        elif labels[1] == labels[2]:
            merges.append(((index, 1), (index, 2)))
    table = _docx_table(document, header + body, merges)
    table.cell(0, 0).text = f"信息内容\n{s.TABLE3_BALANCE_NOTE}"


def _docx_table4(document, tables):
    columns = [label for _c, label in s.TABLE4_COLUMNS]
    groups = [label for _g, label in s.TABLE4_GROUPS]
    rows = [
        [groups[0]] * 5 + [s.LITIGATION_LABEL] * 10,
        [groups[0]] * 5 + [groups[1]] * 5 + [groups[2]] * 5,
        columns * 3,
        table4_values(tables),
    ]
    merges = [((0, 0), (1, 4)), ((0, 5), (0, 14)), ((1, 5), (1, 9)), ((1, 10), (1, 14))]
    _docx_table(document, rows, merges)


def _docx_rich(document, html: str, level: int) -> None:
    for kind, text in _html_paragraphs(html):
        if kind == "heading":
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)


def _docx_structured(document, report, tables: dict) -> None:
    writers = {2: lambda: _docx_table2(document, report.schema, tables),
               3: lambda: _docx_table3(document, report.schema, tables),
               4: lambda: _docx_table4(document, tables)}
    for number, (heading, html) in enumerate(report.sections(), start=1):
        document.add_heading(heading, level=1)
        _docx_rich(document, html, 2)
        if number in writers:
            writers[number]()


def report_docx(report) -> bytes:
    """The whole report as Word: title, the six sections with their tables, signature."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.add_heading(report.title, level=0)
    tables = report.shown_tables()
    if report.is_legacy:
        _docx_rich(document, report.body, 1)
        for key, value in (tables.get("statistics") or {}).items():
            document.add_paragraph(f"{key}：{value}")
    else:
        _docx_structured(document, report, tables)
    date = report.signing_date
    for text in (report.signing_body, f"{date.year}年{date.month}月{date.day}日" if date else ""):
        if text:
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- .xlsx ----------

def _sheet_tables(workbook, schema: str, tables: dict, *, prefix: str = "") -> None:
    sheet = workbook.create_sheet(f"{prefix}表二 {s.TABLE2_TITLE}"[:31])
    for row in table2_rows(schema, tables):
        sheet.append(row)
    sheet = workbook.create_sheet(f"{prefix}表三 {s.TABLE3_TITLE}"[:31])
    sheet.append(["行号", "一级", "二级", "三级", *[label for _c, label in s.TABLE3_COLUMNS]])
    data = tables.get("table3") or {}
    for rid, labels in table3_label_cells(schema):
        sheet.append([rid, *labels, *[_num((data.get(rid) or {}).get(c))
                                      for c in s.TABLE3_COLUMN_IDS]])
    sheet = workbook.create_sheet(f"{prefix}表四 {s.TABLE4_TITLE}"[:31])
    sheet.append(["类别", *[label for _c, label in s.TABLE4_COLUMNS]])
    data = tables.get("table4") or {}
    for group, label in s.TABLE4_GROUPS:
        sheet.append([label, *[_num((data.get(group) or {}).get(c))
                               for c in s.TABLE4_COLUMN_IDS]])
    for ws in workbook.worksheets:
        ws.column_dimensions["A"].width = 28


def report_xlsx(report) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    info = workbook.active
    info.title = "报告信息"
    info.append([_("标题"), report.title])
    info.append([_("乡镇"), report.township.full_name])
    info.append([_("报告年度"), report.year])
    info.append([_("落款单位"), report.signing_body])
    info.append([_("落款日期"), report.signing_date.isoformat() if report.signing_date else ""])
    tables = report.shown_tables()
    if report.is_legacy:
        stats = workbook.create_sheet("统计数据")
        for key, value in (tables.get("statistics") or {}).items():
            stats.append([key, value])
    else:
        _sheet_tables(workbook, report.schema, tables)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- county roll-up ----------

def _add(total: dict, data: dict) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _add(total.setdefault(key, {}), value)
        elif key != "schema":
            current = Decimal(str(total.get(key, 0) or 0))
            total[key] = current + Decimal(str(value or 0))


def _plain(total: dict) -> dict:
    return {k: _plain(v) if isinstance(v, dict) else _num(v) for k, v in total.items()}


def rollup(county, year: int) -> dict:
    """Tables 2–4 summed over the county's published reports for a year.

    Returns {"schema", "tables", "reported": [townships], "missing": [townships]}.
    """
    from .models import AnnualReport

    schema = s.schema_for_year(year)
    townships = list(county.townships.active())
    reports = {r.township_id: r for r in AnnualReport.objects.published().filter(
        township__in=townships, year=year)}
    total: dict = {}
    for report in reports.values():
        tables = report.shown_tables()
        _add(total, {k: v for k, v in tables.items() if k.startswith("table")})
    tables = s.empty_tables(schema)
    if schema != s.SCHEMA_LEGACY:
        for key, value in _plain(total).items():
            for row, cells in value.items():
                tables[key].setdefault(row, {}).update(cells)
    return {
        "schema": schema,
        "tables": tables,
        "reported": [t for t in townships if t.pk in reports],
        "missing": [t for t in townships if t.pk not in reports],
    }


def rollup_xlsx(county, year: int, deadlines=None) -> bytes:
    import openpyxl

    data = rollup(county, year)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "报送情况"
    sheet.append([_("县"), county.name, _("报告年度"), year])
    sheet.append([_("乡镇"), _("状态")])
    for township in data["reported"]:
        sheet.append([township.name, _("已发布")])
    for township in data["missing"]:
        sheet.append([township.name, _("未发布")])
    missing = workbook.create_sheet("未发布年报的乡镇")
    missing.append([_("乡镇"), _("人民政府全称")])
    for township in data["missing"]:
        missing.append([township.name, township.full_name])
    if deadlines:
        sheet = workbook.create_sheet("发布期限")
        sheet.append([_("乡镇"), _("截止日期"), _("发布日期"), _("情况")])
        for row in deadlines:
            sheet.append([row.township.name, row.due_on.isoformat(),
                          row.report.published_on.isoformat()
                          if row.report and row.report.published_on else "", str(row.label)])
    if data["schema"] != s.SCHEMA_LEGACY:
        _sheet_tables(workbook, data["schema"], data["tables"], prefix="汇总")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
