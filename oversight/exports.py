"""Excel (openpyxl) exports of the dashboard and of every drill-down list."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import officialdocs

from .checks.base import LEVEL_LABELS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
PROBLEM_FILL = PatternFill("solid", fgColor="FBE3E3")


def _cell_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) or value is None:
        return value
    return str(value)


def _measure_value(value, kind: str):
    if kind == "date" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return _cell_value(value)


def _print_ready(workbook: Workbook, footer_left: str, header_rows: dict) -> None:
    """Every sheet prints on A4, one page wide (landscape where wide), its header rows on
    every page, with the county or township, page numbers and the day in the footer."""
    day = timezone.localdate()
    officialdocs.print_workbook(workbook, footer_left=footer_left,
                                footer_right=f"{day.year}年{day.month}月{day.day}日",
                                header_rows=header_rows)


def _save(workbook: Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


FIXED = (gettext_lazy("乡镇"), gettext_lazy("结论"), gettext_lazy("问题和需关注事项"))


def _dashboard_headers(sheet, columns) -> None:
    """Two header rows: the fixed columns span both; each check spans its measures."""
    for col, label in enumerate(FIXED, start=1):
        sheet.cell(row=1, column=col, value=str(label))
        sheet.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    groups: dict[str, list] = {}
    for check, measure in columns:
        groups.setdefault(check.key, [check, []])[1].append(measure)
    col = len(FIXED) + 1
    for check, measures in groups.values():
        sheet.cell(row=1, column=col, value=str(check.title))
        if len(measures) > 1:
            sheet.merge_cells(start_row=1, start_column=col, end_row=1,
                              end_column=col + len(measures) - 1)
        for offset, measure in enumerate(measures):
            sheet.cell(row=2, column=col + offset, value=str(measure.label))
        col += len(measures)
    for row_cells in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row_cells:
            cell.font, cell.alignment = HEADER, CENTER


def _dashboard_row(sheet, index: int, row, columns) -> None:
    sheet.cell(row=index, column=1, value=row.township.name)
    sheet.cell(row=index, column=2, value=str(row.status_label))
    sheet.cell(row=index, column=3, value="；".join(
        f"{LEVEL_LABELS[p.level]}：{p.text}" for p in row.problems))
    for offset, cell in enumerate(row.cells(columns), start=len(FIXED) + 1):
        target = sheet.cell(row=index, column=offset,
                            value=_measure_value(cell.value, cell.measure.kind))
        if cell.level:
            target.fill = PROBLEM_FILL


def _dashboard_notes(workbook, board) -> None:
    notes = workbook.create_sheet(_("说明"))
    run, file_run = board.run, board.file_run
    facts = [
        (_("县"), board.county.name),
        (_("检查日期"), run.as_of if run else None),
        (_("汇总数据生成时间"), run.finished_at if run else None),
        (_("附件文件检查时间"), file_run.finished_at if file_run else _("尚未检查")),
        (_("缺少工作日历的年份"), "、".join(str(y) for y in board.calendar_gaps) or _("无")),
    ]
    for index, (label, value) in enumerate(facts, start=1):
        notes.cell(row=index, column=1, value=str(label)).font = HEADER
        notes.cell(row=index, column=2, value=_cell_value(value))
    _widths(notes, [20, 40])


def _months_sheet(workbook, board) -> None:
    """Items per month per township (the data behind the monthly chart)."""
    months = board.run.notes.get("months", []) if board.run else []
    sheet = workbook.create_sheet(_("近12个月每月发布"))
    sheet.cell(row=1, column=1, value=str(_("乡镇"))).font = HEADER
    for col, month in enumerate(months, start=2):
        cell = sheet.cell(row=1, column=col, value=f"{month[:4]}年{int(month[5:7])}月")
        cell.font, cell.alignment = HEADER, CENTER
    for index, row in enumerate(board.rows, start=2):
        sheet.cell(row=index, column=1, value=row.township.name)
        for col, n in enumerate(row.data.get("items", {}).get("months", []), start=2):
            sheet.cell(row=index, column=col, value=n)
    sheet.freeze_panes = "B2"
    _widths(sheet, [12] + [10] * len(months))


def dashboard_xlsx(board) -> bytes:
    """One row per township under two header rows (the check, then its measures)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("各乡镇检查结果")
    _dashboard_headers(sheet, board.all_columns)
    for index, row in enumerate(board.rows, start=3):
        _dashboard_row(sheet, index, row, board.all_columns)
    sheet.freeze_panes = "B3"
    _widths(sheet, [12, 10, 60] + [12] * len(board.all_columns))
    _months_sheet(workbook, board)
    _dashboard_notes(workbook, board)
    _print_ready(workbook, board.county.full_name or board.county.name,
                 {sheet.title: (1, 2), str(_("近12个月每月发布")): (1, 1)})
    return _save(workbook)


def findings_xlsx(township, check, findings, absolute) -> bytes:
    """A drill-down list: the record's title, the check's columns, and links to the record."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(check.title)[:31]
    headers = [_("名称"), *(str(label) for _key, label in findings.columns), _("问题级别"),
               _("后台链接"), _("公开页面")]
    for col, label in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col, value=label)
        cell.font, cell.alignment = HEADER, CENTER
    for index, finding in enumerate(findings.rows, start=2):
        values = [finding.title,
                  *(_plain(finding.cells.get(key)) for key, _label in findings.columns),
                  str(LEVEL_LABELS.get(finding.level, "")),
                  absolute(finding.url) if finding.url else "",
                  absolute(finding.public_url) if finding.public_url else ""]
        for col, value in enumerate(values, start=1):
            sheet.cell(row=index, column=col, value=_cell_value(value) if value != "" else None)
    sheet.freeze_panes = "A2"
    _widths(sheet, [40] + [16] * len(findings.columns) + [10, 50, 50])
    about = workbook.create_sheet(_("说明"))
    for index, (label, value) in enumerate([
        (_("乡镇"), township.name), (_("检查项"), str(check.title)),
        (_("导出时间"), _cell_value(timezone.now())), (_("总条数"), findings.total),
        (_("本表条数"), len(findings.rows)),
    ], start=1):
        about.cell(row=index, column=1, value=str(label)).font = HEADER
        about.cell(row=index, column=2, value=value)
    _widths(about, [16, 40])
    _print_ready(workbook, township.full_name, {sheet.title: (1, 1)})
    return _save(workbook)


def _plain(value):
    """Marked-up cells (a sentence with <mark>, an action link) as their text."""
    return strip_tags(value) if isinstance(value, SafeString) else value
