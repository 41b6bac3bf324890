"""How a stored body is shown to the public: {% load richtext %}{{ item.body|present_body }}.

The stored body stays what the editor writes; at render time the table cells and pictures
get the few hints the page's stylesheet (static/css/richtext.css) needs:

- `rt-nowrap` on a cell holding a short value (a name, a village) or a number-like value (an
  amount, a date, a masked ID or phone number): it never breaks mid-value;
- `rt-sticky` on a table whose first column holds short labels (names, 序号, row headings)
  and which is wide enough to scroll on a phone, and `rt-col1` on the cells of that column:
  the column stays in view while the rest scrolls;
- `scope` on header cells (a row of header cells heads columns; a header cell in a row of
  data heads its row), as A11Y.md asks of every data table;
- `rt-figure` on a paragraph that holds only a picture, `rt-caption` on the "图1 …" line
  after it: both centred, as in the document;
- `rt-signature` on a 落款 the body ends with (the issuing body, then the date): set to the
  right, as in the document.
"""

from __future__ import annotations

import re

import lxml.html
from django import template
from django.utils.safestring import mark_safe
from lxml import etree

from disclosure.docmeta import is_signature

register = template.Library()

SHORT_TEXT = 8  # characters: 张某某, 东岭村, 序号
NUMBER_LIKE = re.compile(
    r"^[\d\s.,:：/\\\-－—–~～%％‰*＊×xX¥￥$+＋()（）#号年月日时分秒元万亿个人户亩]+$")
NUMBER_LIKE_MAX = 32  # an 18-digit ID number, a phone with its area code, a date range
STICKY_MIN_COLUMNS = 4
_CAPTION = re.compile(r"^(图|图片|表)\s*\d+")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def is_short_value(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    if len(text) <= SHORT_TEXT:
        return True
    return len(text) <= NUMBER_LIKE_MAX and bool(NUMBER_LIKE.match(text))


def _add_class(element, name: str) -> None:
    classes = element.get("class", "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


def _grid(table) -> list[list]:
    """The table's rows as lists of (cell, first column index), rowspans expanded."""
    taken: dict[tuple[int, int], bool] = {}
    rows = []
    for r, tr in enumerate(table.iter("tr")):
        column, row = 0, []
        for cell in tr:
            if cell.tag not in {"td", "th"}:
                continue
            while taken.get((r, column)):
                column += 1
            span = int(cell.get("colspan") or 1)
            for dr in range(int(cell.get("rowspan") or 1)):
                for dc in range(span):
                    taken[(r + dr, column + dc)] = True
            row.append((cell, column))
            column += span
        rows.append(row)
    return rows


def _table(table) -> None:
    if any(t is not table for t in table.iter("table")):
        return  # nested tables: left as written
    grid = _grid(table)
    for row in grid:
        all_headers = all(cell.tag == "th" for cell, _col in row)
        for cell, _col in row:
            if is_short_value(_text(cell)):
                _add_class(cell, "rt-nowrap")
            if cell.tag == "th" and not cell.get("scope"):
                cell.set("scope", "col" if all_headers else "row")
    width = max((col + int(cell.get("colspan") or 1) for row in grid for cell, col in row),
                default=0)
    first_column = [cell for row in grid for cell, col in row if col == 0]
    if width >= STICKY_MIN_COLUMNS and first_column and all(
            int(c.get("colspan") or 1) == 1 and len(_text(c)) <= SHORT_TEXT
            for c in first_column):
        _add_class(table, "rt-sticky")
        for cell in first_column:
            _add_class(cell, "rt-col1")


def _figures(root) -> None:
    previous_figure = False
    for p in root.iter("p"):
        if p.getparent() is not root:
            continue
        images = list(p.iter("img"))
        if images and not _text(p):
            _add_class(p, "rt-figure")
            previous_figure = True
            continue
        if previous_figure and _CAPTION.match(_text(p)) and len(_text(p)) <= 60:
            _add_class(p, "rt-caption")
        previous_figure = False


def _signature(root) -> None:
    blocks = [b for b in root if isinstance(b.tag, str)]
    if len(blocks) >= 2 and all(b.tag == "p" for b in blocks[-2:]) and is_signature(
            _text(blocks[-2]), _text(blocks[-1])):
        for block in blocks[-2:]:
            _add_class(block, "rt-signature")


@register.filter(is_safe=True)
def present_body(html) -> str:
    """The stored (sanitised) body with the presentation hints above."""
    html = str(html or "")
    if "<table" not in html and "<img" not in html and not html.endswith("日</p>"):
        return mark_safe(html)  # already sanitised when it was saved
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for table in list(root.iter("table")):
        _table(table)
    _figures(root)
    _signature(root)
    out = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root)
    return mark_safe(out)  # the same sanitised markup, with classes and scope added
