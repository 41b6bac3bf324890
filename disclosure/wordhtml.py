"""One cleaning for every body text, however it arrives: Word, WPS or the editor.

A .docx converted by mammoth, a .doc/.wps/.rtf converted to .docx by LibreOffice first, HTML
pasted from Word or WPS into the editor, and every rich-text body saved in the admin all go
through `clean_body`. Its output is what the editor itself writes (a paragraph inside every
table cell and list item, no default attributes), so the same text gives the same stored
body whichever way it came, and cleaning it again changes nothing.

What it does, before the allow-list sanitiser (richtext.py, nh3) has the last word:

- Word's own markup goes: the `<head>` and its styles, conditional comments, `<o:p>`,
  VML shapes, classes, fonts and inline styles (the sanitiser drops attributes).
- Word's list paragraphs (`mso-list`, with their typed "1." or "·" marker) become real
  `<ol>`/`<ul>` lists, nested by level; mammoth's lists are already real.
- Footnotes become a superscript "[1]" in the text and, at the end after a rule, one
  paragraph per note: "[1] 注释文字" (anchors would not survive the editor).
- Headings move one level down when the text uses h1 (the page's title is the h1); the
  editor offers h2 to h4, so deeper levels become h4.
- Tables: a one-cell "box" table is unwrapped; a table without header cells gets its first
  row as header cells; colspan/rowspan="1" are dropped.
- Paragraphs lose the indent typed as full-width spaces (the page indents), trailing
  breaks and whitespace; empty paragraphs go (a cell keeps one).
- Paragraphs typed with a bullet character ("● …", two or more in a row) become a list.
- Loose text between blocks is put in paragraphs.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .richtext import is_platform_image, sanitize_html

_SPACE = "\u3000\xa0\u200b\ufeff \t\r\n"
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr",
          "figure", "div", "li", "pre", "section", "article", "center", "dl"}
_CONTAINERS = {"div", "section", "article", "center", "span", "font", "body", "main"}
_DROP_WITH_CONTENT = {"style", "script", "meta", "link", "title", "head", "xml", "noscript",
                      "template", "object", "embed", "iframe"}
_MSO_LIST = re.compile(r"mso-list:\s*(l\d+)\s+level(\d+)", re.I)
_MSO_IGNORE = re.compile(r"mso-list:\s*ignore", re.I)
_FRAGMENT = re.compile(r"<!--StartFragment-->(.*?)<!--EndFragment-->", re.S | re.I)
_BULLET_MARKERS = frozenset("·•●○◦◆◇■□▪▫►▶➢➤✓✔-–—*§Øüvo\uf0b7\uf0a7\uf06c\uf0d8\uf076\uf0fc")
_ALPHA = re.compile(r"^[\(（]?([a-zA-Z])[\.．、\)）]?$")
_ROMAN = re.compile(r"^[\(（]?([ivxlcdm]+|[IVXLCDM]+)[\.．、\)）]?$")
_DIGITS = re.compile(r"^[\(（]?(\d+)[\.．、\)）]?$")
_FOOTNOTE_ITEM = re.compile(r"^(?:footnote|endnote)-(\d+)$")
_TYPED_BULLET = re.compile("^[\u3000\xa0 \t]*[●•·▪■◆◇○◦][\u3000\xa0 \t]*")


def clean_body(html: str | None) -> str:
    """Word/WPS/editor HTML -> the platform's body HTML (sanitised)."""
    if not html or not html.strip():
        return ""
    root = _parse(html)
    clean_tree(root)
    return sanitize_html(serialize(root))


def clean_tree(root) -> None:
    """Every step above, in place, on a parsed tree (a `<div>` holding the body)."""
    _drop_word_markup(root)
    for img in list(root.iter("img")):
        if not is_platform_image(img.get("src", "")):
            _remove(img)  # Word's file:/// pictures, remote images: the sanitiser drops them
    _rebuild_word_lists(root)
    _footnotes(root)
    _unwrap_internal_links(root)
    _unwrap_containers(root)
    _headings(root)
    for table in list(root.iter("table")):
        _table(table)
    for element in list(root.iter("li", "td", "th", "blockquote")):
        _wrap_inline(element)
    _wrap_inline(root)
    _typed_bullets(root)
    _tidy_paragraphs(root)
    _drop_layout_whitespace(root)


# -- parsing ---------------------------------------------------------------------------


def _parse(html: str):
    fragment = _FRAGMENT.search(html)
    if fragment:
        html = fragment.group(1)
    elif re.search(r"<(html|body)[\s>]", html[:4000], re.I):
        body = lxml.html.document_fromstring(html).find(".//body")
        html = serialize(body) if body is not None else ""
    return lxml.html.fragment_fromstring(html or "", create_parent="div")


def serialize(element) -> str:
    """The inner HTML of `element`."""
    parts = [element.text or ""] if element.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts)


def _remove(element) -> None:
    """Remove an element, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _local(tag) -> str:
    return tag.lower() if isinstance(tag, str) else ""


# -- Word markup -----------------------------------------------------------------------


def _drop_word_markup(root) -> None:
    for node in list(root.iter()):
        tag = node.tag
        if not isinstance(tag, str):  # comments, processing instructions
            _remove(node)
        elif _local(tag) in _DROP_WITH_CONTENT or _local(tag).startswith(("v:", "o:")):
            _remove(node)  # styles, VML shapes, <o:p> (which only holds a space)
        elif ":" in tag:
            node.drop_tag()  # Word's smart tags (<st1:chsdate>…) wrap real text


def _list_info(p) -> tuple[str, int] | None:
    match = _MSO_LIST.search(p.get("style", ""))
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def _take_marker(p) -> str:
    """Remove Word's typed list marker (the `mso-list:Ignore` span) and return its text."""
    for span in p.iter("span"):
        if _MSO_IGNORE.search(span.get("style", "")):
            text = "".join(span.itertext())
            _remove(span)
            return text.strip(_SPACE)
    return ""


def _list_kind(marker: str) -> tuple[str, dict]:
    if not marker or marker[0] in _BULLET_MARKERS:
        return "ul", {}
    if match := _DIGITS.match(marker):
        start = int(match.group(1))
        return "ol", ({"start": str(start)} if start != 1 else {})
    if _ROMAN.match(marker):
        return "ol", {"type": "i" if marker.strip("(（)）.．、").islower() else "I"}
    if match := _ALPHA.match(marker):
        return "ol", {"type": "a" if match.group(1).islower() else "A"}
    return "ol", {}


def _rebuild_word_lists(root) -> None:
    for parent in list(root.iter()):
        run: list = []
        for child in list(parent):
            info = _list_info(child) if _local(child.tag) == "p" else None
            if info is not None and (not run or _list_info(run[0])[0] == info[0]):
                run.append(child)
                continue
            if run and info is not None:  # another list starts right after this one
                _build_list(run)
                run = [child]
                continue
            if run:
                _build_list(run)
            run = []
        if run:
            _build_list(run)


def _build_list(paragraphs: list) -> None:
    first = paragraphs[0]
    parent = first.getparent()
    index = parent.index(first)
    stack: list[tuple[int, object]] = []  # (level, list element)
    top = None
    for p in paragraphs:
        _name, level = _list_info(p)
        kind, attrs = _list_kind(_take_marker(p))
        p.attrib.pop("style", None)
        while stack and stack[-1][0] > level:
            stack.pop()
        if not stack or stack[-1][0] < level:
            new_list = etree.Element(kind, attrs)
            if stack and len(stack[-1][1]):
                stack[-1][1][-1].append(new_list)  # nested in the previous item
            elif stack:
                stack[-1][1].append(new_list)
            else:
                top = new_list
            stack.append((level, new_list))
        item = etree.SubElement(stack[-1][1], "li")
        p.tail = None
        parent.remove(p)
        item.append(p)
    parent.insert(index, top)


# -- footnotes, links, containers, headings ------------------------------------------------


def _mammoth_notes(root) -> list[tuple[str, object]]:
    """mammoth: <ol><li id="footnote-1"><p>text <a href="#footnote-ref-1">↑</a></p></li></ol>."""
    notes = []
    for ol in list(root.iter("ol")):
        items = [li for li in ol if _local(li.tag) == "li"]
        numbers = [_FOOTNOTE_ITEM.match(li.get("id", "")) for li in items]
        if not items or not all(numbers):
            continue
        for li, number in zip(items, numbers, strict=True):
            for back in list(li.iter("a")):
                if back.get("href", "").startswith(("#footnote-ref", "#endnote-ref")):
                    back.text = ""
                    _remove(back)
            notes.append((number.group(1), li))
        _remove(ol)
    return notes


def _word_notes(root) -> list[tuple[str, object]]:
    """Word's own HTML: <div style="mso-element:footnote-list"> holding "[1] text"."""
    notes = []
    for div in list(root.iter("div")):
        if "mso-element:footnote-list" in div.get("style", "").replace(" ", "").lower():
            notes += [("", p) for p in div.iter("p")]
            _remove(div)
    return notes


def _is_note_reference(a) -> bool:
    style = a.get("style", "").lower()
    return ("mso-footnote-id" in style or "mso-endnote-id" in style
            or a.get("id", "").startswith(("footnote-ref", "endnote-ref")))


def _footnotes(root) -> None:
    notes = _mammoth_notes(root) + _word_notes(root)
    for a in [a for a in root.iter("a") if _is_note_reference(a)]:
        text = "".join(a.itertext()).strip(_SPACE)
        for child in list(a):
            a.remove(child)
        a.attrib.clear()
        a.text = text if text.startswith("[") else f"[{text}]"
        parent = a.getparent()
        # mammoth already wraps the reference in <sup>; the span is unwrapped below.
        a.tag = "span" if parent is not None and _local(parent.tag) == "sup" else "sup"
    if notes:
        root.append(etree.Element("hr"))
        for number, node in notes:
            p = etree.SubElement(root, "p")
            text = " ".join("".join(node.itertext()).split())
            p.text = f"[{number}] {text}" if number and not text.startswith("[") else text


def _unwrap_internal_links(root) -> None:
    for a in list(root.iter("a")):
        href = a.get("href", "")
        if not href or href.startswith("#"):
            a.drop_tag()


def _unwrap_containers(root) -> None:
    """<div>, <span>, <font>, <center>: keep the content, lose the box."""
    for element in list(root.iter()):
        if element is not root and _local(element.tag) in _CONTAINERS:
            element.drop_tag()


def _headings(root) -> None:
    headings = list(root.iter("h1", "h2", "h3", "h4", "h5", "h6"))
    shift = 1 if any(h.tag == "h1" for h in headings) else 0  # Word's 标题 1 is an h1
    for h in headings:
        h.tag = f"h{min(int(h.tag[1]) + shift, 4)}"


# -- tables ----------------------------------------------------------------------------


def _rows(table) -> list:
    return [tr for tr in table.iter("tr") if _nearest_table(tr) is table]


def _nearest_table(element):
    node = element.getparent()
    while node is not None and _local(node.tag) != "table":
        node = node.getparent()
    return node


def _cells(tr) -> list:
    return [c for c in tr if _local(c.tag) in {"td", "th"}]


def _table(table) -> None:
    rows = _rows(table)
    cells = [c for tr in rows for c in _cells(tr)]
    if len(cells) == 1 and _nearest_table(table) is None:  # a bordered box, not a table
        cell = cells[0]
        cell.tag = "div"
        parent = table.getparent()
        parent.replace(table, cell)
        cell.tail = table.tail
        cell.drop_tag()
        return
    for cell in cells:
        for name in ("colspan", "rowspan"):
            if cell.get(name, "1").strip() in {"", "1", "0"}:
                cell.attrib.pop(name, None)
    if rows and not any(_local(c.tag) == "th" for c in cells):
        for row in _header_rows(rows):
            for cell in _cells(row):
                cell.tag = "th"
    for cell in cells:
        if _local(cell.tag) == "th":
            _unbold(cell)


def _unbold(cell) -> None:
    """A header cell is bold already: drop <strong> around its whole text."""
    for strong in list(cell.iter("strong", "b")):
        if "".join(strong.itertext()).strip(_SPACE) == "".join(
                strong.getparent().itertext()).strip(_SPACE):
            strong.drop_tag()


def _header_rows(rows: list) -> list:
    """The first row, the rows its merged cells reach down into, and the row under a
    title row (one cell across the whole table)."""
    first = _cells(rows[0])
    depth = max((int(c.get("rowspan", "1") or 1) for c in first), default=1)
    widths = [sum(int(c.get("colspan", "1") or 1) for c in _cells(r)) for r in rows]
    if len(first) == 1 and len(rows) > 1 and widths[0] >= max(widths) > 1:
        depth = max(depth, 2)
    return rows[:max(1, min(depth, len(rows) - 1))]


# -- paragraphs ------------------------------------------------------------------------


def _wrap_inline(element) -> None:
    """Put loose text and inline elements among `element`'s children into paragraphs.

    A table cell or list item whose content is all inline becomes one paragraph, as the
    editor writes it."""
    children = list(element)
    has_block = any(_local(c.tag) in _BLOCK for c in children)
    if not has_block and _local(element.tag) != "div":
        if (element.text or "").strip(_SPACE) or children or _local(element.tag) in {"td", "th"}:
            p = etree.Element("p")
            p.text, element.text = element.text, None
            for child in children:
                p.append(child)
            element.append(p)
        return
    run = etree.Element("p")
    run.text, element.text = element.text, None
    position = 0
    for child in children:
        if _local(child.tag) in _BLOCK:
            if (run.text or "").strip(_SPACE) or len(run):
                element.insert(position, run)
                position += 1
            run = etree.Element("p")
            run.text, child.tail = child.tail, None
            position += 1
        else:
            run.append(child)
    if (run.text or "").strip(_SPACE) or len(run):
        element.append(run)


def _text_nodes(element):
    """(node, attribute) pairs of every text piece inside `element`, in reading order."""
    if element.text:
        yield element, "text"
    for child in element:
        yield from _text_nodes(child)
        if child.tail:
            yield child, "tail"


def _strip_ends(element) -> None:
    for br in element.iter("br"):
        if br.tail:
            br.tail = br.tail.lstrip(_SPACE)  # a new line typed with an indent
    for node, attr in _text_nodes(element):
        value = getattr(node, attr).lstrip(_SPACE)
        setattr(node, attr, value)
        if value:
            break
    while len(element) and _local(element[-1].tag) == "br" and not (
            element[-1].tail or "").strip(_SPACE):
        element.remove(element[-1])
    for node, attr in reversed(list(_text_nodes(element))):
        value = getattr(node, attr).rstrip(_SPACE)
        setattr(node, attr, value)
        if value:
            break


def _is_empty(element) -> bool:
    if "".join(element.itertext()).strip(_SPACE):
        return False
    return not any(_local(e.tag) in {"img", "hr", "table"} for e in element.iter())


def _tidy_paragraphs(root) -> None:
    for element in list(root.iter("p", "h2", "h3", "h4")):
        _strip_ends(element)
    for element in list(root.iter("p", "h2", "h3", "h4")):
        parent = element.getparent()
        if parent is None or not _is_empty(element):
            continue
        in_cell = _local(parent.tag) in {"td", "th", "li"}
        if in_cell and len([c for c in parent if _local(c.tag) == "p"]) == 1:
            continue  # an empty cell keeps its one paragraph
        _remove(element)
    for li in list(root.iter("li")):
        if not len(li) and not (li.text or "").strip(_SPACE):
            _remove(li)


_STRUCTURE = {"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "colgroup"}


def _drop_layout_whitespace(root) -> None:
    """Line breaks between blocks and rows (source formatting) are not text."""
    for element in root.iter():
        tag = _local(element.tag)
        if (tag in _STRUCTURE or element is root) and element.text \
                and not element.text.strip(_SPACE):
            element.text = None
        if (tag in _BLOCK or tag in _STRUCTURE or tag in {"td", "th"}) and element.tail \
                and not element.tail.strip(_SPACE):
            element.tail = None


def _typed_bullets(root) -> None:
    """Two or more consecutive paragraphs that start with a typed bullet: a real list."""
    run: list = []
    for child in [*list(root), None]:
        starts = child is not None and _local(child.tag) == "p" and bool(
            _TYPED_BULLET.match("".join(child.itertext())))
        if starts:
            run.append(child)
            continue
        if len(run) >= 2:
            ul = etree.Element("ul")
            run[0].addprevious(ul)
            for p in run:
                _strip_marker(p)
                p.tail = None
                etree.SubElement(ul, "li").append(p)
        run = []


def _strip_marker(p) -> None:
    for node, attr in _text_nodes(p):
        value = getattr(node, attr)
        if value.strip(_SPACE):
            setattr(node, attr, _TYPED_BULLET.sub("", value, count=1))
            return
