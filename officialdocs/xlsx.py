"""Print set-up for every worksheet the product exports (openpyxl).

    print_setup(sheet, header_rows=(4, 6), footer_left="青石镇人民政府",
                footer_right="2025年1月20日")

A4; landscape when the columns are wider than a portrait page; scaled to one page wide (never
split by columns) and as many pages tall as needed; the header rows repeated at the top of
every page; the print area the used range; centred; a footer with the township or county on
the left, 第 n 页 共 m 页 in the centre and the date on the right. `wrap_text` makes long
cells wrap instead of being cut off at the column edge; `print_workbook` does both for every
sheet of a workbook.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

#: Printable width of A4 with 12.7 mm side margins, in millimetres.
PORTRAIT_WIDTH_MM = 210 - 2 * 12.7
DEFAULT_COLUMN_WIDTH = 8.43
PAGE_FOOTER = "第 &[Page] 页，共 &[Pages] 页"


def column_mm(width: float) -> float:
    """Printed width of an Excel column `width` characters wide (7 px per character + 5 px
    padding at 96 dpi)."""
    return (7 * width + 5) * 25.4 / 96


def sheet_width_mm(sheet) -> float:
    total = 0.0
    for index in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions.get(get_column_letter(index))
        width = dimension.width if dimension is not None and dimension.width else None
        total += column_mm(width or DEFAULT_COLUMN_WIDTH)
    return total


def print_setup(sheet, *, header_rows: tuple[int, int] | None = None, footer_left: str = "",
                footer_right: str = "", landscape: bool | None = None) -> None:
    """Make `sheet` print as an office expects (see the module docstring).

    `header_rows` is the (first, last) row repeated on every page; `landscape=None` turns
    the page when the columns are wider than a portrait A4 page.
    """
    if landscape is None:
        landscape = sheet_width_mm(sheet) > PORTRAIT_WIDTH_MM
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.75, header=0.3,
                                     footer=0.3)
    if header_rows:
        sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    last = get_column_letter(max(sheet.max_column, 1))
    sheet.print_area = f"A1:{last}{max(sheet.max_row, 1)}"
    footer = sheet.oddFooter
    footer.left.text, footer.center.text, footer.right.text = footer_left, PAGE_FOOTER, \
        footer_right
    for part in (footer.left, footer.center, footer.right):
        part.size = 9


def wrap_text(sheet, *, min_row: int = 1) -> None:
    """Wrap every text cell from `min_row` down, keeping its horizontal alignment."""
    for row in sheet.iter_rows(min_row=min_row):
        for cell in row:
            if isinstance(cell.value, str) and not cell.alignment.wrap_text:
                old = cell.alignment
                cell.alignment = Alignment(horizontal=old.horizontal,
                                           vertical=old.vertical or "center", wrap_text=True)


def print_workbook(workbook, *, footer_left: str = "", footer_right: str = "",
                   header_rows: dict[str, tuple[int, int]] | None = None) -> None:
    """`print_setup` on every sheet of an exported workbook: the same footer on each, the
    header rows of the sheets named in `header_rows` repeated; long text cells wrap."""
    header_rows = header_rows or {}
    for sheet in workbook.worksheets:
        rows = header_rows.get(sheet.title)
        wrap_text(sheet, min_row=rows[0] if rows else 1)
        print_setup(sheet, header_rows=rows, footer_left=footer_left,
                    footer_right=footer_right)
