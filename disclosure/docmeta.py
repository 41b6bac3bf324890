"""The parts of an official document (公文, GB/T 9704) found in its cleaned body.

`recognise(root)` reads the top-level blocks of a cleaned body (wordhtml.clean_tree) and
returns what the document states, as suggestions the author confirms on the item form:

| part | where | becomes |
|---|---|---|
| 版头 "青石镇人民政府文件" | first lines | removed (the page has its own header) |
| 文号 "青政发〔2026〕3号" (with 签发人) | first lines | 文号; the line is removed |
| 标题 (one or two lines) | first lines before the 主送 line | 标题; removed (the page's h1) |
| 附件说明 "附件：1．… 2．…" | anywhere | a list under "附件：" |
| 落款 issuing body + date | the last lines before the 版记 | 发布机构, 成文日期 (removed |
|   |   | when the page prints it: a 文号 was found and nothing follows it) |
| 附注 "（此件公开发布）" | after the 落款 | 公开方式; removed |
| 主题词 / 关键词 line | after the 落款 | 关键词; removed |
| 版记 抄送 / 印发 lines | the end | removed, listed in the import report |

Everything removed is listed in the report, so nothing disappears unseen.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from lxml import etree

from .models.items import ORG_SUFFIXES, DisclosureMode, DocType
from .numbers import normalize_doc_number

_SPACE = "\u3000\xa0\u200b \t\r\n"
HEADER_LINES = 8
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fa5A-Za-z]{1,14})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*"
    r"第?\s*(\d{1,5})\s*号")
_BANNER = re.compile(r"^[\u4e00-\u9fa5（）()、]{2,40}文件$")
_ISSUER = re.compile(r"^签发人[:：]")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_DOC_KINDS = ("通知", "通告", "公告", "决定", "意见", "报告", "请示", "批复", "函", "方案",
              "办法", "规定", "细则", "纪要", "通报", "公示", "计划", "总结", "要点", "名单",
              "结果", "公报", "规划", "预算", "决算", "说明", "指南", "制度", "规则", "决议",
              "命令", "议案", "章程", "条例", "协议", "合同", "清单")
_TITLE_TAILS = ("情况", "名册", "公开", "安排", "标准", "（试行）", "（草案）", "（征求意见稿）")
_RECIPIENT = re.compile(r"[:：]$")
_RECORD = re.compile(r"^(抄送|抄报|分送|报送)[:：]|印发$|^\d{4}年\d{1,2}月\d{1,2}日印发$")
_SUBJECT_WORDS = re.compile(r"^(主题词|关键词|关键字)[:：]\s*(.+)$")
_NOTE = re.compile(r"^[（(]\s*此件(.+?)[）)]$")
_ATTACHMENTS = re.compile(r"^附\s*件[:：]\s*(.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\s*[\.．、]\s*(.+)$")
_MODES = (("不予公开", DisclosureMode.WITHHELD), ("依申请公开", DisclosureMode.ON_REQUEST),
          ("公开", DisclosureMode.PROACTIVE))


@dataclass
class Found:
    title: str = ""
    doc_number: str = ""
    written_on: datetime.date | None = None
    publisher_name: str = ""
    keywords: str = ""
    disclosure_mode: str = ""
    attachments: list[str] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)  # [field label, value, where]
    removed: list[str] = field(default_factory=list)
    moved_texts: list[str] = field(default_factory=list)  # source lines now in metadata

    def as_suggestions(self) -> dict:
        data = {"title": self.title[:200], "doc_number": self.doc_number,
                "written_on": self.written_on.isoformat() if self.written_on else "",
                "publisher_name": self.publisher_name[:80], "keywords": self.keywords[:100],
                "disclosure_mode": self.disclosure_mode}
        if self.doc_number:
            data["doc_type"] = DocType.DOCUMENT
        return {name: value for name, value in data.items() if value}


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split()).strip(_SPACE)


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def parse_date(text: str) -> datetime.date | None:
    text = _compact(text)
    if match := _DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _CN_DATE.match(text):
        year = int("".join(str(_CN_DIGITS[c]) for c in match.group(1)))
        month, day = (_cn_number(g) for g in match.groups()[1:])
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[-1]]
    return _CN_DIGITS[text]


def _is_org(text: str) -> bool:
    return 2 <= len(text) <= 40 and _compact(text).endswith(ORG_SUFFIXES)


def is_signature(org_line: str, date_line: str) -> bool:
    """Whether two lines are a 落款: the issuing body, then the date it was written."""
    return _is_org(_compact(org_line)) and parse_date(date_line) is not None


def _blocks(root) -> list:
    return [child for child in root if isinstance(child.tag, str)]


def _drop(found: Found, element, label: str, *, moved: bool = False) -> None:
    text = text_of(element)
    (found.moved_texts if moved else found.removed).append(
        text if moved else f"{label}：{text}")
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def recognise(root, centered: frozenset[str] = frozenset()) -> Found:
    """Read (and take out) the document's own parts; see the module docstring.

    `centered` holds the (space-free) texts of the document's centred opening lines, when
    the source says so (a .docx read by `centered_opening`); pasted text has none."""
    found = Found()
    _header(root, found, centered)
    _tail(root, found)
    _attachment_list(root, found)
    return found


def centered_opening(path, lines: int = HEADER_LINES) -> frozenset[str]:
    """Space-free texts of the centred paragraphs among the first lines of a .docx."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    texts = []
    for paragraph in docx.Document(str(path)).paragraphs:
        if not paragraph.text.strip():
            continue
        lines -= 1
        if lines < 0:
            break
        alignment = paragraph.alignment
        if alignment is None and paragraph.style is not None:
            alignment = paragraph.style.paragraph_format.alignment
        if alignment == WD_ALIGN_PARAGRAPH.CENTER:
            texts.append(_compact(paragraph.text))
    return frozenset(texts)


# -- the head: 版头, 文号, 标题 -----------------------------------------------------------


def _opening(root) -> list:
    blocks = []
    for block in _blocks(root)[:HEADER_LINES]:
        if block.tag not in {"p", "h2", "h3", "h4"} or not _compact(text_of(block)):
            break
        blocks.append(block)
    return blocks


def _header(root, found: Found, centered: frozenset[str]) -> None:
    blocks = _opening(root)
    start = 0
    for index, block in enumerate(blocks[:5]):
        text = _compact(text_of(block))
        number = DOC_NUMBER.search(text)
        if number and len(text) <= len(number.group(0)) + 20:
            found.doc_number = normalize_doc_number(number.group(0))
            found.notes.append(["文号", found.doc_number, "文首发文字号"])
            for banner in blocks[:index]:  # 版头 (发文机关标志) above the number
                if len(_compact(text_of(banner))) <= 40:
                    _drop(found, banner, "版头")
            _drop(found, block, "文号", moved=True)
            start = index + 1
            break
    for block in blocks[start:start + 1]:
        if _BANNER.match(_compact(text_of(block))):
            _drop(found, block, "版头")
            start += 1
    title_parts = _title_lines(blocks[start:], centered)
    if title_parts:
        found.title = "".join(_compact(text_of(b)) for b in title_parts)
        found.notes.append(["标题", found.title, "文首标题"])
        for block in title_parts:
            _drop(found, block, "标题", moved=True)


def _title_lines(blocks: list, centered: frozenset[str]) -> list:
    parts: list = []
    for block in blocks:
        text = _compact(text_of(block))
        if _ISSUER.match(text) or _RECIPIENT.search(text) or text.endswith("。") \
                or len(text) > 100:
            break
        if parts and centered and text not in centered:
            break
        parts.append(block)
        if text.endswith(_DOC_KINDS + _TITLE_TAILS) or len(parts) == 2:
            break
    if not parts:
        return []
    text = "".join(_compact(text_of(b)) for b in parts)
    looks = (parts[0].tag in {"h2", "h3"} or _compact(text_of(parts[0])) in centered
             or text.endswith(_DOC_KINDS + _TITLE_TAILS) or "关于" in text)
    if not looks:
        return []
    if len(parts) == 2 and not (centered and _compact(text_of(parts[1])) in centered) \
            and _compact(text_of(parts[0])).endswith(_DOC_KINDS + _TITLE_TAILS):
        return parts[:1]
    return parts


# -- the tail: 版记, 主题词, 附注, 落款 ------------------------------------------------------


def _notes_start(blocks: list) -> int:
    """Index of the rule before the footnotes ("[1] …" paragraphs), or len(blocks)."""
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index].tag == "hr":
            after = blocks[index + 1:]
            if after and all(re.match(r"^\[\d+\]", text_of(b)) for b in after):
                return index
            break
    return len(blocks)


def _tail(root, found: Found) -> None:
    blocks = _blocks(root)
    for block in reversed(blocks[:_notes_start(blocks)]):
        text = _compact(text_of(block))
        if not text:
            continue
        if _RECORD.search(text):
            _drop(found, block, "版记")
        elif match := _SUBJECT_WORDS.match(text_of(block)):
            found.keywords = " ".join(re.split(r"[\s\u3000,，;；、]+", match.group(2).strip()))
            found.notes.append(["关键词", found.keywords, match.group(1)])
            _drop(found, block, match.group(1), moved=True)
        elif match := _NOTE.match(text):
            mode = next((m for word, m in _MODES if word in match.group(1)), "")
            if mode:
                found.disclosure_mode = mode
                found.notes.append(["公开方式", str(mode.label), text])
            _drop(found, block, "附注", moved=True)
        else:
            break
    _signature(root, found)


def _signature(root, found: Found) -> None:
    """The last date line with the issuing body on the line(s) just above it."""
    blocks = _blocks(root)
    for position in range(len(blocks) - 1, -1, -1):
        block = blocks[position]
        if block.tag != "p":
            continue
        date = parse_date(text_of(block))
        if date is None:
            continue
        orgs = []
        for above in reversed(blocks[max(0, position - 3):position]):
            if above.tag == "p" and _is_org(_compact(text_of(above))):
                orgs.insert(0, above)
            else:
                break
        if not orgs:
            continue
        found.written_on = date
        found.publisher_name = _compact(text_of(orgs[0]))
        found.notes.append(["成文日期", date.isoformat(), "落款日期"])
        found.notes.append(["发布机构", found.publisher_name, "落款署名"])
        last = position == _notes_start(blocks) - 1
        if found.doc_number and last:  # the page prints the 落款 of numbered documents
            for element in [*orgs, block]:
                _drop(found, element, "落款", moved=True)
        return


# -- 附件说明 --------------------------------------------------------------------------


def _attachment_list(root, found: Found) -> None:
    blocks = _blocks(root)
    for index, block in enumerate(blocks):
        if block.tag != "p":
            continue
        match = _ATTACHMENTS.match(text_of(block))
        if not match:
            continue
        first = _NUMBERED.match(match.group(1))
        if not first:
            if match.group(1):
                found.attachments = [match.group(1)]
            return
        names = [first.group(2)]
        following = []
        for nxt in blocks[index + 1:]:
            item = _NUMBERED.match(text_of(nxt)) if nxt.tag == "p" else None
            if not item:
                break
            names.append(item.group(2))
            following.append(nxt)
        found.attachments = names
        found.notes.append(["附件说明", "；".join(names), f"{len(names)}项"])
        block.clear()
        block.text = "附件："
        items = etree.Element("ol")
        for name in names:
            etree.SubElement(etree.SubElement(items, "li"), "p").text = name
        block.addnext(items)
        items.tail = None
        for nxt in following:
            root.remove(nxt)
        return

