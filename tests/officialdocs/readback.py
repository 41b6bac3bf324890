"""Reading a generated .docx back: page set-up, fonts, indents and table properties as Word
and LibreOffice see them in the XML (shared by the tests of every document)."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn
from docx.shared import Mm

A4_TWIPS = (11906, 16838)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def page_setup(section) -> dict:
    """Page size and margins in whole millimetres, orientation and the line grid."""
    grid = section._sectPr.find(qn("w:docGrid"))
    return {
        "size_mm": (round(section.page_width.mm), round(section.page_height.mm)),
        "margins_mm": tuple(round(m.mm) for m in (section.top_margin, section.right_margin,
                                                 section.bottom_margin, section.left_margin)),
        "grid": (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))),
    }


def style_font(document, name: str) -> tuple[str, float]:
    """(East-Asian font, size in points) a paragraph style declares."""
    style = document.styles[name]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")), style.font.size.pt


def run_fonts(paragraph) -> set[str]:
    """East-Asian fonts declared on the paragraph's runs (or, if none, its style's)."""
    names = {f.get(qn("w:eastAsia")) for f in paragraph._p.iter(qn("w:rFonts"))}
    names.discard(None)
    return names or {style_font(paragraph.part.document, paragraph.style.name)[0]}


def right_indent_chars(paragraph, size_pt: float = 16) -> float:
    indent = paragraph.paragraph_format.right_indent
    return round(indent.pt / size_pt, 2) if indent is not None else 0


def page_field(footer) -> bool:
    return any(" PAGE " in (f.get(qn("w:instr")) or "")
               for f in footer._element.iter(qn("w:fldSimple")))


def font_table(document) -> dict[str, str]:
    """{font name: altName} from word/fontTable.xml."""
    part = next(rel.target_part for rel in document.part.rels.values()
                if rel.reltype.endswith("/fontTable"))
    xml = part.blob.decode()
    return dict(re.findall(r'<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"/>', xml))


CELL_MARGIN = Mm(1)


def column_widths_chars(table, size_pt: float, margin=CELL_MARGIN) -> list[float]:
    """Text width of each grid column in characters of the table's type size."""
    cols = table._tbl.tblGrid.findall(qn("w:gridCol"))
    return [round((int(c.get(qn("w:w"))) - 2 * margin.twips) / 20 / size_pt, 2) for c in cols]


def repeated_header_rows(table) -> int:
    count = 0
    for row in table.rows:
        if row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None:
            break
        count += 1
    return count


def rows_kept_whole(table) -> bool:
    return all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in table.rows)
