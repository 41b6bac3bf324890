"""The three annual-report table schemas: official labels, row and column ids, label folding.

- "2021": 国办公开办函〔2021〕30号 (reports for 2021 onward), DOMAIN.md §1.3–1.5.
- "2019": the trial format of 国办公开办函〔2019〕60号 (2019–2020 reports), DOMAIN.md §1.7.
- "legacy": reports up to 2018, free text plus optional key/value statistics (§1.8).

The JSON interchange format built on these ids is documented in docs/REPORT_TABLES.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from applications import table3

SCHEMA_2021 = "2021"
SCHEMA_2019 = "2019"
SCHEMA_LEGACY = "legacy"
SCHEMAS = (SCHEMA_2021, SCHEMA_2019, SCHEMA_LEGACY)


def schema_for_year(year: int) -> str:
    """DOMAIN.md §6 item 18: the format follows the report year."""
    if year >= 2021:
        return SCHEMA_2021
    if year >= 2019:
        return SCHEMA_2019
    return SCHEMA_LEGACY


# -- label folding ----------

_FOLD_DROP = re.compile(r"[\s()\[\]{}〔〕【】《》<>,.、;:!?'\"“”‘’「」『』·…—\-_/]+")


def fold(label: str) -> str:
    """Fold full/half-width forms and drop punctuation and spaces, for label matching."""
    text = unicodedata.normalize("NFKC", label or "")
    text = text.replace("“", "").replace("”", "")
    return _FOLD_DROP.sub("", text)


# -- the six sections ----------

SECTION_HEADINGS = {
    SCHEMA_2021: (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ),
    # Old Art. 32 of the 2007 Regulation (DOMAIN.md §1.8); free-form reports often differ.
    SCHEMA_LEGACY: (
        "一、概述",
        "二、主动公开政府信息的情况",
        "三、依申请公开政府信息和不予公开政府信息的情况",
        "四、政府信息公开的收费及减免情况",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "六、存在的主要问题及改进情况",
    ),
}
SECTION_HEADINGS[SCHEMA_2019] = SECTION_HEADINGS[SCHEMA_2021]


# -- Table 2 ----------

@dataclass(frozen=True)
class Table2Row:
    key: str
    block: str  # 第二十条第（X）项
    label: str
    columns: tuple[tuple[str, str], ...]  # (column id, label)
    aliases: tuple[str, ...] = ()


_DOC_COLUMNS_2021 = (("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                     ("in_force", "现行有效件数"))
_DECISIONS = (("decisions", "本年处理决定数量"),)

TABLE2_2021 = (
    Table2Row("regulations", "第二十条第（一）项", "规章", _DOC_COLUMNS_2021),
    Table2Row("normative_documents", "第二十条第（一）项", "行政规范性文件", _DOC_COLUMNS_2021,
              aliases=("规范性文件",)),
    Table2Row("licensing", "第二十条第（五）项", "行政许可", _DECISIONS),
    Table2Row("penalties", "第二十条第（六）项", "行政处罚", _DECISIONS),
    Table2Row("enforcement", "第二十条第（六）项", "行政强制", _DECISIONS),
    Table2Row("fees", "第二十条第（八）项", "行政事业性收费",
              (("amount_wan_yuan", "本年收费金额（单位：万元）"),)),
)

_DOC_COLUMNS_2019 = (("made", "本年新制作数量"), ("published", "本年新公开数量"),
                     ("total_public", "对外公开总数量"))
_SERVICE_COLUMNS_2019 = (("previous", "上一年项目数量"), ("change", "本年增/减"),
                         ("decisions", "处理决定数量"))

TABLE2_2019 = (
    Table2Row("regulations", "第二十条第（一）项", "规章", _DOC_COLUMNS_2019),
    Table2Row("normative_documents", "第二十条第（一）项", "规范性文件", _DOC_COLUMNS_2019,
              aliases=("行政规范性文件",)),
    Table2Row("licensing", "第二十条第（五）项", "行政许可", _SERVICE_COLUMNS_2019),
    Table2Row("other_services", "第二十条第（五）项", "其他对外管理服务事项",
              _SERVICE_COLUMNS_2019),
    Table2Row("penalties", "第二十条第（六）项", "行政处罚", _SERVICE_COLUMNS_2019),
    Table2Row("enforcement", "第二十条第（六）项", "行政强制", _SERVICE_COLUMNS_2019),
    Table2Row("fees", "第二十条第（八）项", "行政事业性收费",
              (("previous", "上一年项目数量"), ("change", "本年增/减"))),
    Table2Row("procurement", "第二十条第（九）项", "政府集中采购",
              (("projects", "采购项目数量"), ("amount_wan_yuan", "采购总金额"))),
)

TABLE2 = {SCHEMA_2021: TABLE2_2021, SCHEMA_2019: TABLE2_2019}
TABLE2_TITLE = "主动公开政府信息情况"

#: Table 2 cells that may be decimals (amounts in 万元) and, for "change", negative.
DECIMAL_CELLS = frozenset({("fees", "amount_wan_yuan"), ("procurement", "amount_wan_yuan")})
SIGNED_CELLS = frozenset({(key, "change") for key in
                          ("licensing", "other_services", "penalties", "enforcement", "fees")})


# -- Table 3: defined once, in applications/table3.py ----------

TABLE3_TITLE = table3.TITLE
TABLE3_BALANCE_NOTE = table3.BALANCE_NOTE
TABLE3_COLUMNS = table3.COLUMNS
TABLE3_COLUMN_IDS = table3.COLUMN_IDS
TABLE3_PART_COLUMNS = table3.APPLICANT_COLUMNS
LEGAL_PERSON_LABEL = table3.LEGAL_PERSON_LABEL
APPLICANT_LABEL = table3.APPLICANT_LABEL
RESULT_HEADING = table3.RESULTS_HEADING
GROUP_LABELS = table3.GROUP_LABELS
Table3Row = table3.Row

TABLE3_ROWS = {
    SCHEMA_2021: table3.ROWS_2021,
    SCHEMA_2019: table3.ROWS_2019,
}


def table3_row_ids(schema: str) -> tuple[str, ...]:
    return tuple(row.id for row in TABLE3_ROWS[schema])


def table3_row(schema: str, row_id: str) -> Table3Row:
    return next(r for r in TABLE3_ROWS[schema] if r.id == row_id)


def table3_outcome_rows(schema: str) -> tuple[str, ...]:
    """The rows whose sum is （七）总计: （一）, （二） and every sub-row of （三）–（六）."""
    return table3.outcome_rows(TABLE3_ROWS[schema])


# -- Table 4 ----------

TABLE4_TITLE = "政府信息公开行政复议、行政诉讼情况"
TABLE4_GROUPS = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
LITIGATION_LABEL = "行政诉讼"
TABLE4_COLUMNS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
TABLE4_COLUMN_IDS = tuple(c for c, _ in TABLE4_COLUMNS)


# -- official labels of cells and paths ----------

#: What a non-cell issue path refers to, for people.
PATH_LABELS = {
    "schema": "报告格式",
    "tables": "统计表",
    "statistics": "统计数据",
    "table2": "表二",
    "table3": "表三",
    "table4": "表四",
    "sections": "正文各部分",
    "period": "统计期限",
    "figures": "正文引用的数字",
}


def table2_row(schema: str, key: str) -> Table2Row | None:
    return next((row for row in TABLE2.get(schema, ()) if row.key == key), None)


def table2_cell_label(schema: str, key: str, column: str = "") -> str:
    """E.g. "第二十条第（一）项 › 行政规范性文件 › 本年制发件数"."""
    row = table2_row(schema, key)
    if row is None:
        raise KeyError(key)
    parts = [row.block, row.label]
    if column:
        parts.append(dict(row.columns)[column])
    return " › ".join(parts)


def table4_cell_label(group: str, column: str = "") -> str:
    """E.g. "行政诉讼 › 未经复议直接起诉 › 总计" or "行政复议 › 结果维持"."""
    parts = [] if group == "review" else [LITIGATION_LABEL]
    parts.append(dict(TABLE4_GROUPS)[group])
    if column:
        parts.append(dict(TABLE4_COLUMNS)[column])
    return " › ".join(parts)


def table3_cell_label(schema: str, row: str, column: str = "") -> str:
    rows = TABLE3_ROWS[schema]
    if column:
        return table3.cell_label(row, column, rows)
    spec = next(r for r in rows if r.id == row)
    parts = [RESULT_HEADING] if row.startswith("r3_") else []
    if spec.group:
        parts.append(GROUP_LABELS[spec.group])
    return " › ".join([*parts, spec.label])


def path_label(schema: str, path: str) -> str:
    """The official label of an interchange path, for people; the path itself if unknown.

    Table 3 paths come with or without their "table3." prefix ("r3_7.natural").
    """
    parts = path.split(".")
    try:
        if parts[0] == "sections" and len(parts) == 2:
            return SECTION_HEADINGS[schema][int(parts[1]) - 1]
        if parts[0] == "table2" and len(parts) in (2, 3):
            return table2_cell_label(schema, *parts[1:])
        if parts[0] == "table4" and len(parts) in (2, 3):
            return table4_cell_label(*parts[1:])
        if parts[0] == "table3" and len(parts) > 1:
            parts = parts[1:]
        if schema in TABLE3_ROWS and parts[0] in table3_row_ids(schema) and len(parts) <= 2:
            return table3_cell_label(schema, *parts)
    except (KeyError, IndexError, ValueError, StopIteration):
        return path
    return PATH_LABELS.get(path, path)


# -- matching labels read from documents ----------

def _label_forms(label: str, aliases: tuple[str, ...]) -> list[str]:
    return [fold(x) for x in (label, *aliases)]


def _matches(cell: str, forms: list[str]) -> bool:
    folded = fold(cell)
    if not folded:
        return False
    for form in forms:
        if folded == form:
            return True
        # A known short form, or a long label cut short in a web copy.
        if len(folded) >= 4 and (form.startswith(folded) or folded.startswith(form)):
            return True
    return False


def match_table2_row(schema: str, cell: str) -> str | None:
    for row in TABLE2[schema]:
        if fold(cell) in _label_forms(row.label, row.aliases):
            return row.key
    return None


def match_table3_row(schema: str, labels: list[str], current_group: str = "") -> str | None:
    """The Table 3 row id for the label cells of one document row, or None.

    Numbered sub-rows ("1.属于国家秘密") are only unique inside their group, so the group
    label found among the cells (or the last group seen) decides.
    """
    group = current_group
    for cell in labels:
        for group_id, group_label in GROUP_LABELS.items():
            if fold(cell) == fold(group_label):
                group = group_id
    for cell in reversed(labels):
        for row in TABLE3_ROWS[schema]:
            if row.group and row.group != group:
                continue
            if _matches(cell, _label_forms(row.label, row.aliases)):
                return row.id
    return None


def group_of_labels(labels: list[str]) -> str | None:
    for cell in labels:
        for group_id, group_label in GROUP_LABELS.items():
            if fold(cell) == fold(group_label):
                return group_id
    return None


# -- empty tables ----------

def empty_tables(schema: str) -> dict:
    """A complete table set of zeros in the interchange format."""
    if schema == SCHEMA_LEGACY:
        return {"schema": SCHEMA_LEGACY, "statistics": {}}
    return {
        "schema": schema,
        "table2": {row.key: {col: 0 for col, _ in row.columns} for row in TABLE2[schema]},
        "table3": {row: dict.fromkeys(TABLE3_COLUMN_IDS, 0) for row in table3_row_ids(schema)},
        "table4": {group: dict.fromkeys(TABLE4_COLUMN_IDS, 0) for group, _ in TABLE4_GROUPS},
    }


def derived_paths(schema: str) -> list[str]:
    """Cells filled by derivation (statistics.py); the rest are entered by hand."""
    if schema == SCHEMA_LEGACY:
        return []
    if schema == SCHEMA_2021:
        t2 = [f"table2.{k}.{c}" for k in ("regulations", "normative_documents")
              for c, _ in _DOC_COLUMNS_2021]
        t2 += [f"table2.{k}.decisions" for k in ("licensing", "penalties", "enforcement")]
    else:
        t2 = [f"table2.{k}.{c}" for k in ("regulations", "normative_documents")
              for c, _ in _DOC_COLUMNS_2019]
        t2 += [f"table2.{k}.decisions" for k in ("licensing", "penalties", "enforcement")]
    t3 = [f"table3.{r}.{c}" for r in table3_row_ids(schema) for c in TABLE3_COLUMN_IDS]
    return t2 + t3


def total_cells(schema: str) -> dict[str, tuple[str, ...]]:
    """Cells that are sums of other cells: path -> the paths it adds up, in an order where
    every sum comes after the sums it uses. The editor computes these, never asks for them.

    Table 3: 总计 of every row, and every column of （七）总计; Table 4: each group's 总计.
    """
    if schema == SCHEMA_LEGACY:
        return {}
    sums: dict[str, tuple[str, ...]] = {}
    outcome = table3_outcome_rows(schema)
    for row in table3_row_ids(schema):
        if row == "r3_7":
            for col in TABLE3_PART_COLUMNS:
                sums[f"table3.r3_7.{col}"] = tuple(f"table3.{r}.{col}" for r in outcome)
        sums[f"table3.{row}.total"] = tuple(f"table3.{row}.{c}" for c in TABLE3_PART_COLUMNS)
    for group, _label in TABLE4_GROUPS:
        sums[f"table4.{group}.total"] = tuple(f"table4.{group}.{c}"
                                              for c in TABLE4_COLUMN_IDS[:-1])
    return sums


def cell_paths(schema: str) -> list[str]:
    """Every cell of Tables 2–4 in the interchange format, table by table."""
    if schema == SCHEMA_LEGACY:
        return []
    paths = [f"table2.{row.key}.{col}" for row in TABLE2[schema] for col, _l in row.columns]
    paths += [f"table3.{r}.{c}" for r in table3_row_ids(schema) for c in TABLE3_COLUMN_IDS]
    paths += [f"table4.{g}.{c}" for g, _l in TABLE4_GROUPS for c in TABLE4_COLUMN_IDS]
    return paths


def get_path(tables: dict, path: str):
    value = tables
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def set_path(tables: dict, path: str, value) -> None:
    parts = path.split(".")
    target = tables
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value
