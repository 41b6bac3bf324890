"""Table 3 of the 2021 annual-report format: row and column ids with their official labels.

The annual-report app imports these; `selectors.table3()` fills them from application data.
"""

from __future__ import annotations

COLUMNS: list[tuple[str, str]] = [
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
COLUMN_IDS = [c for c, _ in COLUMNS]
APPLICANT_COLUMNS = COLUMN_IDS[:-1]

ROWS: list[tuple[str, str]] = [
    ("r1", "一、本年新收政府信息公开申请数量"),
    ("r2", "二、上年结转政府信息公开申请数量"),
    ("r3_1", "（一）予以公开"),
    ("r3_2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("r3_3_1", "1.属于国家秘密"),
    ("r3_3_2", "2.其他法律行政法规禁止公开"),
    ("r3_3_3", "3.危及“三安全一稳定”"),
    ("r3_3_4", "4.保护第三方合法权益"),
    ("r3_3_5", "5.属于三类内部事务信息"),
    ("r3_3_6", "6.属于四类过程性信息"),
    ("r3_3_7", "7.属于行政执法案卷"),
    ("r3_3_8", "8.属于行政查询事项"),
    ("r3_4_1", "1.本机关不掌握相关政府信息"),
    ("r3_4_2", "2.没有现成信息需要另行制作"),
    ("r3_4_3", "3.补正后申请内容仍不明确"),
    ("r3_5_1", "1.信访举报投诉类申请"),
    ("r3_5_2", "2.重复申请"),
    ("r3_5_3", "3.要求提供公开出版物"),
    ("r3_5_4", "4.无正当理由大量反复申请"),
    ("r3_5_5", "5.要求行政机关确认或重新出具已获取信息"),
    ("r3_6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("r3_6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("r3_6_3", "3.其他"),
    ("r3_7", "（七）总计"),
    ("r4", "四、结转下年度继续办理"),
]
ROW_IDS = [r for r, _ in ROWS]
ROW_LABELS = dict(ROWS)

#: Group headings of 三、本年度办理结果 (they carry no numbers).
GROUPS: list[tuple[str, str, list[str]]] = [
    ("r3_3", "（三）不予公开", [f"r3_3_{i}" for i in range(1, 9)]),
    ("r3_4", "（四）无法提供", [f"r3_4_{i}" for i in range(1, 4)]),
    ("r3_5", "（五）不予处理", [f"r3_5_{i}" for i in range(1, 6)]),
    ("r3_6", "（六）其他处理", [f"r3_6_{i}" for i in range(1, 4)]),
]
RESULTS_HEADING = "三、本年度办理结果"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

#: The rows an application's outcome can take (each closed case lands in exactly one).
OUTCOME_ROWS = [r for r in ROW_IDS if r.startswith("r3_") and r != "r3_7"]


def outcome_label(row_id: str) -> str:
    """Label with its group, e.g. “（三）不予公开 1.属于国家秘密”."""
    for _group_id, group_label, rows in GROUPS:
        if row_id in rows:
            return f"{group_label} {ROW_LABELS[row_id]}"
    return ROW_LABELS[row_id]
