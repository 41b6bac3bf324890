"""Tables 2–4 read from the tables of a .docx report (cells are positional there).

Text copies of tables are read by import_tables.py; both fill the interchange format of
docs/REPORT_TABLES.md and list what they cannot place in `unplaced`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import schemas as s
from .import_tables import TableScanner
from .import_tables import cell_value as _cell_value


def _row_cells(row) -> list[str]:
    """Cell texts of a row, a horizontally merged cell counted once."""
    seen, texts = [], []
    for cell in row.cells:
        if any(cell._tc is other for other in seen):
            continue
        seen.append(cell._tc)
        texts.append(cell.text.strip())
    return texts


def _split_row(texts: list[str]) -> tuple[list[str], list]:
    """Leading label cells and trailing values."""
    values: list = []
    for text in reversed(texts):
        value = _cell_value(text)
        if value is None:
            break
        values.insert(0, value)
    labels = [t for t in texts[: len(texts) - len(values)] if t]
    return labels, values


def _row_text(texts: list[str]) -> str:
    return " | ".join(t for t in texts if t)


def _table_kind(table) -> str:
    text = s.fold("".join(cell.text for row in table.rows for cell in row.cells))
    if s.fold("本年新收政府信息公开申请数量") in text:
        return "table3"
    if "行政复议" in text and "行政诉讼" in text:
        return "table4"
    if "第二十条" in text or any(label in text for label in _TABLE2_LABELS):
        return "table2"  # the whole table, or one of its four small tables (一)(五)(六)(八)
    return ""


_TABLE2_LABELS = frozenset(s.fold(row.label) for rows in s.TABLE2.values() for row in rows)


def _parse_table2(schema: str, rows: list[list[str]], tables: dict, unplaced: list[str],
                  stored: set) -> None:
    spec = {row.key: row for row in s.TABLE2[schema]}
    for texts in rows:
        labels, values = _split_row(texts)
        key = next((k for k in (s.match_table2_row(schema, lab) for lab in labels) if k), None)
        if key is None:
            if labels and any(values):
                unplaced.append(_row_text(texts))
            continue
        columns = [c for c, _label in spec[key].columns]
        values = (values + [0] * len(columns))[: len(columns)]
        tables["table2"][key] = dict(zip(columns, values, strict=True))
        stored.add(("table2", key))


def _parse_table3(schema: str, rows: list[list[str]], tables: dict, unplaced: list[str],
                  stored: set) -> None:
    group = ""
    for texts in rows:
        labels, values = _split_row(texts)
        group = s.group_of_labels(labels) or group
        if len(values) < len(s.TABLE3_COLUMN_IDS):
            continue  # a header row
        row_id = s.match_table3_row(schema, labels, group)
        if row_id is None:
            unplaced.append(_row_text(texts))
            continue
        if not row_id.startswith(("r3_3_", "r3_4_", "r3_5_", "r3_6_")):
            group = ""
        values = values[-len(s.TABLE3_COLUMN_IDS):]
        tables["table3"][row_id] = dict(zip(s.TABLE3_COLUMN_IDS, values, strict=True))
        stored.add(("table3", row_id))


def _parse_table4(rows: list[list[str]], tables: dict, unplaced: list[str],
                  stored: set) -> None:
    width = len(s.TABLE4_GROUPS) * len(s.TABLE4_COLUMN_IDS)
    for texts in rows:
        _labels, values = _split_row(texts)
        if len(values) >= width:
            values = values[-width:]
            for index, (group, _label) in enumerate(s.TABLE4_GROUPS):
                chunk = values[index * 5:(index + 1) * 5]
                tables["table4"][group] = dict(zip(s.TABLE4_COLUMN_IDS, chunk, strict=True))
            stored.add(("table4", ""))
            return
    unplaced.append(_("表四未找到15个数字的数据行。"))


def parse_tables(docx_tables, schema: str, unplaced: list[str], notes: list[str] | None = None,
                 unread: list[str] | None = None) -> dict | None:
    """Tables 2–4 from the document's tables; rows no table gives are left empty (None),
    named in `notes` and their cell paths added to `unread`."""
    if schema not in (s.SCHEMA_2021, s.SCHEMA_2019):
        for table in docx_tables:
            unplaced.extend(_row_text(_row_cells(row)) for row in table.rows)
        return None
    tables = s.empty_tables(schema)
    stored: set[tuple[str, str]] = set()
    found = False
    for table in docx_tables:
        kind = _table_kind(table)
        rows = [_row_cells(row) for row in table.rows]
        if kind == "table2":
            _parse_table2(schema, rows, tables, unplaced, stored)
        elif kind == "table3":
            _parse_table3(schema, rows, tables, unplaced, stored)
        elif kind == "table4":
            _parse_table4(rows, tables, unplaced, stored)
        else:
            unplaced.extend(_row_text(texts) for texts in rows)
            continue
        found = True
    if not found:
        return None
    scanner = TableScanner(schema)  # the same naming of unread cells as for text copies
    scanner.tables, scanner.stored = tables, stored
    scanner._unread_rows()
    if notes is not None:
        notes.extend(scanner.notes)
    if unread is not None:
        unread.extend(scanner.unread)
    return tables
