"""Import legacy annual reports (plain text copied from a web page, or .docx) as drafts.

The parser recognises the title, township and year, the numbered headings (一、… and （一）…
in full- or half-width forms), the signing body and date (tolerating mangled dates such as
``2013129``) and, in .docx files of 2019+ reports, Tables 2–4. Anything it cannot place is
returned in ``unplaced``: no text is dropped.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import schemas as s

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMBER = "一二三四五六七八九十"
NUMERALS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)}

_SEP = r"[、.．,，:：\s]"
L1_RE = re.compile(rf"^([{CN_NUMBER}]{{1,3}})\s*{_SEP}\s*(.+)$")
L2_RE = re.compile(rf"^[（(]\s*([{CN_NUMBER}]{{1,3}})\s*[）)]\s*{_SEP}?\s*(.+)$")
TITLE_RE = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?.{0,20}?信息公开.{0,10}?报告")
CHROME_RE = re.compile(r"^(关怀版|无障碍|您当前所在位置|当前位置|访问量|浏览次数|点击数|【?打印|"
                       r"【?关闭|字号|分享到|发布时间[:：]|来源[:：])")
TRAILER_RE = re.compile(r"^(相关文章|相关信息|相关链接|上一篇|下一篇)")
ATTACHMENT_RE = re.compile(r"^附\s*(件|表)\s*\d*\s*[:：、.]?")
ORG_RE = re.compile(r"(人民政府|政府|办公室|办事处|镇|乡|街道|委员会)$")
TOWNSHIP_RE = re.compile(r"([^县区市州省]{1,12}?(?:镇|乡|街道办事处|街道))$")
DATE_SEP_RE = re.compile(r"^(\d{4})\s*[年./\-\s]\s*(\d{1,2})\s*[月./\-\s]\s*(\d{1,2})\s*日?$")
CN_DATE_RE = re.compile(r"^([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                        r"([一二三四五六七八九十]{1,3})日$")
BODY_DATE_RE = re.compile(r"^(.{2,40}?)\s*(\d{4}\s*年.*日|[〇○零一二三四五六七八九]{4}年.*日)$")
MANGLED_DATE_RE = re.compile(r"^(\d{4})(\d{2,4})$")
HEADING_MAX = 40


@dataclass
class Section:
    heading: str
    level: int
    text: str = ""


@dataclass
class ImportResult:
    title: str = ""
    township: str = ""
    year: int | None = None
    schema: str = ""
    sections: list[Section] = field(default_factory=list)
    signing_body: str = ""
    date: datetime.date | None = None
    tables: dict | None = None
    unplaced: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


# -- small parsers ----------

def _clean(line: str) -> str:
    """Trim spaces (also ideographic and non-breaking); the text itself is kept as written."""
    return line.replace("\u200b", "").replace("\xa0", " ").strip()


def _cn_small_number(text: str) -> int | None:
    """一 … 三十一."""
    if not text:
        return None
    if "十" not in text:
        return NUMERALS.get(text) if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    value = (NUMERALS.get(tens, 0) if tens else 1) * 10
    if ones:
        if ones not in NUMERALS or ones == "十":
            return None
        value += NUMERALS[ones]
    return value


def parse_date(text: str, report_year: int | None = None) -> datetime.date | None:
    """A signing date in any usual form, or mangled as ``2013129`` (digits only)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    match = DATE_SEP_RE.match(text)
    try:
        if match:
            return datetime.date(*map(int, match.groups()))
        match = CN_DATE_RE.match(text)
        if match:
            year = int("".join(str(CN_DIGITS[c]) for c in match.group(1)))
            month, day = _cn_small_number(match.group(2)), _cn_small_number(match.group(3))
            return datetime.date(year, month, day) if month and day else None
    except (ValueError, TypeError):
        return None
    match = MANGLED_DATE_RE.match(text)
    if not match:
        return None
    year, rest = int(match.group(1)), match.group(2)
    candidates = []
    for cut in range(1, len(rest)):
        month, day = rest[:cut], rest[cut:]
        if len(month) > 2 or len(day) > 2:
            continue
        try:
            candidates.append(datetime.date(year, int(month), int(day)))
        except ValueError:
            continue
    if not candidates:
        return None
    # Reports are signed soon after the year they cover: prefer the earliest plausible date.
    if report_year:
        after = [d for d in candidates if d > datetime.date(report_year, 12, 31)]
        candidates = after or candidates
    return min(candidates)


def _year_of(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "".join(str(CN_DIGITS.get(c, "")) for c in text)
    return int(digits) if len(digits) == 4 else None


def township_from(text: str) -> str:
    """南安镇 from 南安镇 / 某县南安镇人民政府 / 南安镇政府."""
    text = re.sub(r"(人民政府|政府|关于|党委)+$", "", text.strip())
    match = TOWNSHIP_RE.search(text)
    return match.group(1) if match else text


def _split_heading(pattern: re.Pattern, line: str) -> tuple[str, str, str] | None:
    """(number, heading, trailing text) when the line is a numbered heading."""
    match = pattern.match(line)
    if not match:
        return None
    number, rest = match.group(1), match.group(2).strip()
    if "。" in rest:
        head, _dot, tail = rest.partition("。")
        if len(head) > 20 or not head:
            return None  # a numbered paragraph, not a heading
        return number, head, tail.strip()
    if len(rest) > HEADING_MAX or rest.endswith(("；", ";", "，")):
        return None
    return number, rest, ""


# -- tables copied as text ----------

def _table_labels() -> frozenset[str]:
    labels = {s.fold(s.RESULT_HEADING), *(s.fold(g) for g in s.GROUP_LABELS.values())}
    for schema in (s.SCHEMA_2021, s.SCHEMA_2019):
        for row in s.TABLE3_ROWS[schema]:
            labels.update(s.fold(x) for x in (row.label, *row.aliases))
    return frozenset(labels)


TABLE_LABELS = _table_labels()
UNNUMBERED_HEADINGS = {
    schema: {s.fold(heading.split("、", 1)[1]): number
             for number, heading in enumerate(s.SECTION_HEADINGS[schema], start=1)}
    for schema in s.SCHEMAS
}
_TOKEN_SPLIT = re.compile(r"[\t ]+|\s{2,}")


class _TextTables:
    """Table rows pasted as text, one row per line: a label then its numbers."""

    def __init__(self, schema: str):
        self.schema = schema
        self.tables = s.empty_tables(schema)
        self.group = ""
        self.found = False

    def feed(self, line: str) -> bool:
        if "\t" in line:  # tab-separated cells keep their blanks
            tokens = [t.strip() for t in line.strip().split("\t")]
        else:
            tokens = [t for t in _TOKEN_SPLIT.split(line.strip()) if t]
        values: list = []
        while tokens and _cell_value(tokens[-1]) is not None and (
                not tokens[-1] or _is_number_token(tokens[-1])):
            values.insert(0, _cell_value(tokens.pop()))
        labels = ["".join(tokens)] if tokens else []
        if not any(_is_number_token(t) for t in line.split()):
            values = []  # only blank cells: a heading row
        self.group = s.group_of_labels(labels) or self.group
        if not values:
            return False
        if not labels and len(values) >= 15:
            for index, (group, _label) in enumerate(s.TABLE4_GROUPS):
                chunk = values[-15:][index * 5:(index + 1) * 5]
                self.tables["table4"][group] = dict(zip(s.TABLE4_COLUMN_IDS, chunk, strict=True))
            self.found = True
            return True
        if len(values) >= 7:
            row_id = s.match_table3_row(self.schema, labels, self.group)
            if row_id:
                self.tables["table3"][row_id] = dict(
                    zip(s.TABLE3_COLUMN_IDS, values[-7:], strict=True))
                self.found = True
                return True
        key = s.match_table2_row(self.schema, labels[0]) if labels else None
        if key:
            spec = next(r for r in s.TABLE2[self.schema] if r.key == key)
            columns = [c for c, _l in spec.columns]
            values = (values + [0] * len(columns))[: len(columns)]
            self.tables["table2"][key] = dict(zip(columns, values, strict=True))
            self.found = True
            return True
        return False


def _is_number_token(token: str) -> bool:
    return bool(_NUMBER_RE.match(unicodedata.normalize("NFKC", token).replace(",", "")))


# -- the line parser ----------

class _Parser:
    def __init__(self, township: str = "", year: int | None = None):
        self.result = ImportResult(township=township, year=year)
        self.current: Section | None = None
        self.trailer: list[str] = []
        self.last_number = 0
        self.text_tables: _TextTables | None = None

    def run(self, lines: list[str]) -> ImportResult:
        lines = [_clean(line) for line in lines]
        lines = [line for line in lines if line]
        lines = self._take_trailer(lines)
        lines = self._take_title(lines)
        lines = self._take_signature(lines)
        if self.result.year and s.schema_for_year(self.result.year) != s.SCHEMA_LEGACY:
            self.text_tables = _TextTables(s.schema_for_year(self.result.year))
        for line in lines:
            self._feed(line)
        self._finish()
        return self.result

    def _take_trailer(self, lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if TRAILER_RE.match(line) and len(line) < 12:
                self.trailer = lines[index:]
                return lines[:index]
        return lines

    def _take_title(self, lines: list[str]) -> list[str]:
        for index, line in enumerate(lines[:15]):
            match = TITLE_RE.search(line)
            if match and len(line) <= 60 and not line.endswith("。"):
                r = self.result
                r.title = line
                r.year = r.year or _year_of(match.group(1))
                before = lines[:index]
                if before and self._looks_like_body(before[-1]) and not CHROME_RE.match(
                        before[-1]):
                    # A title split over two lines: "某镇人民政府" / "2023年…年度报告".
                    r.title = f"{before[-1]}{line}"
                    line, before = r.title, before[:-1]
                    match = TITLE_RE.search(line)
                if not r.township:
                    r.township = self._township_from_title(line, match)
                r.unplaced.extend(before)
                if before and not r.township:
                    r.township = self._township_from_breadcrumb(before)
                return lines[index + 1:]
        return lines

    @staticmethod
    def _township_from_title(line: str, match: re.Match) -> str:
        """The township before the year, or between the year and 政府信息公开."""
        prefix = line[:match.start()].strip()
        if prefix:
            return township_from(prefix)
        after = re.sub(r"^年度?", "", line[match.end(1):])
        name = township_from(after.split("信息公开", 1)[0].removesuffix("政府"))
        return name if name.endswith(("镇", "乡", "街道", "办事处")) else ""

    @staticmethod
    def _township_from_breadcrumb(lines: list[str]) -> str:
        for line in lines:
            for part in re.split(r"[>»/]", line):
                name = township_from(part.strip())
                if name.endswith(("镇", "乡", "街道")):
                    return name
        return ""

    def _take_signature(self, lines: list[str]) -> list[str]:
        tail_start = max(0, len(lines) - 6)
        for index in range(len(lines) - 1, tail_start - 1, -1):
            date = parse_date(lines[index], self.result.year)
            if date is None:
                date, body = self._body_and_date(lines[index])
                if date is not None:
                    self.result.date, self.result.signing_body = date, body
                    self.trailer = lines[index + 1:] + self.trailer
                    return lines[:index]
                continue
            self.result.date = date
            body_index = index - 1
            if body_index >= 0 and self._looks_like_body(lines[body_index]):
                self.result.signing_body = lines[body_index]
                if not self.result.township:
                    self.result.township = township_from(lines[body_index])
                removed = {body_index, index}
            else:
                removed = {index}
            self.trailer = lines[index + 1:] + self.trailer
            return [line for i, line in enumerate(lines[:index + 1]) if i not in removed]
        return lines

    def _body_and_date(self, line: str):
        """"某镇人民政府 2024年1月18日" on one line."""
        match = BODY_DATE_RE.match(line)
        if match and self._looks_like_body(match.group(1).strip()):
            date = parse_date(match.group(2), self.result.year)
            if date is not None:
                return date, match.group(1).strip()
        return None, ""

    @staticmethod
    def _looks_like_body(line: str) -> bool:
        return len(line) <= 40 and "。" not in line and bool(ORG_RE.search(line))

    def _feed(self, line: str) -> None:
        if CHROME_RE.match(line) or ATTACHMENT_RE.match(line):
            # Page furniture and attachment lines (the file itself is not in the text)
            # are listed for the editor rather than mixed into a section.
            self.result.unplaced.append(line)
            return
        if self.text_tables is not None and self.text_tables.feed(line):
            return
        heading = self._heading(line)
        if heading:
            level, number, text, tail = heading
            marker = f"{number}、" if level == 1 else f"（{number}）"
            self._start(Section(f"{marker}{text}", level))
            if level == 1:
                self.last_number = _cn_small_number(number) or self.last_number
            if tail:
                self._add(tail)
            return
        self._add(line)

    def _heading(self, line: str):
        """(level, number, heading, tail) for a section heading, else None.

        Table labels copied as text ("一、本年新收政府信息公开申请数量", "（一）予以公开") and
        top-level numbers that do not advance (a list inside a section) are text.
        """
        if s.fold(line) in TABLE_LABELS:
            return None
        schema = s.schema_for_year(self.result.year) if self.result.year else s.SCHEMA_2021
        number = UNNUMBERED_HEADINGS[schema].get(s.fold(line))
        if number and number > self.last_number:
            # Word's automatic numbering leaves "一、" out of the paragraph text.
            return 1, CN_NUMBER[number - 1], line, ""
        for level, pattern in ((1, L1_RE), (2, L2_RE)):
            heading = _split_heading(pattern, line)
            if not heading:
                continue
            if level == 1 and (_cn_small_number(heading[0]) or 0) <= self.last_number:
                return None
            return (level, *heading)
        return None

    def _start(self, section: Section) -> None:
        self.result.sections.append(section)
        self.current = section

    def _add(self, line: str) -> None:
        if self.current is None:
            self._start(Section("", 0))
        self.current.text = f"{self.current.text}\n{line}" if self.current.text else line

    def _finish(self) -> None:
        r = self.result
        r.unplaced.extend(self.trailer)
        if self.text_tables is not None and self.text_tables.found:
            r.tables = self.text_tables.tables
        if r.year:
            r.schema = s.schema_for_year(r.year)
        if r.date is None and r.year is None:
            r.unplaced.insert(0, _("未能识别报告年度。"))


def parse_lines(lines: list[str], *, township: str = "", year: int | None = None
                ) -> ImportResult:
    return _Parser(township, year).run(lines)


def parse_text(text: str, **kwargs) -> ImportResult:
    return parse_lines(text.splitlines(), **kwargs)


# -- .docx ----------

_EMPTY_CELL = {"", "-", "—", "/", "无", "－"}
_NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")


def _cell_value(text: str):
    """A number, 0 for a blank cell, or None for a label."""
    text = re.sub(r"[\s,，]", "", unicodedata.normalize("NFKC", text))
    if text in _EMPTY_CELL:
        return 0
    if _NUMBER_RE.match(text):
        number = Decimal(text)
        return int(number) if number == int(number) else float(number)
    return None


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
    if "行政许可" in text or "规章" in text:
        return "table2"
    return ""


def _parse_table2(schema: str, rows: list[list[str]], tables: dict, unplaced: list[str]) -> None:
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


def _parse_table3(schema: str, rows: list[list[str]], tables: dict, unplaced: list[str]) -> None:
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


def _parse_table4(rows: list[list[str]], tables: dict, unplaced: list[str]) -> None:
    width = len(s.TABLE4_GROUPS) * len(s.TABLE4_COLUMN_IDS)
    for texts in rows:
        _labels, values = _split_row(texts)
        if len(values) >= width:
            values = values[-width:]
            for index, (group, _label) in enumerate(s.TABLE4_GROUPS):
                chunk = values[index * 5:(index + 1) * 5]
                tables["table4"][group] = dict(zip(s.TABLE4_COLUMN_IDS, chunk, strict=True))
            return
    unplaced.append(_("表四未找到15个数字的数据行。"))


def parse_tables(docx_tables, schema: str, unplaced: list[str]) -> dict | None:
    if schema not in (s.SCHEMA_2021, s.SCHEMA_2019):
        for table in docx_tables:
            unplaced.extend(_row_text(_row_cells(row)) for row in table.rows)
        return None
    tables = s.empty_tables(schema)
    found = False
    for table in docx_tables:
        kind = _table_kind(table)
        rows = [_row_cells(row) for row in table.rows]
        if kind == "table2":
            _parse_table2(schema, rows, tables, unplaced)
        elif kind == "table3":
            _parse_table3(schema, rows, tables, unplaced)
        elif kind == "table4":
            _parse_table4(rows, tables, unplaced)
        else:
            unplaced.extend(_row_text(texts) for texts in rows)
            continue
        found = True
    return tables if found else None


def parse_docx(source, **kwargs) -> ImportResult:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(source)
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ValidationError(_("无法读取该 Word 文件（仅支持 .docx）。")) from exc
    lines = []
    for paragraph in document.paragraphs:
        lines.extend(paragraph.text.splitlines())
    result = parse_lines(lines, **kwargs)
    if result.schema:
        result.tables = parse_tables(document.tables, result.schema, result.unplaced)
    return result


def parse_file(source, name: str, **kwargs) -> ImportResult:
    """Dispatch on the file extension: .txt (UTF-8 or GB18030) or .docx."""
    ext = PurePath(name).suffix.lower()
    if ext == ".docx":
        return parse_docx(source, **kwargs)
    if ext in (".txt", ".text", ""):
        raw = source.read() if hasattr(source, "read") else open(source, "rb").read()  # noqa: SIM115
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return parse_text(raw.decode(encoding), **kwargs)
            except UnicodeDecodeError:
                continue
        raise ValidationError(_("无法识别文本文件的编码（支持 UTF-8 与 GBK）。"))
    raise ValidationError(_("只能导入 .txt 纯文本或 .docx 文件。"))


# -- creating the draft ----------

def _html(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _section_number(heading: str) -> int | None:
    match = L1_RE.match(heading)
    return _cn_small_number(match.group(1)) if match else None


def _structured_fields(result: ImportResult, notes: list[str]) -> dict[str, str]:
    """Map top-level headings 一…六 to the six section fields; sub-headings go along."""
    fields = {f"section_{n}": "" for n in range(1, 7)}
    target = "section_1"
    for section in result.sections:
        html = _html(section.text)
        if section.level == 1:
            number = _section_number(section.heading)
            if number and 1 <= number <= 6:
                target = f"section_{number}"
            else:
                notes.append(f"{section.heading}\n{section.text}")
                target = None
                continue
        elif section.level == 2 and target:
            html = f"<h3>{escape(section.heading)}</h3>{html}"
        elif target is None:
            notes.append(f"{section.heading}\n{section.text}")
            continue
        fields[target] += html
    return fields


def _legacy_body(result: ImportResult) -> str:
    parts = []
    for section in result.sections:
        if section.heading:
            tag = "h2" if section.level == 1 else "h3"
            parts.append(f"<{tag}>{escape(section.heading)}</{tag}>")
        parts.append(_html(section.text))
    return "".join(parts)


@transaction.atomic
def create_draft(result: ImportResult, township, user=None):
    """A draft report from an import result; refuses a township/year that already has one."""
    from .models import AnnualReport

    if not result.year:
        raise ValidationError(_("未能识别报告年度，请指定年度后再导入。"))
    if AnnualReport.objects.filter(township=township, year=result.year).exists():
        raise ValidationError(_("%(t)s%(y)s年的年度报告已存在，不能重复导入。")
                              % {"t": township.name, "y": result.year})
    notes = list(result.unplaced)
    report = AnnualReport(township=township, year=result.year, title=result.title,
                          signing_body=result.signing_body, signing_date=result.date,
                          created_by=user)
    schema = s.schema_for_year(result.year)
    if schema == s.SCHEMA_LEGACY:
        report.body = _legacy_body(result)
    else:
        for name, html in _structured_fields(result, notes).items():
            setattr(report, name, html)
    if result.tables:
        report.tables = result.tables
    report.import_notes = "\n\n".join(notes)
    report.save()
    return report
