"""Tables 2–4 read from the text of a real report (copied from a web page or a document).

Real copies come in a few shapes, all handled by one token stream:

- one cell per line (a web table copied as text), header cells broken over lines
  ("商业" / "企业"), group labels split from their rows ("（三）" / "不予公开");
- a label followed by its numbers on one line, separated by spaces or tabs;
- Markdown-style pipe rows ("| 规章 | 0 | 0 | 0 |"), cells sometimes spread over lines;
- long labels broken across lines; blank cells either kept (tabs, pipes, "-", "—", "/", "无")
  or dropped altogether (a web copy loses empty cells).

Each run of numbers belongs to the row label before it: the longest run of preceding text
that is exactly a row label (Table 3 sub-rows within their group), else a known short form.
Numbers after Table 4's headers (or in section 四) are Table 4's single row. When blank
cells were dropped, the numbers are placed in the row's cells in order so that the row's
总计 equals the sum of its parts; if more than one placement fits, the first is used and a
note asks the clerk to check. Numbers that fit no row are listed in `unplaced`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from . import schemas as s

BLANKS = frozenset({"", "-", "—", "——", "－", "/", "／", "无", "\\"})
NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


@dataclass
class Token:
    line: int
    text: str
    value: int | float | None = None  # a number, or 0 for an explicit blank cell
    blank: bool = False
    unreadable: bool = False  # a table cell whose text is not a number ("约150", "3件")
    positional: bool = False  # from a line whose cells are split by pipes or tabs

    @property
    def is_value(self) -> bool:
        return self.value is not None or self.unreadable


def cell_value(text: str):
    """A number, 0 for a blank-cell mark, or None for text."""
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")
    if text in BLANKS:
        return 0
    if NUMBER_RE.match(text):
        number = Decimal(text)
        return int(number) if number == int(number) else float(number)
    return None


def _cells(index: int, cells: list[str], *, positional: bool) -> list[Token]:
    """Tokens of one line's cells. With tabs or pipes an empty cell is a blank cell (after
    the first label); with spaces, consecutive words are one label ("不予 公开")."""
    tokens: list[Token] = []
    for cell in cells:
        text = cell.strip()
        if not text and (not positional or not tokens):
            continue
        value = cell_value(text)
        if value is not None:
            tokens.append(Token(index, text, value, blank=text in BLANKS, positional=positional))
        elif positional and tokens and ((tokens[-1].is_value and not tokens[-1].blank) or (
                _DIGIT.search(text) and not is_table_word(text))):
            # A cell of a row whose text is no number: it takes its column, unread.
            tokens.append(Token(index, text, unreadable=True, positional=True))
        elif tokens and not tokens[-1].is_value and not positional:
            tokens[-1].text += text
        else:
            tokens.append(Token(index, text))
    return tokens


def tokenize(lines: list[str]) -> list[Token]:
    tokens: list[Token] = []
    for index, line in enumerate(lines):
        if "|" in line:
            cells = line.split("|")
            if not cells[0].strip():
                cells = cells[1:]
            if cells and not cells[-1].strip():
                cells = cells[:-1]
            tokens.extend(_cells(index, cells, positional=True))
        elif "\t" in line:
            tokens.extend(_cells(index, line.strip().split("\t"), positional=True))
        else:
            tokens.extend(_cells(index, _SPACES.split(line.strip()), positional=False))
    return tokens


# -- vocabulary ----------

def _vocabulary() -> frozenset[str]:
    words = {"信息内容", "单位万元", "单位件", "序号", s.APPLICANT_LABEL, s.LEGAL_PERSON_LABEL,
             s.TABLE3_BALANCE_NOTE, s.RESULT_HEADING, s.LITIGATION_LABEL,
             *s.GROUP_LABELS.values(), *(label for _c, label in s.TABLE3_COLUMNS),
             *(label for _g, label in s.TABLE4_GROUPS), *(label for _c, label in s.TABLE4_COLUMNS)}
    for rows in s.TABLE2.values():
        for row in rows:
            words.add(row.block)
            words.update(label for _c, label in row.columns)
    return frozenset(s.fold(w) for w in words)


VOCABULARY = _vocabulary()
_ALL_LABELS = "|".join(VOCABULARY | {s.fold(r.label) for rows in s.TABLE3_ROWS.values()
                                     for r in rows}
                       | {s.fold(r.label) for rows in s.TABLE2.values() for r in rows})
TABLE4_WORDS = frozenset(s.fold(w) for w in ("结果维持", "结果纠正", "其他结果", "尚未审结",
                                             "未经复议直接起诉", "复议后起诉", "行政诉讼"))
_ENUMERATOR = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]?$")


_COLUMN_LABELS = {schema: {s.fold(label) for row in rows for _c, label in row.columns}
                  for schema, rows in s.TABLE2.items()}


def column_schemas(word: str) -> set[str]:
    """The Table 2 formats one of whose column headers is printed in `word` (folded)."""
    return {schema for schema, labels in _COLUMN_LABELS.items()
            if any(label in word for label in labels)}


_WORDS = sorted(set(_ALL_LABELS.split("|")), key=len, reverse=True)


def _segments(folded: str) -> bool:
    """Whether a run of header words printed on one line ("信息内容 申请人情况") is made
    only of header words and labels."""
    if len(folded) > 200:
        return False
    reach = [True] + [False] * len(folded)
    for start in range(len(folded)):
        if reach[start]:
            for word in _WORDS:
                if len(word) >= 2 and folded.startswith(word, start):
                    reach[start + len(word)] = True
    return reach[-1]


def is_table_word(text: str) -> bool:
    """A header cell, a piece of one (or of a row label) broken over lines, or several
    header cells on one line."""
    folded = s.fold(text)
    if not folded or _ENUMERATOR.match(text.strip()):
        return True
    return (folded in VOCABULARY or (len(folded) >= 2 and folded in _ALL_LABELS)
            or _segments(folded))


def section_of(text: str) -> int | None:
    folded = s.fold(text)
    for number, heading in enumerate(s.SECTION_HEADINGS[s.SCHEMA_2021], start=1):
        if folded in (s.fold(heading), s.fold(heading.split("、", 1)[1])):
            return number
    return None


# -- rows ----------

_TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}


@dataclass
class Target:
    table: str  # "table2", "table3", "table4"
    key: str  # row key ("" for Table 4's single row)
    columns: tuple[str, ...]
    label: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _TABLE_NAMES[self.table] + (
            f" {self.label}" if self.label else "")


def _forms(label: str, aliases=()) -> set[str]:
    return {s.fold(x) for x in (label, *aliases)}


def _table3_rows(schema: str, group: str):
    return [row for row in s.TABLE3_ROWS[schema] if not row.group or row.group == group]


_HEADS = [(s.fold(s.RESULT_HEADING), ""),
          *((s.fold(label), group) for group, label in s.GROUP_LABELS.items())]


def split_heads(text: str, group: str) -> tuple[str, str]:
    """(folded label, group) with a leading 三、本年度办理结果 / （三）不予公开 taken off."""
    folded = s.fold(text)
    changed = True
    while changed:
        changed = False
        for head, head_group in _HEADS:
            if folded.startswith(head) and len(folded) > len(head):
                folded, group, changed = folded[len(head):], head_group or group, True
    return folded, group


def _exact(schema: str, text: str, group: str) -> Target | None:
    folded, group = split_heads(text, group)
    for row in _table3_rows(schema, group):
        if folded in _forms(row.label, row.aliases):
            return Target("table3", row.id, s.TABLE3_COLUMN_IDS, row.label)
    for row in s.TABLE2[schema]:
        if folded in _forms(row.label, row.aliases):
            return Target("table2", row.key, tuple(c for c, _l in row.columns), row.label)
    return None


def _loose(schema: str, text: str, group: str) -> Target | None:
    """A label cut short or with extra words (the rules of schemas.match_table3_row)."""
    folded, group = split_heads(text, group)
    if len(folded) < 4:
        return None
    for row in _table3_rows(schema, group):
        for form in _forms(row.label, row.aliases):
            if form.startswith(folded) or (folded.startswith(form)
                                           and len(folded) - len(form) <= 4):
                return Target("table3", row.id, s.TABLE3_COLUMN_IDS, row.label)
    return None


TABLE4_COLUMNS = tuple(f"{g}.{c}" for g, _l in s.TABLE4_GROUPS for c in s.TABLE4_COLUMN_IDS)


def _constraints(target: Target):
    """Index groups (parts..., total) whose total must equal the sum of the parts."""
    if target.table == "table3":
        return [tuple(range(len(target.columns)))]
    if target.table == "table4":
        return [tuple(range(i, i + 5)) for i in range(0, 15, 5)]
    return []


def _fits(cells: list, groups) -> bool:
    return all(cells[g[-1]] == sum(cells[i] for i in g[:-1]) for g in groups)


def place(target: Target, numbers: list) -> tuple[list | None, bool]:
    """(cells, ambiguous): the row's cells from numbers printed without their blank cells."""
    n = len(target.columns)
    groups = _constraints(target)
    if not groups:  # Table 2: no sums to check; fill from the left
        return [*numbers, *[0] * (n - len(numbers))], any(numbers) and len(numbers) < n
    found = []
    for slots in itertools.combinations(range(n), len(numbers)):
        cells = [0] * n
        for slot, number in zip(slots, numbers, strict=True):
            cells[slot] = number
        if _fits(cells, groups):
            found.append(cells)
            if len(found) > 1:
                break
    if not found:
        return None, False
    return found[0], len(found) > 1 and any(numbers)


# -- the scanner ----------

class TableScanner:
    """Reads Tables 2–4 from the body lines of a 2019 or 2021 report."""

    def __init__(self, schema: str):
        self.schema = schema
        self.tables = s.empty_tables(schema)
        self.found = False
        self.consumed: set[int] = set()
        self.unplaced: list[str] = []
        self.notes: list[str] = []
        self.group = ""
        self.section = 0
        self.foreign_table2 = False
        self.lines: list[str] = []
        self.line_section: dict[int, int] = {}
        self.listed: set[int] = set()
        self.stored: set[tuple[str, str]] = set()  # rows the text gave (table, row key)
        self.unread: list[str] = []  # paths of cells the text did not give
        self.label_only: list[str] = []  # rows printed with every cell empty

    def scan(self, lines: list[str]) -> TableScanner:
        self.lines = lines
        pending: list[Token] = []
        values: list[Token] = []
        target: Target | None = None
        for token in tokenize(lines):
            self.line_section.setdefault(token.line, self.section)
            if token.is_value:
                if not values:
                    target = self._resolve(pending)
                values.append(token)
                continue
            if values:
                self._close(target, values)
                target, values, pending = None, [], []
            self._context(token, pending)
            pending.append(token)
        if values:
            self._close(target, values)
        self._label_only_lines()
        if self.found:
            self._unread_rows()
        else:
            self.unread = s.cell_paths(self.schema)
        return self

    # context: sections, groups, headers

    def _context(self, token: Token, pending: list[Token]) -> None:
        section = section_of(token.text)
        if section:
            self.section = section
            self.group = ""
        joined = f"{pending[-1].text}{token.text}" if pending else token.text
        for text in (token.text, joined):
            group = s.group_of_labels([text])
            if group:
                self.group = group
        word = s.fold(token.text)
        owners = column_schemas(word)
        if owners:
            self.foreign_table2 = self.schema not in owners
        if (self.section in (2, 3, 4) and is_table_word(token.text)
                and not section_of(token.text)):
            self.consumed.add(token.line)

    def _resolve(self, pending: list[Token]) -> Target | None:
        """The row the numbers after `pending` belong to: never across a section heading."""
        starts = [i for i, t in enumerate(pending) if section_of(t.text)]
        if starts:
            pending = pending[starts[-1] + 1:]
        texts = pending
        for k in range(min(4, len(texts)), 0, -1):
            target = _exact(self.schema, "".join(t.text for t in texts[-k:]), self.group)
            if target:
                target.tokens = texts[-k:]
                return target
        for k in range(1, min(4, len(texts)) + 1):
            target = _loose(self.schema, "".join(t.text for t in texts[-k:]), self.group)
            if target:
                target.tokens = texts[-k:]
                return target
        words = {s.fold(t.text) for t in pending}
        if words & TABLE4_WORDS or self.section == 4:
            return Target("table4", "", TABLE4_COLUMNS, "")
        return None

    # assigning a run of numbers

    def _close(self, target: Target | None, values: list[Token]) -> None:
        lines = sorted({t.line for t in values})
        if target is None:
            if self.section in (2, 3, 4) and any(not t.blank for t in values):
                self._leftover(lines)
            return
        if target.table == "table4" and not target.label and all(t.blank for t in values):
            return  # "无" under section 四 is text, not a row of blank cells
        if target.table == "table2" and self.foreign_table2:
            self.notes.append(_("表二“%(row)s”一行采用另一种年报格式的列，未导入，请手工核对。")
                              % {"row": target.label})
            self._leftover(sorted({*lines, *(t.line for t in target.tokens)}))
            return
        cells = self._cells(target, values)
        if cells is None:
            return
        self._store(target, cells)
        self.found = True
        self.consumed.update([*lines, *(t.line for t in target.tokens)])
        if target.table == "table3" and not s.table3_row(self.schema, target.key).group:
            self.group = ""  # a top-level row ends the group of numbered sub-rows

    @staticmethod
    def _path(target: Target, index: int) -> str:
        column = target.columns[index]
        if target.table == "table4":
            return f"table4.{column}"
        return f"{target.table}.{target.key}.{column}"

    def _cell_label(self, target: Target, index: int) -> str:
        label = s.path_label(self.schema, self._path(target, index))
        return f"{_TABLE_NAMES[target.table]} {label}"

    def _cells_label(self, target: Target, indices) -> str:
        """Cells of one row named once by row: "行 › 列1、列2" (Table 4 by its groups)."""
        by_row: dict[str, list[str]] = {}
        for index in indices:
            path = self._path(target, index)
            row, column = path.rsplit(".", 1)
            by_row.setdefault(row, []).append(self._column_label(target.table, column))
        return "；".join(f"{_TABLE_NAMES[target.table]} {s.path_label(self.schema, row)} › "
                        f"{'、'.join(columns)}"
                        for row, columns in by_row.items())

    @staticmethod
    def _column_label(table: str, column: str) -> str:
        if table == "table3":
            return dict(s.TABLE3_COLUMNS)[column]
        if table == "table4":
            return dict(s.TABLE4_COLUMNS)[column]
        return next(label for row in s.TABLE2_2021 + s.TABLE2_2019
                    for c, label in row.columns if c == column)

    def _unread_rows(self) -> None:
        """Rows the text never printed: their cells are left empty (None), not guessed,
        and each is named for the clerk."""
        rows = [("table2", row.key, [c for c, _l in row.columns]) for row in s.TABLE2[self.schema]]
        rows += [("table3", row.id, list(s.TABLE3_COLUMN_IDS))
                 for row in s.TABLE3_ROWS[self.schema]]
        rows.append(("table4", "", [f"{g}.{c}" for g, _l in s.TABLE4_GROUPS
                                    for c in s.TABLE4_COLUMN_IDS]))
        for table, key, columns in rows:
            if (table, key) in self.stored:
                continue
            target = Target(table, key, tuple(columns), "")
            for index, column in enumerate(columns):
                if table == "table4":
                    group, col = column.split(".")
                    self.tables["table4"][group][col] = None
                else:
                    self.tables[table][key][column] = None
                self.unread.append(self._path(target, index))
            self.notes.append(_("%(cells)s：原文中没有读到，未填入，请按原文填写。") % {
                "cells": self._cells_label(target, range(len(columns)))})

    def _cells(self, target: Target, values: list[Token]) -> list | None:
        """The row's cells; None for a cell the text does not give (named in `notes`)."""
        n = len(target.columns)
        positional = any(t.blank or t.positional for t in values)
        numbers = [t.value for t in values]
        if len(numbers) > n:
            extra = values[n:]
            if any(not t.blank for t in extra):
                self.unplaced.append(_("%(row)s：多出的数字 %(extra)s") % {
                    "row": target.title, "extra": " ".join(t.text for t in extra)})
            numbers, values = numbers[:n], values[:n]
        for index, token in enumerate(values):
            if token.unreadable:
                self.notes.append(_("%(cell)s：原文为“%(text)s”，不是数字，未填入，请按原文填写。")
                                  % {"cell": self._cell_label(target, index),
                                     "text": token.text})
        if len(numbers) == n:
            return numbers
        if positional:
            self.notes.append(_("%(cells)s：原文这一行只有%(n)s格，缺少的单元格未填入，请按原文填写。")
                              % {"cells": self._cells_label(target, range(len(numbers), n)),
                                 "n": len(numbers)})
            return [*numbers, *[None] * (n - len(numbers))]
        cells, ambiguous = place(target, numbers)
        printed = " ".join(t.text for t in values)
        if cells is None:
            self.unplaced.append(_("%(row)s：%(values)s（数字个数不足，无法确定所在的列）")
                                 % {"row": target.title, "values": printed})
            return None
        if ambiguous:
            self.notes.append(_("%(row)s只印出%(n)s个数字（%(values)s），已按各列之和等于总计的"
                                "顺序填入，请核对。") % {"row": target.title, "n": len(values),
                                                       "values": printed})
        return cells

    def _store(self, target: Target, cells: list) -> None:
        self.stored.add((target.table, target.key))
        self.unread.extend(self._path(target, i) for i, v in enumerate(cells) if v is None)
        if target.table == "table4":
            for column, value in zip(target.columns, cells, strict=True):
                group, col = column.split(".")
                self.tables["table4"][group][col] = value
            return
        self.tables[target.table][target.key] = dict(zip(target.columns, cells, strict=True))

    def _leftover(self, lines: list[int]) -> None:
        """Lines holding numbers that fit no row: listed once, kept out of the sections."""
        for line in lines:
            if line not in self.listed:
                self.unplaced.append(self.lines[line])
                self.listed.add(line)
                self.consumed.add(line)

    def _label_only_lines(self) -> None:
        """Row labels printed with empty cells (a blank table) are table lines too."""
        groups = ["", *s.GROUP_LABELS]
        for index, line in enumerate(self.lines):
            if line.strip() and not line.strip().strip("|－ "):
                self.consumed.add(index)  # a pipe row's bare border
                continue
            if self.line_section.get(index) not in (2, 3, 4) or section_of(line):
                continue
            for group in groups:
                target = _exact(self.schema, line, group)
                if target:
                    # Printed with its cells empty: blank cells, which read as 0.
                    self.consumed.add(index)
                    if (target.table, target.key) not in self.stored:
                        self.stored.add((target.table, target.key))
                        self.label_only.append(target.title)
                    break
