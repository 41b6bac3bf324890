"""`OfficialLetter`: a letter or notice described by its content alone, and `letter_docx`.

    letter = OfficialLetter(
        issuer="青石镇人民政府", number="青石政信复〔2026〕1号",
        title="政府信息公开申请答复告知书", addressee="钱文静",
        body=["本机关于2026年5月8日收到……", "如对本答复不服，……"],
        signer="青石镇人民政府", date=datetime.date(2026, 6, 1))
    data = letter_docx(letter)

`form` picks the 版头: LETTER (信函格式, the default: the issuing body's red mark at the top
of the first page, the 文号 under its double line — for 告知书, 函 and 通知 to one addressee)
or FILE (文件格式: "……文件" in red, the 文号 centred over a red line — for 通报 and 通知 to
many). A body item may be a `Heading` (一、 / （一） / 1. / （1）). `copies_to` (抄送) and
`printer`/`printed_on` (印发机关和印发日期) make the 版记 at the foot of the last page.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .document import OfficialDocument

LETTER = "letter"
FILE = "file"


class Heading(NamedTuple):
    """A numbered heading inside the body: level 1 一、 (黑体) … level 4 （1）."""

    text: str
    level: int = 1


@dataclass
class OfficialLetter:
    title: str
    body: Sequence[str | Heading]
    issuer: str = ""  # 发文机关标志 (信函: the body's name; 文件: e.g. "……人民政府办公室文件")
    number: str = ""  # 发文字号, e.g. 青石政信复〔2026〕1号
    addressee: str = ""  # 主送机关 or the person written to
    attachments: Sequence[str] = ()  # 附件说明: the attachments' names
    signer: str = ""  # 发文机关署名
    date: datetime.date | None = None  # 成文日期
    sealed: bool = True  # leave room for the seal over the signer and date
    note: str = ""  # 附注, e.g. 联系人：张三，电话：0000-0000000
    copies_to: Sequence[str] = field(default_factory=tuple)  # 抄送机关
    printer: str = ""  # 印发机关 (文件格式 版记)
    printed_on: datetime.date | None = None  # 印发日期
    form: str = LETTER


def write_letter(doc: OfficialDocument, letter: OfficialLetter) -> OfficialDocument:
    """Write the letter into `doc` (used by `letter_docx`; callers may add to it first)."""
    if letter.issuer and letter.form == FILE:
        doc.file_head(letter.issuer, letter.number)
    elif letter.issuer:
        doc.letterhead(letter.issuer, letter.number)
    doc.title(letter.title)
    if not letter.issuer and letter.number:
        doc.number_line(letter.number)
    if letter.addressee:
        doc.blank()
        doc.addressee(letter.addressee)
    for part in letter.body:
        if isinstance(part, Heading):
            doc.heading(part.text, part.level)
        elif part.strip():
            doc.paragraph(part.strip())
    doc.attachments(list(letter.attachments))
    if letter.signer or letter.date:
        doc.signature(letter.signer, letter.date, sealed=letter.sealed)
    if letter.note:
        doc.note(letter.note)
    doc.colophon(list(letter.copies_to), letter.printer if letter.form == FILE else "",
                 letter.printed_on)
    return doc


def letter_docx(letter: OfficialLetter) -> bytes:
    """The letter as a GB/T 9704 .docx."""
    return write_letter(OfficialDocument(), letter).to_bytes()
