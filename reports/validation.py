"""Checks on report tables and text (DOMAIN.md §1.6 and §6 items 8–18).

Errors block submission and publication; warnings are shown to reviewers and auditors.
Every issue carries a path into the interchange format for machines (``r3_7.total`` for
Table 3 cells, ``table4.review.total``, ``table2.regulations.in_force``, ``sections.1`` …)
and the official label of that cell for people (``三、本年度办理结果 › （七）总计 › 总计``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import schemas as s

ERROR = "ERROR"
WARNING = "WARNING"


@dataclass(frozen=True)
class Issue:
    level: str
    path: str
    message: str
    label: str = ""  # the official row and column labels of `path`

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def display(self) -> str:
        """For people: the cell named by its official labels, then the message."""
        return f"{self.label or self.path}：{self.message}"

    def __str__(self) -> str:
        return f"{self.level} {self.path}: {self.message}"


def labelled(schema: str, issues: list[Issue]) -> list[Issue]:
    """The issues with their official cell labels filled in."""
    return [issue if issue.label else replace(issue, label=s.path_label(schema, issue.path))
            for issue in issues]


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]


# -- cell reading ----------

def _count(value, path: str, issues: list[Issue], *, signed: bool = False) -> int:
    """An integer count; empty reads as 0 (many townships leave cells blank)."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        issues.append(Issue(ERROR, path, _("须为整数，实为“%s”。") % value))
        return 0
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            issues.append(Issue(ERROR, path, _("须为整数，实为“%s”。") % value))
            return 0
    if value != int(value):
        issues.append(Issue(ERROR, path, _("须为整数，实为%s。") % value))
        return 0
    if value < 0 and not signed:
        issues.append(Issue(ERROR, path, _("不能为负数（%s）。") % int(value)))
        return 0
    return int(value)


def _amount(value, path: str, issues: list[Issue]) -> Decimal:
    """A decimal amount ≥ 0 in 万元."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        value = "x"
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        issues.append(Issue(ERROR, path, _("须为数字（单位：万元），实为“%s”。") % value))
        return Decimal(0)
    if not amount.is_finite() or amount < 0:
        issues.append(Issue(ERROR, path, _("金额不能为负数（%s）。") % value))
        return Decimal(0)
    return amount


def _mapping(value, path: str, issues: list[Issue]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        issues.append(Issue(ERROR, path, _("格式错误：应为对象（键值表）。")))
        return {}
    return value


def _unknown_keys(data: dict, known, path: str, issues: list[Issue]) -> None:
    for key in data:
        if key not in known:
            issues.append(Issue(ERROR, f"{path}.{key}" if path else key,
                                _("未知的行或列“%s”。") % key))


# -- tables ----------

def read_table3(schema: str, data: dict, issues: list[Issue]) -> dict[str, dict[str, int]]:
    table = _mapping(data, "table3", issues)
    rows = s.table3_row_ids(schema)
    _unknown_keys(table, rows, "", issues)
    out = {}
    for row in rows:
        cells = _mapping(table.get(row), row, issues)
        _unknown_keys(cells, s.TABLE3_COLUMN_IDS, row, issues)
        out[row] = {c: _count(cells.get(c), f"{row}.{c}", issues) for c in s.TABLE3_COLUMN_IDS}
    return out


def check_table3(schema: str, t3: dict[str, dict[str, int]], issues: list[Issue]) -> None:
    for row, cells in t3.items():  # rule 9: row sums
        parts = sum(cells[c] for c in s.TABLE3_PART_COLUMNS)
        if cells["total"] != parts:
            issues.append(Issue(ERROR, f"{row}.total", _(
                "总计（%(total)s）应等于自然人与法人或其他组织各列之和（%(sum)s）。")
                % {"total": cells["total"], "sum": parts}))
    outcome_rows = s.table3_outcome_rows(schema)
    for col in s.TABLE3_COLUMN_IDS:
        outcomes = sum(t3[r][col] for r in outcome_rows)  # rule 10
        if t3["r3_7"][col] != outcomes:
            issues.append(Issue(ERROR, f"r3_7.{col}", _(
                "（七）总计（%(total)s）应等于（一）至（六）各项之和（%(sum)s）。")
                % {"total": t3["r3_7"][col], "sum": outcomes}))
        left = t3["r1"][col] + t3["r2"][col]  # rule 11: the stated 勾稽关系
        right = t3["r3_7"][col] + t3["r4"][col]
        if left != right:
            issues.append(Issue(ERROR, f"r4.{col}", _(
                "不符合勾稽关系：第一项加第二项（%(left)s）应等于第三项加第四项（%(right)s）。")
                % {"left": left, "right": right}))


def read_table4(data: dict, issues: list[Issue]) -> dict[str, dict[str, int]]:
    table = _mapping(data, "table4", issues)
    groups = [g for g, _ in s.TABLE4_GROUPS]
    _unknown_keys(table, groups, "table4", issues)
    out = {}
    for group in groups:
        path = f"table4.{group}"
        cells = _mapping(table.get(group), path, issues)
        _unknown_keys(cells, s.TABLE4_COLUMN_IDS, path, issues)
        out[group] = {c: _count(cells.get(c), f"{path}.{c}", issues) for c in s.TABLE4_COLUMN_IDS}
    return out


def check_table4(t4: dict[str, dict[str, int]], issues: list[Issue]) -> None:
    for group, cells in t4.items():  # rule 13
        parts = cells["upheld"] + cells["corrected"] + cells["other"] + cells["pending"]
        if cells["total"] != parts:
            issues.append(Issue(ERROR, f"table4.{group}.total", _(
                "总计（%(total)s）应等于结果维持、结果纠正、其他结果、尚未审结之和（%(sum)s）。")
                % {"total": cells["total"], "sum": parts}))


def read_table2(schema: str, data: dict, issues: list[Issue]) -> dict[str, dict]:
    table = _mapping(data, "table2", issues)
    rows = s.TABLE2[schema]
    _unknown_keys(table, [r.key for r in rows], "table2", issues)
    out: dict[str, dict] = {}
    for row in rows:
        path = f"table2.{row.key}"
        cells = _mapping(table.get(row.key), path, issues)
        _unknown_keys(cells, [c for c, _ in row.columns], path, issues)
        out[row.key] = {}
        for col, _label in row.columns:
            value, cell_path = cells.get(col), f"{path}.{col}"
            if (row.key, col) in s.DECIMAL_CELLS:
                out[row.key][col] = _amount(value, cell_path, issues)
            else:
                out[row.key][col] = _count(value, cell_path, issues,
                                           signed=(row.key, col) in s.SIGNED_CELLS)
    return out


def check_table2(schema: str, t2: dict, previous: dict | None, issues: list[Issue], *,
                 is_township: bool = True) -> None:
    if is_township and any(t2["regulations"].values()):  # rule 14b
        issues.append(Issue(WARNING, "table2.regulations", _(
            "乡镇人民政府无权制定规章，本表“规章”一行却不为0，请核实。")))
    if schema != s.SCHEMA_2021 or not previous or previous.get("schema") != s.SCHEMA_2021:
        return
    quiet: list[Issue] = []
    before = read_table2(s.SCHEMA_2021, previous.get("table2") or {}, quiet)
    for key in ("regulations", "normative_documents"):  # rule 14a
        expected = before[key]["in_force"] + t2[key]["issued"] - t2[key]["repealed"]
        if t2[key]["in_force"] != expected:
            issues.append(Issue(WARNING, f"table2.{key}.in_force", _(
                "现行有效件数（%(now)s）与上年现行有效件数加本年制发减本年废止（%(expected)s）"
                "不一致。") % {"now": t2[key]["in_force"], "expected": expected}))


def check_continuity(schema: str, t3: dict, previous: dict | None, issues: list[Issue]) -> None:
    """Rule 12: this year's 上年结转 should equal last year's 结转下年度继续办理."""
    if not previous or previous.get("schema") not in (s.SCHEMA_2021, s.SCHEMA_2019):
        return
    quiet: list[Issue] = []
    before = read_table3(previous["schema"], previous.get("table3") or {}, quiet)
    for col in s.TABLE3_COLUMN_IDS:
        if t3["r2"][col] != before["r4"][col]:
            issues.append(Issue(WARNING, f"r2.{col}", _(
                "上年结转（%(now)s）与上年报告的结转下年度继续办理（%(before)s）不一致。")
                % {"now": t3["r2"][col], "before": before["r4"][col]}))


def validate_tables(tables: dict, *, previous: dict | None = None,
                    is_township: bool = True) -> list[Issue]:
    """All table checks for one report's tables in the interchange format."""
    issues: list[Issue] = []
    if not isinstance(tables, dict):
        return [Issue(ERROR, "tables", _("表格数据格式错误：应为JSON对象。"))]
    schema = str(tables.get("schema", ""))
    if schema not in s.SCHEMAS:
        return [Issue(ERROR, "schema", _("未知的报告格式“%s”（应为2021、2019或legacy）。")
                      % schema)]
    if schema == s.SCHEMA_LEGACY:
        stats = tables.get("statistics", {})
        if not isinstance(stats, dict):
            issues.append(Issue(ERROR, "statistics", _("统计数据应为键值表。")))
        return issues
    t2 = read_table2(schema, tables.get("table2"), issues)
    t3 = read_table3(schema, tables.get("table3"), issues)
    t4 = read_table4(tables.get("table4"), issues)
    check_table2(schema, t2, previous, issues, is_township=is_township)
    check_table3(schema, t3, issues)
    check_table4(t4, issues)
    check_continuity(schema, t3, previous, issues)
    return labelled(schema, issues)


# -- text ----------

_PERIOD = re.compile(
    r"统计期限为\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[至到—\-~～]+\s*"
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_ACCOUNTABILITY = ("考核", "评议", "追究")


def check_period(text: str, year: int, issues: list[Issue]) -> None:
    """DOMAIN.md §6 item 7: the statistics period is 1 January to 31 December of the year."""
    match = _PERIOD.search(text)
    if not match:
        issues.append(Issue(WARNING, "period", _(
            "未写明统计期限（“本报告所列数据的统计期限为%(y)s年1月1日至%(y)s年12月31日”）。")
            % {"y": year}))
        return
    try:
        start = datetime.date(*map(int, match.group(1, 2, 3)))
        end = datetime.date(*map(int, match.group(4, 5, 6)))
    except ValueError:
        start = end = None
    if (start, end) != (datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
        issues.append(Issue(WARNING, "period", _(
            "统计期限“%(found)s”不是%(y)s年1月1日至12月31日。")
            % {"found": match.group(0)[5:], "y": year}))


def check_sections(schema: str, sections: list[str], year: int, *,
                   fee_collected: bool = False, fee_amount=None) -> list[Issue]:
    """Narrative checks (items 15–17): six sections present, accountability results, fees.

    `sections` holds the plain text of sections 一 to 六 (empty string when missing).
    """
    issues: list[Issue] = []
    if schema == s.SCHEMA_LEGACY:
        return issues
    headings = s.SECTION_HEADINGS[schema]
    for number in (1, 5, 6):
        if not (sections[number - 1] or "").strip():
            issues.append(Issue(WARNING, f"sections.{number}", _("缺少“%s”部分的内容。")
                                % headings[number - 1]))
    first = sections[0] or ""
    if first.strip() and not any(word in first for word in _ACCOUNTABILITY):
        issues.append(Issue(WARNING, "sections.1", _(
            "“总体情况·监督保障”中未报告工作考核、社会评议和责任追究结果情况。")))
    if fee_collected and "信息处理费" not in (sections[5] or ""):
        issues.append(Issue(WARNING, "sections.6", _(
            "本年收取了信息处理费，但“其他需要报告的事项”中未说明。")))
    stated = stated_fee_yuan(sections[5] or "")
    if fee_amount is not None and stated is not None and stated != Decimal(fee_amount):
        issues.append(Issue(WARNING, "sections.6", _(
            "“其他需要报告的事项”所述信息处理费%(stated)s元，与申请记录的收费合计%(recorded)s元"
            "不一致。") % {"stated": stated, "recorded": Decimal(fee_amount)}))
    check_period("\n".join(sections), year, issues)
    return labelled(schema, issues)


_FEE_AMOUNT = re.compile(r"信息处理费[^0-9。；;]{0,12}?([0-9]+(?:\.[0-9]+)?)\s*元")


def stated_fee_yuan(text: str) -> Decimal | None:
    """The fee amount in yuan a section states (“收取信息处理费120元”), or None."""
    match = _FEE_AMOUNT.search(text)
    return Decimal(match.group(1)) if match else None
