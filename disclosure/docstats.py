"""What an import kept: paragraphs, table cells and pictures of the source against the body.

The source is read with python-docx (paragraphs of the body, the logical cells of every
table, nested ones included — a merged cell counts once — and the pictures); the result is
the cleaned body plus the lines that became metadata or were left out on purpose (docmeta).
A source paragraph is kept when its text is found in the result; a cell when a cell with the
same text is. Both sides are compared without spaces, typed list numbers and footnote marks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import docx
import lxml.html

from .pii import html_to_text

_NOISE = re.compile(r"[\s\u3000\xa0●•·▪■◆◇○◦]+|(?<!\d)\d{1,2}[\.．、](?!\d)|\[\d+\]")


def normal(text: str) -> str:
    return _NOISE.sub("", text or "")


@dataclass
class Counts:
    paragraphs: int = 0
    tables: int = 0
    cells: int = 0
    images: int = 0
    paragraph_texts: list[str] = field(default_factory=list, repr=False)
    cell_texts: list[str] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("paragraph_texts")
        data.pop("cell_texts")
        return data


def _table_cells(table, counts: Counts) -> None:
    counts.tables += 1
    seen: list = []  # the <w:tc> elements met (kept alive, so identity holds)
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # a merged cell comes once per grid cell
                continue
            seen.append(cell._tc)
            counts.cells += 1
            counts.cell_texts.append("".join(p.text for p in cell.paragraphs))
            for inner in cell.tables:
                _table_cells(inner, counts)


def source_counts(path: Path) -> Counts:
    document = docx.Document(str(path))
    counts = Counts()
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            counts.paragraphs += 1
            counts.paragraph_texts.append(paragraph.text)
    for table in document.tables:
        _table_cells(table, counts)
    counts.images = len(document.element.body.xpath(".//a:blip"))
    return counts


def _body_tree(body: str):
    return lxml.html.fragment_fromstring(body or "", create_parent="div")


def body_counts(body: str, found) -> Counts:
    root = _body_tree(body)
    counts = Counts()
    for element in root.iter("p", "h2", "h3", "h4"):
        inside_table = any(a.tag in {"td", "th"} for a in element.iterancestors())
        if not inside_table and "".join(element.itertext()).strip():
            counts.paragraphs += 1
    counts.paragraphs += len(found.moved_texts)
    counts.tables = len(list(root.iter("table")))
    cells = list(root.iter("td", "th"))
    counts.cells = len(cells)
    counts.cell_texts = ["".join(c.itertext()) for c in cells]
    counts.images = len(list(root.iter("img")))
    return counts


def kept(source: Counts, body: str, found) -> dict:
    """How many source paragraphs and cells are found in the result."""
    result_text = normal("\n".join([html_to_text(body), *found.moved_texts, *found.removed]))
    paragraphs = sum(1 for text in source.paragraph_texts if normal(text) in result_text)
    available = Counter(normal(t) for t in body_counts(body, found).cell_texts)
    cells = 0
    for text in source.cell_texts:
        key = normal(text)
        if available[key] > 0:
            available[key] -= 1
            cells += 1
    images = min(source.images, len(list(_body_tree(body).iter("img"))))
    return {"paragraphs": paragraphs, "cells": cells, "images": images}


def images_without_alt(body: str) -> int:
    return sum(1 for img in _body_tree(body).iter("img") if not img.get("alt"))
