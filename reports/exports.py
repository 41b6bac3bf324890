"""Word and Excel files: one report (.docx, .xlsx) and the county roll-up (.xlsx).

Both formats draw the tables from the same structures as the web pages (tables_html.py, built
on schemas.py and applications/table3.py), turned into a grid with merged ranges: the
official layout with its merged headers, row labels and units, under the report's title and
above its signing body. The importer reads the .docx written here back into the same numbers.
"""

from __future__ import annotations

import io
import re

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

import officialdocs

from . import tables_html
from .tables_html import cell_value

_num = cell_value  # kept for callers of the earlier name

# -- the official layout as a grid ----------

#: A table laid out on a grid (officialdocs.Grid): `rows[r][c]` holds a cell's text at the
#: top-left of its span and None where a merged span covers; `merges` are (r1, c1, r2, c2).
Grid = officialdocs.Grid


def _place(out: Grid, r: int, c: int, cell: dict, taken: set) -> int:
    """Put one cell at (r, c), marking what its span covers; returns its width."""
    rows, cols = cell.get("rowspan", 1), cell.get("colspan", 1)
    taken.update((r + dr, c + dc) for dr in range(rows) for dc in range(cols))
    if rows > 1 or cols > 1:
        out.merges.append((r, c, r + rows - 1, c + cols - 1))
    while len(out.rows) < r + rows:
        out.rows.append([])
    for dr in range(rows):
        target = out.rows[r + dr]
        target.extend([None] * (c + cols - len(target)))
    out.rows[r][c] = cell["text"]
    if cell["tag"] == "th":
        out.heads.add((r, c))
    return cols


def grid(table: dict) -> Grid:
    """Lay out a tables_html table (rows of cells with colspan/rowspan) on a grid."""
    out = Grid(header_rows=len(table["header"]))
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate([*table["header"], *table["body"]]):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            c += _place(out, r, c, cell, taken)
    width = out.width
    for row in out.rows:
        row.extend([None] * (width - len(row)))
    return out


def table_grids(schema: str, tables: dict) -> list[tuple[dict, Grid, str]]:
    """(table, grid, unit line) for Tables 2–4 of a 2019 or 2021 report."""
    built = [tables_html.table2(schema, tables), tables_html.table3(schema, tables),
             tables_html.table4(tables)]
    return [(table, grid(table), table["unit"]) for table in built]


def signed_date(date) -> str:
    """The official way: 2025年1月20日."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


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


def _docx_rich(doc, html: str, level: int, *, with_table: bool = False) -> None:
    for kind, text in _html_paragraphs(html):
        if kind == "heading":
            doc.heading(text, level, with_table=with_table)
        else:
            doc.paragraph(text, with_table=with_table)


def _docx_structured(doc, report, tables: dict) -> None:
    grids = dict(zip((2, 3, 4), table_grids(report.schema, tables), strict=True))
    for number, (heading, html) in enumerate(report.sections(), start=1):
        # A section whose table needs a landscape page starts on it (heading not orphaned).
        turned = number in grids and doc.turn_for(grids[number][1])
        doc.heading(heading, 1, with_table=turned)
        _docx_rich(doc, html, 2, with_table=turned)
        if number in grids:
            table, layout, unit = grids[number]
            doc.table(layout, caption=table["caption"], unit=unit)


def report_document(report) -> officialdocs.OfficialDocument:
    """The whole report in the GB/T 9704 layout: title, the six sections under their official
    headings (一、总体情况 …) with Tables 2–4 fitted to the page (Table 3 and 4 on landscape
    pages of their own when their labels need it), and the signing body and date."""
    doc = officialdocs.OfficialDocument()
    doc.title(report.title)
    doc.blank()
    tables = report.shown_tables()
    if report.is_legacy:
        _docx_rich(doc, report.body, 1)
        for key, value in (tables.get("statistics") or {}).items():
            doc.paragraph(f"{key}：{value}")
    else:
        _docx_structured(doc, report, tables)
    if report.signing_body or report.signing_date:
        doc.signature(report.signing_body, report.signing_date, sealed=False)
    return doc


def report_docx(report) -> bytes:
    """The whole report as Word (see report_document)."""
    return report_document(report).to_bytes()


def report_pdf(report) -> bytes:
    """The report as PDF through LibreOffice; raises officialdocs.PDFUnavailableError."""
    return officialdocs.to_pdf(report_docx(report))


# -- .xlsx ----------

def _styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head": Font(bold=True),
        "title": Font(bold=True, size=14),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "label": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
    }


def _merged_line(sheet, row: int, width: int, text: str, *, font=None, align=None) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align


def write_table_sheet(workbook, table: dict, layout: Grid, *, title: str, unit: str,
                      footer: list[str] = ()):
    """One table on its own sheet: title, caption, unit, the grid with its merges, footer."""
    st = _styles()
    sheet = workbook.create_sheet(table["caption"][:31])
    width = layout.width
    _merged_line(sheet, 1, width, title, font=st["title"], align=st["center"])
    _merged_line(sheet, 2, width, table["caption"], font=st["head"], align=st["center"])
    _merged_line(sheet, 3, width, unit, align=st["right"])
    top = 4
    for r, row in enumerate(layout.rows):
        for c, value in enumerate(row):
            cell = sheet.cell(row=top + r, column=c + 1)
            cell.border = st["border"]
            if value is None:
                continue
            cell.value = value
            if (r, c) in layout.heads:
                cell.alignment = st["center"] if r < layout.header_rows else st["label"]
                if r < layout.header_rows:
                    cell.font = st["head"]
            else:
                cell.alignment = st["right"]
    for r1, c1, r2, c2 in layout.merges:
        sheet.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2,
                          end_column=c2 + 1)
    row = top + len(layout.rows) + 1
    for text in footer:
        if text:
            _merged_line(sheet, row, width, text, align=st["right"])
            row += 1
    _column_widths(sheet, layout)
    if layout.header_rows:  # kept by officialdocs.print_workbook: repeated on every page
        sheet.print_title_rows = f"{top}:{top + layout.header_rows - 1}"
    return sheet


def print_ready(workbook, footer_left: str, header_rows=None) -> None:
    """Print set-up of every sheet (officialdocs.print_workbook): A4, one page wide,
    landscape where wide, header rows repeated, footer with `footer_left`, the page numbers
    and the day the file was made."""
    officialdocs.print_workbook(workbook, footer_left=footer_left,
                                footer_right=signed_date(timezone.localdate()),
                                header_rows=header_rows)


def _column_widths(sheet, layout: Grid) -> None:
    from openpyxl.utils import get_column_letter

    for c in range(layout.width):
        labels = [len(str(row[c])) for r, row in enumerate(layout.rows)
                  if row[c] is not None and (r, c) in layout.heads and r >= layout.header_rows]
        wide = min(max(labels, default=0), 30)
        sheet.column_dimensions[get_column_letter(c + 1)].width = max(10, wide * 1.6)


def _info_sheet(workbook, rows: list[tuple[str, object]]):
    sheet = workbook.active
    sheet.title = "报告信息"
    for key, value in rows:
        sheet.append([key, value])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 48
    return sheet


def report_xlsx(report) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    _info_sheet(workbook, [
        (_("标题"), report.title), (_("乡镇"), report.township.full_name),
        (_("报告年度"), report.year), (_("落款单位"), report.signing_body),
        (_("落款日期"), signed_date(report.signing_date))])
    tables = report.shown_tables()
    if report.is_legacy:
        stats = workbook.create_sheet("统计数据")
        for key, value in (tables.get("statistics") or {}).items():
            stats.append([key, value])
    else:
        footer = [report.signing_body, signed_date(report.signing_date)]
        for table, layout, unit in table_grids(report.schema, tables):
            write_table_sheet(workbook, table, layout, title=report.title, unit=unit,
                              footer=footer)
    print_ready(workbook, report.township.full_name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
