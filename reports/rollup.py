"""The county roll-up: Tables 2–4 summed over the townships' published reports of a year,
with each township's status, as web tables and as an Excel workbook in the official layout.

Only published reports count (their frozen numbers); a township with a draft, a report in
review or none at all is listed with its status and left out of the sums.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _

from . import deadlines as report_deadlines
from . import schemas as s
from . import tables_html
from .exports import print_ready, signed_date, table_grids, write_table_sheet


def _add(total: dict, data: dict) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _add(total.setdefault(key, {}), value)
        elif key != "schema":
            try:
                number = Decimal(str(value if value not in (None, "") else 0))
            except ArithmeticError:
                continue  # a malformed cell in a published report: validation flagged it
            total[key] = total.get(key, Decimal(0)) + number


def _plain(total: dict) -> dict:
    return {k: _plain(v) if isinstance(v, dict) else tables_html.cell_value(v)
            for k, v in total.items()}


def rollup(county, year: int) -> dict:
    """{"schema", "tables", "reported", "missing", "rows"} for a county and year.

    `rows` has one TownshipDeadline per active township (status, due date, publication).
    """
    schema = s.schema_for_year(year)
    rows = report_deadlines.county_deadlines(county, year)
    published = [row.report for row in rows if row.report is not None and row.report.is_published]
    total: dict = {}
    for report in published:
        _add(total, {k: v for k, v in report.shown_tables().items() if k.startswith("table")})
    tables = s.empty_tables(schema)
    if schema != s.SCHEMA_LEGACY:
        for key, value in _plain(total).items():
            for row, cells in value.items():
                tables[key].setdefault(row, {}).update(cells)
    counted = {report.township_id for report in published}
    return {
        "schema": schema,
        "tables": tables,
        "reported": [row.township for row in rows if row.township.pk in counted],
        "missing": [row.township for row in rows if row.township.pk not in counted],
        "rows": rows,
    }


def html_tables(data: dict) -> list[tuple[str, dict]]:
    """(section heading, table) for the roll-up page, in the official layout."""
    schema = data["schema"]
    if schema == s.SCHEMA_LEGACY:
        return []
    tables = data["tables"]
    built = [tables_html.table2(schema, tables), tables_html.table3(schema, tables),
             tables_html.table4(tables)]
    return list(zip(s.SECTION_HEADINGS[schema][1:4], built, strict=True))


def status_label(row) -> str:
    if row.report is None:
        return str(_("未创建"))
    return str(row.report.get_status_display())


def _status_sheet(workbook, county, year: int, data: dict) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side

    sheet = workbook.active
    sheet.title = "报送情况"
    heads = [_("乡镇"), _("人民政府全称"), _("报告状态"), _("发布日期"), _("截止日期"),
             _("发布期限"), _("计入合计")]
    title = _("%(county)s%(year)s年度乡镇政府信息公开工作年度报告报送情况") % {
        "county": county.name, "year": year}
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    counted = {t.pk for t in data["reported"]}
    lines = [heads] + [[
        row.township.name, row.township.full_name, status_label(row),
        signed_date(row.report.published_on) if row.report and row.report.published_on else "",
        signed_date(row.due_on), str(row.label),
        _("是") if row.township.pk in counted else _("否"),
    ] for row in data["rows"]]
    for r, values in enumerate(lines, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=str(value))
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if r == 2:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (12, 30, 10, 16, 16, 12, 10), strict=True):
        sheet.column_dimensions[letter].width = width


def rollup_xlsx(county, year: int) -> bytes:
    """The roll-up workbook: each township's status, then Tables 2–4 summed (merged headers)."""
    import openpyxl

    data = rollup(county, year)
    workbook = openpyxl.Workbook()
    _status_sheet(workbook, county, year, data)
    missing = workbook.create_sheet("未发布年报的乡镇")
    missing.append([_("乡镇"), _("人民政府全称"), _("报告状态")])
    for row in data["rows"]:
        if row.township in data["missing"]:
            missing.append([row.township.name, row.township.full_name, status_label(row)])
    if data["schema"] != s.SCHEMA_LEGACY:
        title = _("%(county)s%(year)s年度乡镇政府信息公开工作年度报告汇总") % {
            "county": county.name, "year": year}
        footer = [_("合计范围：已发布年度报告的%(n)s个乡镇（共%(all)s个）") % {
            "n": len(data["reported"]), "all": len(data["rows"])}]
        for table, layout, unit in table_grids(data["schema"], data["tables"]):
            write_table_sheet(workbook, table, layout, title=title, unit=unit, footer=footer)
    print_ready(workbook, county.full_name or county.name,
                {"报送情况": (2, 2), "未发布年报的乡镇": (1, 1)})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

