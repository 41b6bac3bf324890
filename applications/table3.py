"""Table 3 of the annual report (收到和处理政府信息公开申请情况): the one definition.

Rows, columns, group headings and their official labels exist only here (DOMAIN.md §1.4,
§1.7). Every case's outcome is one of these rows (`OUTCOME_ROWS`), `selectors.table3()`
counts them, and the annual-report app reads this module for derivation, validation, the
public page, the table editor and the .docx/.xlsx exports (reports/schemas.py maps each
report format to its row list).
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "收到和处理政府信息公开申请情况"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_LABEL = "申请人情况"
LEGAL_PERSON_LABEL = "法人或其他组织"
RESULTS_HEADING = "三、本年度办理结果"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
COLUMN_IDS: tuple[str, ...] = tuple(c for c, _ in COLUMNS)
COLUMN_LABELS = dict(COLUMNS)
#: The applicant columns whose sum is 总计.
APPLICANT_COLUMNS: tuple[str, ...] = COLUMN_IDS[:-1]


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    group: str = ""  # the （三）…（六） heading a numbered sub-row sits under
    aliases: tuple[str, ...] = ()  # short forms seen in published reports


#: Group headings under 三、本年度办理结果 (they carry no numbers).
GROUP_LABELS: dict[str, str] = {
    "r3_3": "（三）不予公开",
    "r3_4": "（四）无法提供",
    "r3_5": "（五）不予处理",
    "r3_6": "（六）其他处理",
}

_HEAD = (
    Row("r1", "一、本年新收政府信息公开申请数量"),
    Row("r2", "二、上年结转政府信息公开申请数量"),
    Row("r3_1", "（一）予以公开"),
    Row("r3_2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        aliases=("（二）部分公开",)),
    Row("r3_3_1", "1.属于国家秘密", "r3_3"),
    Row("r3_3_2", "2.其他法律行政法规禁止公开", "r3_3"),
    Row("r3_3_3", "3.危及“三安全一稳定”", "r3_3"),
    Row("r3_3_4", "4.保护第三方合法权益", "r3_3"),
    Row("r3_3_5", "5.属于三类内部事务信息", "r3_3"),
    Row("r3_3_6", "6.属于四类过程性信息", "r3_3"),
    Row("r3_3_7", "7.属于行政执法案卷", "r3_3"),
    Row("r3_3_8", "8.属于行政查询事项", "r3_3"),
    Row("r3_4_1", "1.本机关不掌握相关政府信息", "r3_4"),
    Row("r3_4_2", "2.没有现成信息需要另行制作", "r3_4"),
    Row("r3_4_3", "3.补正后申请内容仍不明确", "r3_4"),
    Row("r3_5_1", "1.信访举报投诉类申请", "r3_5"),
    Row("r3_5_2", "2.重复申请", "r3_5"),
    Row("r3_5_3", "3.要求提供公开出版物", "r3_5"),
    Row("r3_5_4", "4.无正当理由大量反复申请", "r3_5"),
    Row("r3_5_5", "5.要求行政机关确认或重新出具已获取信息", "r3_5",
        aliases=("5.要求行政机关确认或重新出具",)),
)
_OTHER_2021 = (
    Row("r3_6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "r3_6"),
    Row("r3_6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "r3_6"),
    Row("r3_6_3", "3.其他", "r3_6"),
)
#: The 2019 trial format had （六）其他处理 as one row without sub-items (DOMAIN.md §1.7).
_OTHER_2019 = (Row("r3_6", GROUP_LABELS["r3_6"]),)
_TAIL = (
    Row("r3_7", "（七）总计"),
    Row("r4", "四、结转下年度继续办理"),
)

ROWS_2021: tuple[Row, ...] = _HEAD + _OTHER_2021 + _TAIL
ROWS_2019: tuple[Row, ...] = _HEAD + _OTHER_2019 + _TAIL

#: The current format's rows: what an application's outcome is coded as.
ROWS = ROWS_2021
ROW_IDS: tuple[str, ...] = tuple(r.id for r in ROWS)
ROW_LABELS: dict[str, str] = {r.id: r.label for r in ROWS}


def outcome_rows(rows: tuple[Row, ...]) -> tuple[str, ...]:
    """The rows whose sum is （七）总计: （一）, （二） and every sub-row of （三）–（六）."""
    return tuple(r.id for r in rows if r.id.startswith("r3_") and r.id != "r3_7")


#: The rows an application's outcome can take (each closed case lands in exactly one).
OUTCOME_ROWS: tuple[str, ...] = outcome_rows(ROWS)


def outcome_label(row_id: str) -> str:
    """Label with its group, e.g. “（三）不予公开 1.属于国家秘密”."""
    row = next(r for r in ROWS if r.id == row_id)
    if row.group:
        return f"{GROUP_LABELS[row.group]} {row.label}"
    return row.label


def cell_label(row_id: str, column_id: str, rows: tuple[Row, ...] = ROWS) -> str:
    """The official path of a cell, e.g. "三、本年度办理结果 › （七）总计 › 自然人"."""
    row = next(r for r in rows if r.id == row_id)
    parts = [RESULTS_HEADING] if row.id.startswith("r3_") else []
    if row.group:
        parts.append(GROUP_LABELS[row.group])
    parts.append(row.label)
    column = COLUMN_LABELS[column_id]
    if column_id in APPLICANT_COLUMNS[1:]:
        column = f"{LEGAL_PERSON_LABEL} › {column}"
    return " › ".join([*parts, column])
