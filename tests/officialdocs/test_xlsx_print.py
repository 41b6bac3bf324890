"""Every exported sheet prints on A4, one page wide, header rows on each page, with a footer."""

import io

import openpyxl
import pytest

from officialdocs import print_setup, wrap_text
from officialdocs.xlsx import sheet_width_mm


def _sheet(columns: int, width: float = 12):
    book = openpyxl.Workbook()
    sheet = book.active
    for c in range(1, columns + 1):
        sheet.cell(row=1, column=c, value=f"列{c}")
        sheet.cell(row=2, column=c, value="一段很长很长的说明文字，放不下时应当换行而不是被截断")
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    return book, sheet


def _reloaded(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


def test_wide_sheet_prints_landscape_one_page_wide_with_repeated_header_and_footer():
    book, sheet = _sheet(14)
    assert sheet_width_mm(sheet) > 185
    print_setup(sheet, header_rows=(1, 1), footer_left="青石镇人民政府",
                footer_right="2025年1月20日")
    sheet = _reloaded(book)
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9")  # 9 = A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_area == "'Sheet'!$A$1:$N$2"
    assert sheet.oddFooter.left.text == "青石镇人民政府"
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert sheet.oddFooter.right.text == "2025年1月20日"


def test_narrow_sheet_stays_portrait():
    book, sheet = _sheet(4)
    print_setup(sheet)
    assert _reloaded(book).page_setup.orientation == "portrait"


@pytest.mark.parametrize("horizontal", ["left", "center"])
def test_long_text_wraps_and_keeps_its_alignment(horizontal):
    _book, sheet = _sheet(2)
    sheet["A2"].alignment = openpyxl.styles.Alignment(horizontal=horizontal)
    wrap_text(sheet, min_row=2)
    assert sheet["A2"].alignment.wrap_text
    assert sheet["A2"].alignment.horizontal == horizontal
    assert not sheet["A1"].alignment.wrap_text
