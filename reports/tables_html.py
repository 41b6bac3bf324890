"""Tables 2–4 laid out for HTML: merged header cells tied to data cells by id/headers.

Each table is {"id", "caption", "header": [rows], "body": [rows]}; a row is a list of
cells {"tag", "text", "colspan", "rowspan", "scope", "id", "headers"}; data cells also carry
their interchange "path" and "labelledby" (row headers first, then column headers), which the
table editor uses to name each input. The public page, the sign page, the roll-up and the
editor all render these structures, so the accessible structure is decided (and tested) here.
"""

from __future__ import annotations

from decimal import Decimal

from . import schemas as s


def cell_value(value):
    """A cell as a number for display, Word and Excel; blanks read as 0."""
    if value in (None, ""):
        return 0
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return value
    return int(number) if number == int(number) else float(number)


_num = cell_value
UNIT_COUNT = "单位：件"


def _th(text, *, id="", scope="", colspan=1, rowspan=1, headers=""):
    return {"tag": "th", "text": text, "id": id, "scope": scope, "colspan": colspan,
            "rowspan": rowspan, "headers": headers}


def _td(value, path, row_headers, col_headers, colspan=1, *, row_first=True):
    order = (row_headers, col_headers) if row_first else (col_headers, row_headers)
    return {"tag": "td", "text": value, "id": "", "scope": "", "colspan": colspan,
            "rowspan": 1, "headers": " ".join(filter(None, order)), "path": path,
            "labelledby": " ".join(filter(None, (row_headers, col_headers)))}


def table2(schema: str, tables: dict) -> dict:
    data = tables.get("table2") or {}
    header, body, current, block_no = [], [], None, 0
    for spec in s.TABLE2[schema]:
        if (spec.block, spec.columns) != current:
            current = (spec.block, spec.columns)
            block_no += 1
            bid = f"t2-b{block_no}"
            body.append([_th(spec.block, id=bid, scope="colgroup", colspan=4)])
            width = len(spec.columns)
            cols = [_th("信息内容", id=f"{bid}-label", scope="col")]
            for index, (col, label) in enumerate(spec.columns):
                span = 4 - width if index == width - 1 else 1
                cols.append(_th(label, id=f"{bid}-{col}", scope="col", colspan=span))
            body.append(cols)
        rid = f"t2-{spec.key}"
        row = [_th(spec.label, id=rid, scope="row")]
        width = len(spec.columns)
        for index, (col, _label) in enumerate(spec.columns):
            span = 4 - width if index == width - 1 else 1
            row.append(_td(_num((data.get(spec.key) or {}).get(col)),
                           f"table2.{spec.key}.{col}", rid, f"{bid} {bid}-{col}", span,
                           row_first=False))
        body.append(row)
    return {"id": "table2", "caption": f"表二 {s.TABLE2_TITLE}", "header": header,
            "body": body, "unit": ""}  # units are in the column headers (件, 万元)


def _t3_col_headers(col: str) -> str:
    if col in ("natural", "total"):
        return f"t3-applicant t3-c-{col}"
    return f"t3-applicant t3-legal t3-c-{col}"


def _t3_values(data: dict, row_id: str, row_headers: str) -> list[dict]:
    cells = data.get(row_id) or {}
    return [_td(_num(cells.get(col)), f"table3.{row_id}.{col}", row_headers,
                _t3_col_headers(col)) for col in s.TABLE3_COLUMN_IDS]


def table3(schema: str, tables: dict) -> dict:
    data = tables.get("table3") or {}
    labels = dict(s.TABLE3_COLUMNS)
    header = [
        [_th(f"信息内容{s.TABLE3_BALANCE_NOTE}", id="t3-content", scope="col", colspan=3,
             rowspan=3),
         _th(s.APPLICANT_LABEL, id="t3-applicant", scope="colgroup", colspan=7)],
        [_th(labels["natural"], id="t3-c-natural", scope="col", rowspan=2),
         _th(s.LEGAL_PERSON_LABEL, id="t3-legal", scope="colgroup", colspan=5),
         _th(labels["total"], id="t3-c-total", scope="col", rowspan=2)],
        [_th(labels[c], id=f"t3-c-{c}", scope="col") for c in s.TABLE3_PART_COLUMNS[1:]],
    ]
    rows = s.TABLE3_ROWS[schema]
    result_rows = [r for r in rows if r.id.startswith("r3_")]
    group_sizes: dict[str, int] = {}
    for row in result_rows:
        if row.group:
            group_sizes[row.group] = group_sizes.get(row.group, 0) + 1
    body, seen_groups, result_started = [], set(), False
    for row in rows:
        rid = f"t3-{row.id}"
        if row.id in ("r1", "r2", "r4"):
            body.append([_th(row.label, id=rid, scope="row", colspan=3),
                         *_t3_values(data, row.id, rid)])
            continue
        cells = []
        if not result_started:
            result_started = True
            cells.append(_th(s.RESULT_HEADING, id="t3-result", scope="rowgroup",
                             rowspan=len(result_rows)))
        if row.group:
            gid = f"t3-g-{row.group}"
            if row.group not in seen_groups:
                seen_groups.add(row.group)
                cells.append(_th(s.GROUP_LABELS[row.group], id=gid, scope="rowgroup",
                                 rowspan=group_sizes[row.group]))
            cells.append(_th(row.label, id=rid, scope="row"))
            row_headers = f"t3-result {gid} {rid}"
        else:
            cells.append(_th(row.label, id=rid, scope="row", colspan=2))
            row_headers = f"t3-result {rid}"
        body.append(cells + _t3_values(data, row.id, row_headers))
    return {"id": "table3", "caption": f"表三 {s.TABLE3_TITLE}", "header": header,
            "body": body, "unit": UNIT_COUNT}


def table4(tables: dict) -> dict:
    data = tables.get("table4") or {}
    groups = dict(s.TABLE4_GROUPS)
    header = [
        [_th(groups["review"], id="t4-review", scope="colgroup", colspan=5, rowspan=2),
         _th(s.LITIGATION_LABEL, id="t4-litigation", scope="colgroup", colspan=10)],
        [_th(groups["litigation_direct"], id="t4-litigation_direct", scope="colgroup",
             colspan=5, headers="t4-litigation"),
         _th(groups["litigation_after_review"], id="t4-litigation_after_review",
             scope="colgroup", colspan=5, headers="t4-litigation")],
        [_th(label, id=f"t4-{group}-{col}", scope="col")
         for group, _g in s.TABLE4_GROUPS for col, label in s.TABLE4_COLUMNS],
    ]
    values = []
    for group, _g in s.TABLE4_GROUPS:
        parent = "t4-review" if group == "review" else f"t4-litigation t4-{group}"
        for col, _label in s.TABLE4_COLUMNS:
            values.append(_td(_num((data.get(group) or {}).get(col)),
                              f"table4.{group}.{col}", "", f"{parent} t4-{group}-{col}"))
    return {"id": "table4", "caption": f"表四 {s.TABLE4_TITLE}", "header": header,
            "body": [values], "unit": UNIT_COUNT}


def report_tables(report) -> dict[int, dict]:
    """Section number → table, for the 2019 and 2021 schemas; empty for legacy reports."""
    if report.is_legacy:
        return {}
    tables = report.shown_tables()
    return {2: table2(report.schema, tables), 3: table3(report.schema, tables),
            4: table4(tables)}
