"""Import legacy annual reports (plain text copied from a web page, or .docx) as drafts.

The parser recognises the title, township and year, the numbered headings (一、… and （一）…
in full- or half-width forms), the signing body and date (tolerating mangled dates such as
``2013129``), and Tables 2–4 from the text (import_tables.py) or from .docx tables
(import_docx.py). Anything it cannot place is returned in ``unplaced`` (no text is dropped);
cells it placed by inference are named in ``notes``. import_draft.py turns a result into a
draft report.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import schemas as s
from .import_docx import parse_tables
from .import_tables import TableScanner

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
    notes: list[str] = field(default_factory=list)  # placed, but worth a clerk's check
    unread: list[str] = field(default_factory=list)  # table cells the text did not give

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


# -- small parsers ----------

_EMPTY_PIPE_CELL = re.compile(r"^\s+\|\s*$")


def _clean(line: str) -> str:
    """Trim spaces (also ideographic and non-breaking); the text itself is kept as written.

    A pipe-table cell spread over lines that is only spaces before its "|" is an empty
    cell; it is kept as "－|" so that trimming does not make it look like a row's start."""
    line = line.replace("\u200b", "").replace("\xa0", " ")
    if _EMPTY_PIPE_CELL.match(line):
        return "－|"
    return line.strip()


def cn_small_number(text: str) -> int | None:
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
            month, day = cn_small_number(match.group(2)), cn_small_number(match.group(3))
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


# "清河县石桥镇人民政府" in running text: the county-level name marks where the township starts.
ISSUER_RE = re.compile(r"[\u4e00-\u9fff]{1,8}?[县区市旗]([\u4e00-\u9fff]{1,8}?(?:镇|乡|街道))"
                       r"(?:人民政府|政府|办事处)")
ISSUER_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,24}(?:镇|乡|街道)(?:人民政府|政府|办事处)$")
YEAR_RE = re.compile(r"(?:^|[^0-9])(\d{4})\s*年(?:度|\s*1\s*月\s*1\s*日)")
_NOT_A_NAME = ("各", "全", "本", "我", "该", "城乡", "乡镇")


def _plausible(name: str) -> bool:
    return (len(name) >= 2 and name.endswith(("镇", "乡", "街道"))
            and not name.startswith(_NOT_A_NAME))


def issuing_township(lines: list[str]) -> str:
    """The township of the issuing body named anywhere in the text: a line that is only the
    body ("石桥镇人民政府"), else "某县某镇人民政府" in a sentence."""
    for line in lines:
        if ISSUER_LINE_RE.match(line) and _plausible(township_from(line)):
            return township_from(line)
    for line in lines:
        for match in ISSUER_RE.finditer(line):
            if _plausible(match.group(1)):
                return match.group(1)
    return ""


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


# -- the line parser ----------

class _Parser:
    def __init__(self, township: str = "", year: int | None = None):
        self.result = ImportResult(township=township, year=year)
        self.current: Section | None = None
        self.trailer: list[str] = []
        self.last_number = 0
        self.scanner: TableScanner | None = None

    def run(self, lines: list[str]) -> ImportResult:
        lines = [_clean(line) for line in lines]
        lines = [line for line in lines if line]
        lines = self._take_trailer(lines)
        lines = self._take_title(lines)
        lines = self._take_signature(lines)
        self._year_from_text(lines)
        if self.result.year and s.schema_for_year(self.result.year) != s.SCHEMA_LEGACY:
            self.scanner = TableScanner(s.schema_for_year(self.result.year)).scan(lines)
            lines = [line for i, line in enumerate(lines) if i not in self.scanner.consumed]
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
                return self._drop_repeated_title(lines[index + 1:])
        return lines

    def _drop_repeated_title(self, rest: list[str]) -> list[str]:
        """Pages often print the title twice (page title, then the document's own title,
        maybe under the issuing body's name): the repeat is not body text."""
        r = self.result
        index = 0
        while index < min(len(rest), 4):
            line = rest[index]
            if CHROME_RE.match(line):
                r.unplaced.append(line)
            elif ISSUER_LINE_RE.match(line):
                if not r.township and _plausible(township_from(line)):
                    r.township = township_from(line)
            elif not (TITLE_RE.search(line) and len(line) <= 60
                      and s.fold(line).endswith(s.fold(r.title)[-8:])):
                break
            index += 1
        return rest[index:]

    def _year_from_text(self, lines: list[str]) -> None:
        """No year in the title: "统计期限为2022年1月1日…" or "2022年度…" near the top."""
        if self.result.year:
            return
        for line in lines[:20]:
            match = YEAR_RE.search(line)
            if match and 2008 <= int(match.group(1)) <= 2100:
                self.result.year = int(match.group(1))
                return

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
        heading = self._heading(line)
        if heading:
            level, number, text, tail = heading
            marker = f"{number}、" if level == 1 else f"（{number}）"
            self._start(Section(f"{marker}{text}", level))
            if level == 1:
                self.last_number = cn_small_number(number) or self.last_number
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
            if level == 1 and (cn_small_number(heading[0]) or 0) <= self.last_number:
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
        if not r.township:
            texts = [r.signing_body, *(sec.text for sec in r.sections[:2]), *r.unplaced,
                     *(line for sec in r.sections for line in sec.text.splitlines())]
            r.township = issuing_township([t for t in texts if t])
        r.unplaced.extend(self.trailer)
        if self.scanner is not None:
            r.unplaced.extend(self.scanner.unplaced)
            r.notes.extend(self.scanner.notes)
            r.unread = self.scanner.unread
            if self.scanner.found:
                r.tables = self.scanner.tables
            else:
                r.notes.append(no_tables_note(len(r.unread)))
        if r.year:
            r.schema = s.schema_for_year(r.year)
        if r.date is None and r.year is None:
            r.unplaced.insert(0, _("未能识别报告年度。"))


def no_tables_note(cells: int) -> str:
    return _("统计表（表二至表四）：原文中没有读到任何数字，%(n)s个单元格均未填入，"
             "请按原文填写。") % {"n": cells}


def parse_lines(lines: list[str], *, township: str = "", year: int | None = None
                ) -> ImportResult:
    return _Parser(township, year).run(lines)


def parse_text(text: str, **kwargs) -> ImportResult:
    return parse_lines(text.splitlines(), **kwargs)


# -- .docx ----------

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
        notes, unread = [], []
        tables = parse_tables(document.tables, result.schema, result.unplaced, notes, unread)
        if tables is not None:
            # The tables are Word tables, not text: the text scanner's verdict does not apply.
            result.notes = [n for n in result.notes if n != no_tables_note(len(result.unread))]
            result.notes.extend(notes)
            result.tables, result.unread = tables, unread
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
