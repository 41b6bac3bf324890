"""Finding unmasked personal data in text and in text-bearing files.

Pure functions over text (`scan_text`, `scan_lines`), plus extractors that turn .txt,
.docx, .xlsx, PDF (text layer) and OFD (GB/T 33190, read by ofdkit) files into numbered
lines. What counts as a finding:

- ``id_card``: an 18-digit 居民身份证号码 with a valid ISO 7064 MOD 11-2 check digit, a known
  province code and a plausible birth date, or a legacy 15-digit number with a known province
  code and a plausible birth date;
- ``mobile``: a mainland mobile number 1[3-9]XXXXXXXXX, optionally +86 and split 3-4-4 by
  spaces or hyphens, not part of a longer digit run;
- ``bank_card``: 16 to 19 digits (optionally split into groups of four) with a card-scheme
  prefix (UnionPay 62, 60, 65, 9558; Visa 4; Mastercard 5, 2; JCB/Diners 3) passing Luhn.

Masked forms (``330102********1234``, ``138****5678``) never match, because the masks break
the digit run. Full-width digits are read as digits. Amounts, 索引号, 文号 and dates are
excluded by the checks and by refusing matches inside longer digit or decimal runs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

KINDS = ("id_card", "mobile", "bank_card")
KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}

# Full-width digits, letters X, spaces and hyphens read as their ASCII forms. The mapping
# is one character to one character, so positions in the folded text are positions in
# the original.
_FOLD = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "Ｘ": "X", "ｘ": "x", "\u3000": " ", "－": "-", "‐": "-", "‑": "-", "＋": "+",
    "\xa0": " ",
})

# 省级行政区划代码 (first two digits of a 身份证号).
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# No digit, letter, decimal point or mask character right before or after a candidate
# (so nothing inside a longer code, hash or masked number matches), except the labels
# people write straight before a number ("Tel13812345678", "ID330102…").
_LABELS = ("Tel", "TEL", "tel", "Phone", "phone", "PHONE", "Mobile", "mobile", "MOBILE", "Mob",
           "ID", "No", "NO", "Card", "card")
_LEFT = r"(?:(?<![0-9A-Za-z.*＊×])|" + "|".join(f"(?<={label})" for label in _LABELS) + ")"
_RIGHT = r"(?![0-9A-Za-z*＊×]|\.\d)"

_ID18 = re.compile(_LEFT + r"(\d{6}([ -]?)\d{8}\2\d{3}[0-9Xx])" + _RIGHT)
_ID15 = re.compile(_LEFT + r"(\d{15})" + _RIGHT)
_MOBILE = re.compile(
    _LEFT + r"(?:(?:\+|00)?86[ -]?)?(1[3-9]\d(?:\d{8}|([ -])\d{4}\2\d{4}|[ -]\d{8}))" + _RIGHT
)
_CARD = re.compile(
    _LEFT + r"(\d{16,19}|\d{4}([ -])\d{4}\2\d{4}\2\d{4}(?:\2?\d{1,3})?"
    r"|\d{6}([ -])\d{10,13})" + _RIGHT
)
# UnionPay 62 (and 60, 65), old ICBC/ABC 9558/9559, Visa 4, Mastercard 51–55
# and 2221–2720, JCB 35, Diners 36.
_CARD_PREFIXES = ("62", "60", "65", "9558", "9559", "4", "51", "52", "53", "54", "55",
                  "35", "36", *(str(n) for n in range(2221, 2721)))
# An amount: currency sign before, or a unit right after.
_AMOUNT_BEFORE = re.compile(r"[¥￥$]\s*$")
_AMOUNT_AFTER = re.compile(r"^\s*(?:元|万|亿|千|百|美元|块)")


@dataclass(frozen=True)
class Finding:
    kind: str
    match: str
    line: int
    column: int
    context: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_dict(self) -> dict:
        return asdict(self)


# -- checks --------------------------------------------------------------------------------


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _plausible_birth(year: int, month: int, day: int, today: datetime.date) -> bool:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    # GB 11643's own example number is born in 1880, so the floor is generous.
    return datetime.date(1800, 1, 1) <= born <= today


def is_valid_id18(number: str, today: datetime.date | None = None) -> bool:
    number = number.upper()
    if not re.fullmatch(r"[1-9]\d{16}[0-9X]", number) or number[:2] not in PROVINCES:
        return False
    today = today or datetime.date.today()  # noqa: DTZ011 - a calendar date is enough
    if not _plausible_birth(int(number[6:10]), int(number[10:12]), int(number[12:14]), today):
        return False
    return id_check_digit(number[:17]) == number[17]


def looks_like_id18(number: str) -> bool:
    """Region and birth date of a 身份证号, whatever the check digit."""
    today = datetime.date.today()  # noqa: DTZ011
    return (len(number) == 18 and number[:2] in PROVINCES
            and _plausible_birth(int(number[6:10]), int(number[10:12]), int(number[12:14]),
                                 today))


def is_valid_id15(number: str) -> bool:
    """Legacy 15-digit numbers (issued before 1999): region and a 19YYMMDD birth date."""
    if not re.fullmatch(r"[1-9]\d{14}", number) or number[:2] not in PROVINCES:
        return False
    return _plausible_birth(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]),
                            datetime.date(1999, 12, 31))


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_bank_card(digits: str) -> bool:
    if not (16 <= len(digits) <= 19) or not digits.startswith(_CARD_PREFIXES):
        return False
    if not digits.startswith("6") and looks_like_id18(digits):
        return False  # a mistyped 身份证号 rather than a card
    return luhn_ok(digits)


# -- scanning ------------------------------------------------------------------------------


def _is_amount(text: str, start: int, end: int) -> bool:
    return bool(_AMOUNT_BEFORE.search(text[max(0, start - 3):start])
                or _AMOUNT_AFTER.match(text[end:end + 3]))


def _context(line: str, start: int, end: int, width: int = 16) -> str:
    left = line[max(0, start - width):start]
    right = line[end:end + width]
    return f"{'…' if start > width else ''}{left}【{line[start:end]}】{right}" \
           f"{'…' if end + width < len(line) else ''}"


def _spans(folded: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of every finding in one folded line; IDs win over cards."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _ID18.finditer(folded):
        if is_valid_id18(re.sub(r"[ -]", "", m.group(1))):
            taken.append(m.span(1))
            yield "id_card", *m.span(1)
    for m in _ID15.finditer(folded):
        if is_valid_id15(m.group(1)) and free(*m.span(1)):
            taken.append(m.span(1))
            yield "id_card", *m.span(1)
    for m in _CARD.finditer(folded):
        digits = re.sub(r"[ -]", "", m.group(1))
        if is_bank_card(digits) and free(*m.span(1)) and not _is_amount(folded, *m.span(1)):
            taken.append(m.span(1))
            yield "bank_card", *m.span(1)
    for m in _MOBILE.finditer(folded):
        if free(*m.span(1)) and not _is_amount(folded, *m.span(1)):
            taken.append(m.span(1))
            yield "mobile", *m.span(1)


def scan_line(line: str, number: int = 1) -> list[Finding]:
    folded = line.translate(_FOLD)
    found = [Finding(kind, line[start:end], number, start + 1, _context(line, start, end))
             for kind, start, end in _spans(folded)]
    return sorted(found, key=lambda f: f.column)


def scan_lines(lines: Iterable[tuple[int, str]]) -> list[Finding]:
    findings: list[Finding] = []
    for number, line in lines:
        findings.extend(scan_line(line, number))
    return findings


def scan_text(text: str) -> list[Finding]:
    return scan_lines(enumerate((text or "").splitlines(), start=1))


# -- text from HTML and files ----------------------------------------------------------------

_BLOCK_TAGS = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/blockquote|/caption)[^>]*>")
_CELL_TAGS = re.compile(r"(?i)<\s*/t[dh]\s*>")
_TAGS = re.compile(r"<[^>]+>")


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML: one line per block or table row, cells tab-separated."""
    from html import unescape

    text = _CELL_TAGS.sub("\t", html or "")
    text = _BLOCK_TAGS.sub("\n", text)
    return unescape(_TAGS.sub("", text))


TEXT_EXTENSIONS = frozenset({"txt", "csv", "md", "text", "log"})
SCANNABLE_EXTENSIONS = TEXT_EXTENSIONS | {"docx", "xlsx", "pdf", "ofd", "html", "htm"}


class UnreadableFileError(Exception):
    """A file the scanner cannot read (damaged, encrypted, or an unsupported format)."""


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _docx_lines(handle) -> Iterator[str]:
    import docx

    document = docx.Document(handle)
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                yield paragraph.text


def _xlsx_lines(handle) -> Iterator[str]:
    import openpyxl

    book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                yield "\t".join(_cell_text(v) for v in row)
    finally:
        book.close()


def _pdf_lines(handle) -> Iterator[str]:
    import pypdf

    reader = pypdf.PdfReader(handle)
    for page in reader.pages:
        yield from (page.extract_text() or "").splitlines()


def _ofd_lines(handle) -> Iterator[str]:
    """Text of an OFD (GB/T 33190) in reading order, by ofdkit (table rows as one line)."""
    import ofdkit

    with ofdkit.open(handle) as document:
        for page in document.pages:
            yield from page.text().splitlines()


def file_lines(handle, extension: str) -> list[tuple[int, str]]:
    """Numbered lines of a file-like object (binary), by its extension."""
    extension = extension.lower().lstrip(".")
    try:
        if extension in TEXT_EXTENSIONS:
            lines = decode_text(handle.read()).splitlines()
        elif extension in {"html", "htm"}:
            lines = html_to_text(decode_text(handle.read())).splitlines()
        elif extension == "docx":
            lines = list(_docx_lines(handle))
        elif extension == "xlsx":
            lines = list(_xlsx_lines(handle))
        elif extension == "pdf":
            lines = list(_pdf_lines(handle))
        elif extension == "ofd":
            lines = list(_ofd_lines(handle))
        else:
            raise UnreadableFileError(f"unsupported file type: .{extension}")
    except UnreadableFileError:
        raise
    except Exception as exc:  # damaged files raise anything from zipfile, lxml, pypdf
        raise UnreadableFileError(str(exc) or exc.__class__.__name__) from exc
    return list(enumerate(lines, start=1))


def scan_file(path: str | Path) -> list[Finding]:
    path = Path(path)
    with path.open("rb") as handle:
        return scan_lines(file_lines(handle, path.suffix))


def scan_django_file(field_file, extension: str) -> list[Finding]:
    """Scan an uploaded/stored file (a FieldFile); unreadable files yield nothing."""
    if extension.lower() not in SCANNABLE_EXTENSIONS or not field_file:
        return []
    try:
        with field_file.open("rb") as handle:
            return scan_lines(file_lines(handle, extension))
    except (UnreadableFileError, OSError):
        return []
