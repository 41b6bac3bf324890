"""The annual report .docx is an official document: A4 and the GB/T 9704 版心 on every page,
the office fonts, the six sections under their official headings, and tables fitted to their
content — Table 3 on a landscape page of its own with wide label columns, narrow number
columns, no label cell narrower than three characters, header rows repeated and never split,
numbers right-aligned (all read back from the file)."""

import math

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from officialdocs.tables import text_width
from reports import exports
from reports.schemas import SECTION_HEADINGS
from tests.factories import make_township
from tests.officialdocs.readback import (
    column_widths_chars,
    open_docx,
    page_field,
    page_setup,
    repeated_header_rows,
    rows_kept_whole,
    style_font,
)
from tests.reports.factories import make_report, reconciling_tables

pytestmark = pytest.mark.django_db
TABLE_PT = 10.5  # 5号


@pytest.fixture
def document():
    township = make_township(name="青石镇")
    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         published=True,
                         section_5="<h3>（一）存在的问题</h3><p>栏目更新不及时。</p>")
    return open_docx(exports.report_docx(report))


def _table_sections(document) -> list[int]:
    """Index of the section each table lies in (a section ends at a paragraph's sectPr)."""
    result, index = [], 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            result.append(index)
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return result


def label_cells(table, label_columns: int):
    """(text, width in characters) of every distinct label cell in the first columns."""
    widths = column_widths_chars(table, TABLE_PT)
    seen = set()
    for row in table.rows[repeated_header_rows(table):]:
        cells = row.cells
        for c in range(label_columns):
            tc = cells[c]._tc
            if id(tc) in seen or not cells[c].text.strip():
                continue
            seen.add(id(tc))
            span = sum(1 for other in cells if other._tc is tc)
            yield cells[c].text, sum(widths[c:c + span])


def test_every_page_is_a4_with_the_type_area_and_the_office_fonts(document):
    for section in document.sections:
        setup = page_setup(section)
        if section.orientation == WD_ORIENT.LANDSCAPE:
            assert setup["size_mm"] == (297, 210)
            assert setup["margins_mm"] == (28, 37, 26, 35)  # 版心 225 × 156 mm, turned
        else:
            assert setup["size_mm"] == (210, 297)
            assert setup["margins_mm"] == (37, 26, 35, 28)  # 版心 156 × 225 mm
        assert page_field(section.footer)
    assert style_font(document, "Title") == ("方正小标宋简体", 22)
    assert style_font(document, "Normal") == ("仿宋_GB2312", 16)
    assert style_font(document, "Heading 1") == ("黑体", 16)
    assert style_font(document, "Heading 2") == ("楷体_GB2312", 16)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == list(
        SECTION_HEADINGS["2021"])
    assert "（一）存在的问题" in [p.text for p in document.paragraphs
                               if p.style.name == "Heading 2"]
    blue = [p.text for p in document.paragraphs for r in p.runs
            if r.font.color.rgb is not None and str(r.font.color.rgb) != "000000"]
    assert blue == []


def test_table3_is_on_a_landscape_page_with_content_fitted_columns(document):
    table2, table3, table4 = document.tables
    sections = _table_sections(document)
    assert document.sections[sections[1]].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[sections[0]].orientation == WD_ORIENT.PORTRAIT
    widths = column_widths_chars(table3, TABLE_PT)
    group, subgroup, leaf, *numbers = widths
    assert leaf >= 20  # 信息内容 labels on one line or two
    assert max(numbers) < min(group, subgroup, leaf) + 1.5
    assert len(set(widths)) > 3  # not the equal widths Word gives by default
    cells = list(label_cells(table3, 3))
    narrowest = min(width for _text, width in cells)
    assert narrowest >= 3
    for text, width in cells:  # no label wraps to leave one character on a line
        per_line = math.floor(width)
        assert per_line >= 2, text
        assert text_width(text) <= per_line or text_width(text) % per_line != 1, text
    assert repeated_header_rows(table3) == 3
    assert rows_kept_whole(table3)
    assert table3.cell(3, 3).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table3.cell(3, 3).text == "13612"
    assert table3.cell(3, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    label_widths = column_widths_chars(table2, TABLE_PT)
    assert label_widths[0] >= 7  # 行政规范性文件 on one line
    assert repeated_header_rows(table4) == 3
