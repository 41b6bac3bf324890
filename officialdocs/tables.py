"""Tables in Word: a grid of cells with merges, column widths fitted to the content, header
rows repeated on every page and never split, numbers right-aligned; and the 版记 table.

`Grid` is the neutral form callers build (the annual report's Tables 2–4 come from its web
tables). `fit` decides the column widths and the orientation:

- a value column (numbers) is as wide as its widest number, and as its header needs to wrap
  into lines of two characters or more (自然人 stays on one line; 社会公益组织 takes two);
- a label column holding labels that span several rows (三、本年度办理结果) is three or four
  characters wide, never leaving one character alone on a line;
- the last label column takes what is left, up to its longest label; leftover width is
  shared among the value columns, so the table fills the 版心;
- a table whose labels would need more than two lines each in portrait (Table 3 of the
  annual report), or whose columns do not fit at all, is set on a landscape page.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, Twips

from . import fonts, ooxml, page
from . import gbt9704 as g

CELL_MARGIN = Mm(1)
#: Width added to every column so rounding never wraps a line that fits.
SAFETY_CHARS = 0.2
GROUP_LABEL_CHARS = 3
#: A label column narrower than this share of its longest label sends the table landscape.
MAX_LABEL_LINES = 2


@dataclass
class Grid:
    """A table on a grid: `rows[r][c]` holds a cell's value at the top-left of its span and
    None where a merged span covers; `merges` are (r1, c1, r2, c2), inclusive; `heads` are the
    header and row-label cells; the first `header_rows` rows repeat on every page."""

    rows: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    heads: set[tuple[int, int]] = field(default_factory=set)
    header_rows: int = 0

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def span(self, r: int, c: int) -> tuple[int, int]:
        """(rows, columns) the cell at (r, c) covers."""
        for r1, c1, r2, c2 in self.merges:
            if (r1, c1) == (r, c):
                return r2 - r1 + 1, c2 - c1 + 1
        return 1, 1

    def cells(self):
        """(r, c, value, rows, cols) of every cell that holds a value."""
        for r, row in enumerate(self.rows):
            for c, value in enumerate(row):
                if value is not None:
                    yield r, c, value, *self.span(r, c)

    def is_label(self, r: int, c: int) -> bool:
        """A row label: a head cell below the header rows, in a row that also holds values
        (a row made only of head cells — Table 2's 信息内容 | 本年制发件数 | … under each
        block heading — is a header row inside the table, not labels)."""
        return (r, c) in self.heads and r >= self.header_rows and not self.is_head_row(r)

    def is_head_row(self, r: int) -> bool:
        return all((r, c) in self.heads for c, value in enumerate(self.rows[r])
                   if value is not None)


@dataclass
class Layout:
    widths: list[float]  # in characters of the table's type size
    landscape: bool
    size: Pt = g.TABLE_SIZE

    def twips(self) -> list[int]:
        return [round((w * self.size.pt) * 20 + 2 * CELL_MARGIN.twips) for w in self.widths]

    @property
    def narrowest_label(self) -> float:
        return min(self.widths) if self.widths else 0


def text_width(value) -> float:
    """Width in Chinese characters: half-width letters and digits count one half."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in str(value))


def wrap_width(length: float, *, lines: int = 2) -> float:
    """The narrowest width that sets a text of `length` characters in at most `lines`
    lines of two characters or more (never one character alone on the last line)."""
    if length <= 2:
        return length
    width = max(2, math.ceil(length / lines))
    while length > width and length % width == 1:
        width += 1
    return width


def _label_columns(grid: Grid) -> list[int]:
    columns = sorted({c for r, c, _v, _rows, _cols in grid.cells() if grid.is_label(r, c)})
    # A block heading spanning the whole table (Table 2's 第二十条第（一）项) labels no column.
    return [c for c in columns if any(grid.is_label(r, c) and cols < grid.width
                                       for r, cc, _v, _rows, cols in grid.cells() if cc == c)]


def _minimums(grid: Grid, labels: list[int]) -> tuple[list[float], list[float]]:
    """(minimum, natural) width of each column from the cells that span only that column."""
    minimum = [0.0] * grid.width
    natural = [0.0] * grid.width
    for r, c, value, rows, cols in grid.cells():
        if cols != 1:
            continue
        length = text_width(value)
        if c in labels and grid.is_label(r, c):
            need = wrap_width(length, lines=max(rows, 1)) if rows > 1 else 0
            need = max(need, min(length, GROUP_LABEL_CHARS)) if rows > 1 else need
        elif isinstance(value, numbers.Number):
            need = length
        else:
            need = wrap_width(length)
        minimum[c] = max(minimum[c], need)
        natural[c] = max(natural[c], length)
    return minimum, natural


def _available(landscape: bool, columns: int, size: Pt) -> float:
    width = (g.TEXT_HEIGHT if landscape else g.TEXT_WIDTH).pt
    return width / size.pt - columns * (2 * CELL_MARGIN.pt / size.pt + SAFETY_CHARS)


def _distribute(grid: Grid, available: float) -> tuple[list[float], float]:
    """Column widths for a page width; returns them with the last label column's width."""
    labels = _label_columns(grid)
    minimum, natural = _minimums(grid, labels)
    widths = list(minimum)
    leaf = labels[-1] if labels else None
    if leaf is not None:
        widths[leaf] = 0
    room = available - sum(widths)
    if leaf is not None:
        widths[leaf] = min(max(room, 0), natural[leaf])
        room -= widths[leaf]
    values = [c for c in range(grid.width) if c not in labels]
    for c in values or ([leaf] if leaf is not None else []):
        widths[c] += max(room, 0) / len(values or [leaf])
    return [w + SAFETY_CHARS for w in widths], (widths[leaf] if leaf is not None else 0)


def fit(grid: Grid, *, landscape: bool | None = None, size: Pt = g.TABLE_SIZE) -> Layout:
    """Column widths filling the 版心, portrait unless the table needs landscape."""
    labels = _label_columns(grid)
    minimum, natural = _minimums(grid, labels)
    if landscape is None:
        available = _available(False, grid.width, size)
        widths, leaf_width = _distribute(grid, available)
        too_narrow = sum(m for c, m in enumerate(minimum) if c not in labels[-1:]) > available
        leaf_need = natural[labels[-1]] / MAX_LABEL_LINES if labels else 0
        landscape = too_narrow or leaf_width < leaf_need
    widths, _leaf = _distribute(grid, _available(landscape, grid.width, size))
    return Layout(widths=widths, landscape=landscape, size=size)


# -- writing the table --------------------------------------------------------------------

def _table_properties(table, layout: Layout) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    margin = CELL_MARGIN.twips
    ooxml.put(properties, ooxml.element(
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'))
    width = properties.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:w"), str(sum(layout.twips())))
        width.set(qn("w:type"), "dxa")


def _row_properties(table, header_rows: int) -> None:
    """Every row stays whole on its page; the header rows repeat on each new page."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(ooxml.element("<w:cantSplit/>"))
        if index < header_rows:
            properties.append(ooxml.element("<w:tblHeader/>"))


def _cell_text(cell, value, *, header: bool, label: bool, centred: bool, size: Pt) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = "Table Text"
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(round(size.pt * 1.3, 1))
    run = paragraph.add_run(str(value))
    run.font.size = size
    if header:
        fonts.set_run_font(run, fonts.HEI)
    if header or centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif label or not isinstance(value, numbers.Number):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_table(document, grid: Grid, layout: Layout):
    """Write `grid` into the document's current section with the fitted widths."""
    table = document.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    widths = layout.twips()
    _table_properties(table, layout)
    for c, column in enumerate(table.columns):
        column.width = Twips(widths[c])
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Twips(widths[c])
    for r1, c1, r2, c2 in grid.merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    for r, c, value, rows, _cols in grid.cells():
        header = r < grid.header_rows or ((r, c) in grid.heads and not grid.is_label(r, c))
        label = grid.is_label(r, c)
        _cell_text(table.cell(r, c), value, header=header, label=label,
                   centred=label and rows > 1, size=layout.size)
    _row_properties(table, grid.header_rows)
    return table


# -- 版记 -----------------------------------------------------------------------------------

def _rule(edge: str, size_eighths: int) -> str:
    return f'<w:{edge} w:val="single" w:sz="{size_eighths}" w:space="0" w:color="000000"/>'


def colophon_table(document, rows: list[tuple[str, str]], *, ruled: bool):
    """版记 rows (left text, right text) at the foot of the last page's 版心: a floating
    table anchored to the bottom margin, 4号 仿宋, one character in from each side; with rules
    (0.35 mm first and last, 0.25 mm between) when `ruled`.

    Its horizontal position is given from the page edge: LibreOffice keeps a table as wide
    as the text area in the text flow unless it is placed relative to the page.
    """
    table = document.add_table(rows=len(rows), cols=1)
    properties = table._tbl.tblPr
    ooxml.put(properties, ooxml.element(
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
        f'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
        f'w:tblpX="{g.LEFT_MARGIN.twips}" w:tblpYSpec="bottom"/>'))
    width = properties.find(qn("w:tblW"))
    width.set(qn("w:w"), str(g.TEXT_WIDTH.twips))
    width.set(qn("w:type"), "dxa")
    ooxml.put(properties, ooxml.element(
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        '</w:tblCellMar>'))
    table.autofit = False
    table.columns[0].width = g.TEXT_WIDTH
    for index, (left, right) in enumerate(rows):
        cell = table.cell(index, 0)
        cell.width = g.TEXT_WIDTH
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Emu(g.TEXT_WIDTH - page.chars(1, g.COLOPHON_SIZE)), alignment=WD_TAB_ALIGNMENT.RIGHT)
        page.indent_chars(paragraph, left=1, size=g.COLOPHON_SIZE)
        text = f"{left}\t{right}" if right else left
        run = paragraph.add_run(text)
        run.font.size = g.COLOPHON_SIZE
        if ruled:
            top = 8 if index == 0 else 4
            bottom = 8 if index == len(rows) - 1 else 4
            ooxml.put(cell._tc.get_or_add_tcPr(), ooxml.element(
                f'<w:tcBorders>{_rule("top", top)}{_rule("bottom", bottom)}</w:tcBorders>'))
    document.add_paragraph()  # the table's anchor: a document never ends with a table
    return table
