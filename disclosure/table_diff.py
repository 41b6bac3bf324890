"""Cell-by-cell comparison of the tables of two bodies (revision_diff.body_rows).

Each table is read into a grid (merged cells fill every position they cover); header rows
(all header cells, or the first row) name the columns, the first column names the rows.
Rows are paired by their heading, so an inserted row does not make every row below it look
changed; each changed cell is one diff row labelled "表N：<row heading> × <column heading>".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import lxml.html
from django.utils.html import escape
from django.utils.translation import gettext as _

from .diff_marks import Row, mark


@dataclass
class Grid:
    header_rows: list[list[str]]
    rows: list[list[str]]

    @property
    def width(self) -> int:
        return max((len(r) for r in [*self.header_rows, *self.rows]), default=0)

    def column_heading(self, column: int) -> str:
        names: list[str] = []
        for row in self.header_rows:
            text = row[column] if column < len(row) else ""
            if text and (not names or names[-1] != text):
                names.append(text)
        return " › ".join(names) or _("第%(n)s列") % {"n": column + 1}


def _text(cell) -> str:
    return " ".join("".join(cell.itertext()).split())


def _grid(table) -> Grid:
    filled: dict[tuple[int, int], str] = {}
    header_flags = []
    trs = list(table.iter("tr"))
    for r, tr in enumerate(trs):
        column = 0
        cells = [c for c in tr if c.tag in {"td", "th"}]
        header_flags.append(bool(cells) and all(c.tag == "th" for c in cells))
        for cell in cells:
            while (r, column) in filled:
                column += 1
            text = _text(cell)
            for dr in range(int(cell.get("rowspan") or 1)):
                for dc in range(int(cell.get("colspan") or 1)):
                    filled[(r + dr, column + dc)] = text
            column += int(cell.get("colspan") or 1)
    width = max((c for _r, c in filled), default=-1) + 1
    grid = [[filled.get((r, c), "") for c in range(width)] for r in range(len(trs))]
    headers = 0
    while headers < len(grid) - 1 and header_flags[headers]:
        headers += 1
    headers = headers or min(1, len(grid) - 1)
    return Grid(grid[:headers], grid[headers:])


def table_grids(html: str) -> list[Grid]:
    if "<table" not in (html or ""):
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [_grid(t) for t in root.iter("table") if not list(t.iterancestors("table"))]


def _mark(a: str, b: str):
    return mark(a, b, "del"), mark(a, b, "ins")


def _cell_rows(label: str, grid: Grid, left: list[str], right: list[str],
               heading_of: Grid) -> list:
    rows = []
    for column in range(max(len(left), len(right))):
        a = left[column] if column < len(left) else ""
        b = right[column] if column < len(right) else ""
        if a == b:
            continue
        heading = (right or left)[0] if column else _("（首列）")
        where = _("%(table)s：%(row)s × %(column)s") % {
            "table": label, "row": heading or _("（空）"),
            "column": heading_of.column_heading(column)}
        rows.append(Row(where, *_mark(a, b), True))
    return rows


def table_rows(number: int, left: Grid | None, right: Grid | None) -> list:
    """Diff rows for table `number` (1-based) of the two bodies."""
    label = _("表%(n)s") % {"n": number}
    if left is None or right is None:
        grid = right or left
        text = "\n".join(" | ".join(r) for r in [*grid.header_rows, *grid.rows])
        side = (escape(text), "") if right is None else ("", escape(text))
        return [Row(_("%(table)s（整表删除）") % {"table": label} if right is None
                    else _("%(table)s（新增表格）") % {"table": label}, *side, True)]
    rows = []
    for index in range(max(len(left.header_rows), len(right.header_rows))):
        a = left.header_rows[index] if index < len(left.header_rows) else []
        b = right.header_rows[index] if index < len(right.header_rows) else []
        if a != b:
            rows.append(Row(_("%(table)s：表头") % {"table": label},
                            *_mark(" | ".join(a), " | ".join(b)), True))
    keys_a = [r[0] if r else "" for r in left.rows]
    keys_b = [r[0] if r else "" for r in right.rows]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for a, b in zip(left.rows[i1:i2], right.rows[j1:j2], strict=True):
                rows += _cell_rows(label, right, a, b, right)
            continue
        for a in left.rows[i1:i2]:
            rows.append(Row(_("%(table)s：删除的行（%(row)s）") % {"table": label, "row": a[0]},
                            escape(" | ".join(a)), "", True))
        for b in right.rows[j1:j2]:
            rows.append(Row(_("%(table)s：新增的行（%(row)s）") % {"table": label, "row": b[0]},
                            "", escape(" | ".join(b)), True))
    return rows
