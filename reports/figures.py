"""Figures from the tables quoted in the report's prose: placeholders, and the agreement check.

Placeholders. A clerk types a figure's name in full-width brackets in any section, e.g.
“全年新收政府信息公开申请【本年新收申请数】件”; the public page, the exports and the sign
page show the number from the report's own tables in its place, so prose and tables cannot
disagree. ``{本年新收申请数}`` (the letter-template style) works too. The names are listed in
`FIGURES` and on the table editor page; a bracketed name ending in 数 or 金额 that is not a
known figure is an error, so a typo never reaches the public page.

The check. A section that writes a figure out as a number (“新收申请3件”) must agree with
the table. Only unambiguous phrases are read, nearest phrase before the number wins, and a
clause that compares (较上年增加2件), approximates (10余件) or speaks of another year
(2023年新收5件, 上年新收…) is skipped: a false alarm would block a correct report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from . import schemas as s


@dataclass(frozen=True)
class Figure:
    name: str
    paths: dict[str, tuple[str, ...]]  # schema -> interchange paths whose sum is the figure
    unit: str = "件"

    def source(self, schema: str) -> str:
        """Where the figure comes from, in the tables' official labels."""
        paths = self.paths[schema]
        table = {"table2": "表二", "table3": "表三", "table4": "表四"}[paths[0].split(".")[0]]
        groups = {s.table3_row(schema, p.split(".")[1]).group for p in paths
                  if p.startswith("table3.")}
        if len(paths) > 2 and len(groups) == 1 and "" not in groups:
            return _("%(table)s %(group)s各项 › 总计之和") % {
                "table": table, "group": s.GROUP_LABELS[groups.pop()]}
        return f"{table} " + " + ".join(s.path_label(schema, p) for p in paths)


def _t3(*rows: str, column: str = "total") -> tuple[str, ...]:
    return tuple(f"table3.{row}.{column}" for row in rows)


def _both(paths: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {s.SCHEMA_2021: paths, s.SCHEMA_2019: paths}


def _group(prefix: str) -> dict[str, tuple[str, ...]]:
    return {schema: _t3(*(r for r in s.table3_row_ids(schema)
                          if r.startswith(prefix) and r != "r3_7"))
            for schema in (s.SCHEMA_2021, s.SCHEMA_2019)}


def _t2(key: str, column: str) -> tuple[str, ...]:
    return (f"table2.{key}.{column}",)


_LEGAL = s.TABLE3_PART_COLUMNS[1:]

FIGURES: tuple[Figure, ...] = (
    Figure("本年新收申请数", _both(_t3("r1"))),
    Figure("自然人申请数", _both(_t3("r1", column="natural"))),
    Figure("法人或其他组织申请数", _both(tuple(f"table3.r1.{c}" for c in _LEGAL))),
    Figure("上年结转申请数", _both(_t3("r2"))),
    Figure("予以公开数", _both(_t3("r3_1"))),
    Figure("部分公开数", _both(_t3("r3_2"))),
    Figure("不予公开数", _group("r3_3_")),
    Figure("无法提供数", _group("r3_4_")),
    Figure("不予处理数", _group("r3_5_")),
    Figure("其他处理数", _group("r3_6")),
    Figure("办结申请数", _both(_t3("r3_7"))),
    Figure("结转下年度申请数", _both(_t3("r4"))),
    Figure("行政复议数", _both(("table4.review.total",))),
    Figure("行政诉讼数", _both(("table4.litigation_direct.total",
                                 "table4.litigation_after_review.total"))),
    Figure("本年制发规范性文件数", {s.SCHEMA_2021: _t2("normative_documents", "issued"),
                                   s.SCHEMA_2019: _t2("normative_documents", "made")}),
    Figure("本年废止规范性文件数", {s.SCHEMA_2021: _t2("normative_documents", "repealed")}),
    Figure("现行有效规范性文件数", {s.SCHEMA_2021: _t2("normative_documents", "in_force")}),
    Figure("行政许可决定数", _both(_t2("licensing", "decisions"))),
    Figure("行政处罚决定数", _both(_t2("penalties", "decisions"))),
    Figure("行政强制决定数", _both(_t2("enforcement", "decisions"))),
    Figure("行政事业性收费金额", {s.SCHEMA_2021: _t2("fees", "amount_wan_yuan")}, unit="万元"),
)
BY_NAME = {f.name: f for f in FIGURES}


def figures_for(schema: str) -> list[Figure]:
    return [f for f in FIGURES if schema in f.paths]


def _number(value) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError:
        return Decimal(0)


def value(figure: Figure, schema: str, tables: dict) -> Decimal:
    return sum((_number(s.get_path(tables, p)) for p in figure.paths[schema]), Decimal(0))


def text_of(number: Decimal) -> str:
    number = number.normalize() if number != number.to_integral() else number.to_integral()
    return format(number, "f")


# -- placeholders ----------

PLACEHOLDER_RE = re.compile(r"【\s*([^【】<>\s]{1,20}?)\s*】"
                            r"|[{｛]\s*([^{}｛｝<>\s]{1,20}?)\s*[}｝]")


def _is_meant(match: re.Match) -> bool:
    """Braces always mean a placeholder; 【…】 only when it names a figure-like thing."""
    name = match.group(1)
    return name is None or name in BY_NAME or name.endswith(("数", "金额"))


def _name(match: re.Match) -> str:
    return match.group(1) or match.group(2)


def fill(html: str, schema: str, tables: dict) -> str:
    """The text with every known placeholder replaced by its number (unknown ones stay)."""
    if not html or schema not in (s.SCHEMA_2021, s.SCHEMA_2019):
        return html

    def put(match: re.Match) -> str:
        figure = BY_NAME.get(_name(match))
        if figure is None or schema not in figure.paths or not _is_meant(match):
            return match.group(0)
        return text_of(value(figure, schema, tables))

    return PLACEHOLDER_RE.sub(put, html)


def unknown_placeholders(text: str, schema: str) -> list[str]:
    """Bracketed names meant as placeholders that this report's format does not have."""
    return [match.group(0) for match in PLACEHOLDER_RE.finditer(text or "")
            if _is_meant(match) and (_name(match) not in BY_NAME
                                     or schema not in BY_NAME[_name(match)].paths)]


# -- figures written out in the prose ----------

#: Phrase → figure. Ordered so that longer phrases are tried where two overlap.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"新收(?:到|的)?", "本年新收申请数"),
    (r"上年(?:度)?结转", "上年结转申请数"),
    (r"结转(?:至|到)?下(?:一)?年度?", "结转下年度申请数"),
    (r"(?<![部分不])予以公开", "予以公开数"),
    (r"部分(?:予以)?公开", "部分公开数"),
    (r"不予(?:以)?公开", "不予公开数"),
    (r"无法提供", "无法提供数"),
    (r"不予(?:以)?处理", "不予处理数"),
    (r"办结", "办结申请数"),
    (r"行政复议", "行政复议数"),
    (r"行政诉讼", "行政诉讼数"),
    (r"制发(?:了)?(?:行政)?规范性文件", "本年制发规范性文件数"),
)
_PHRASE_RE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _f) in enumerate(PHRASES)))
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_QUOTED_RE = re.compile(r"(\d+|[零〇一二两三四五六七八九十百]+)\s*(件|起|宗|个|份)")
_CLAUSE_SPLIT = re.compile(r"[。；;！？!?\n，,、：:（）()“”\"]")
# Comparisons, approximations and ranges: the number is not the figure itself.
_NOT_THE_FIGURE = re.compile(r"较|比|增|减|多|少|超过|以上|以下|不到|不足|近|约|累计|历年|"
                             r"平均|每|占")
_OTHER_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_EARLIER = re.compile(r"上年|去年|上一年|往年|前年")


def cn_number(text: str) -> int | None:
    """0–999 written in Arabic or Chinese numerals."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


@dataclass(frozen=True)
class Quote:
    figure: Figure
    stated: int
    text: str


def quotes(text: str, year: int) -> list[Quote]:
    """Figures the text states as numbers, where the phrase leaves no doubt."""
    found = []
    for clause in _CLAUSE_SPLIT.split(text or ""):
        start = 0
        for match in _QUOTED_RE.finditer(clause):
            if clause[match.end():match.end() + 1] in ("余", "多", "左", "以"):
                start = match.end()
                continue
            before = clause[start:match.start()]
            start = match.end()
            phrases = list(_PHRASE_RE.finditer(before))
            if not phrases:
                continue
            phrase = phrases[-1]
            figure = BY_NAME[PHRASES[int(phrase.lastgroup[1:])][1]]
            between = before[phrase.end():]
            if _NOT_THE_FIGURE.search(between) or _NOT_THE_FIGURE.search(
                    before[:phrase.start()][-4:]):
                continue
            years = {int(y) for y in _OTHER_YEAR.findall(clause[:match.start()])}
            if years - {year}:
                continue
            if figure.name != "上年结转申请数" and _EARLIER.search(before):
                continue
            stated = cn_number(match.group(1))
            if stated is not None and len(between) <= 14:
                found.append(Quote(figure, stated, clause.strip()))
    return found


def disagreements(texts: list[str], schema: str, tables: dict, year: int
                  ) -> list[tuple[int, Quote, Decimal]]:
    """(section number, quote, table value) for every quoted figure the tables contradict."""
    out = []
    for number, text in enumerate(texts, start=1):
        for quote in quotes(text, year):
            if schema not in quote.figure.paths:
                continue
            actual = value(quote.figure, schema, tables)
            if Decimal(quote.stated) != actual:
                out.append((number, quote, actual))
    return out


def check(texts: list[str], schema: str, tables: dict, year: int, issues: list) -> None:
    """Errors for unknown placeholders and for prose that contradicts the tables."""
    from .validation import ERROR, Issue

    if schema not in (s.SCHEMA_2021, s.SCHEMA_2019):
        return
    for number, text in enumerate(texts, start=1):
        for token in unknown_placeholders(text, schema):
            issues.append(Issue(ERROR, f"sections.{number}", _(
                "“%(token)s”不是可用的数字占位符。可用的占位符见统计表页面，如【本年新收申请数】。")
                % {"token": token}))
    for number, quote, actual in disagreements(texts, schema, tables, year):
        issues.append(Issue(ERROR, f"sections.{number}", _(
            "正文写“%(text)s”（%(stated)s），与统计表（%(source)s：%(actual)s）不一致。"
            "请改正数字，或改用占位符【%(name)s】由系统自动填入。") % {
            "text": quote.text, "stated": quote.stated, "source": quote.figure.source(schema),
            "actual": text_of(actual), "name": quote.figure.name}))
