"""Letters and notices render through LibreOffice as the layout says: A4, 28 characters a
line and 22 lines a page, the 版头 on page 1, numbers from page 2, the 版记 on the last
page, fonts embedded; a wide workbook prints landscape on one page. One LibreOffice run."""

import datetime

import openpyxl
import pytest

from officialdocs import (
    FILE,
    OfficialLetter,
    PDFUnavailableError,
    convert_many,
    letter_docx,
    to_pdf,
)
from officialdocs import print_setup as xlsx_print_setup
from tests.officialdocs.render import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    embedded_fonts,
    page_sizes,
    page_texts,
    require_libreoffice,
)

LINE = "政府信息公开工作年度报告依照条例编制本报告所列数据的统计期限为全年"  # 33 characters


def _letter(**fields):
    return OfficialLetter(**{
        "issuer": "青石镇人民政府", "number": "青石政信复〔2026〕1号",
        "title": "政府信息公开申请答复告知书", "addressee": "钱文静",
        "body": [LINE * 40], "signer": "青石镇人民政府", "date": datetime.date(2026, 6, 1),
        "copies_to": ["清河县政务公开办"], **fields})


def _workbook() -> bytes:
    import io

    book = openpyxl.Workbook()
    sheet = book.active
    for c in range(1, 16):
        sheet.cell(row=1, column=c, value=f"第{c}列")
        sheet.cell(row=2, column=c, value=c * 100)
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = 14
    xlsx_print_setup(sheet, header_rows=(1, 1), footer_left="清河县")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def rendered():
    require_libreoffice()
    notice = _letter(form=FILE, issuer="清河县人民政府办公室文件", number="清政办发〔2026〕3号",
                     title="关于2025年度乡镇政府网站检查情况的通报", addressee="各乡镇人民政府",
                     body=[LINE], signer="清河县人民政府办公室",
                     copies_to=["县委办公室"], printer="清河县人民政府办公室",
                     printed_on=datetime.date(2026, 6, 2))
    return convert_many({"letter.docx": letter_docx(_letter()),
                         "notice.docx": letter_docx(notice), "wide.xlsx": _workbook()})


def test_letter_pages_are_a4_with_28_characters_a_line_and_22_lines_a_page(rendered):
    pdf = rendered["letter.docx"]
    assert set(page_sizes(pdf)) == {A4_PORTRAIT}
    pages = page_texts(pdf)
    assert len(pages) == 3
    full = [line for line in pages[1].splitlines() if len(line) >= 20]
    assert {len(line) for line in full} == {28}
    assert len(full) == 22


def test_letterhead_on_page_one_numbers_from_page_two_copies_line_on_the_last(rendered):
    first, second, last = page_texts(rendered["letter.docx"])
    assert first.splitlines()[0] == "青石镇人民政府"
    assert "青石政信复〔2026〕1号" in first.replace(" ", "")
    assert "— 1 —" not in first
    assert second.rstrip().endswith("— 2 —")
    assert "抄送：清河县政务公开办。" in last
    assert "— 3 —" in last


def test_fonts_are_embedded(rendered):
    fonts = embedded_fonts(rendered["letter.docx"])
    assert fonts
    assert all("CJK" in name for name in fonts)


def test_file_form_notice_carries_mark_number_and_ruled_colophon(rendered):
    pages = [text.replace(" ", "") for text in page_texts(rendered["notice.docx"])]
    assert pages[0].splitlines()[0] == "清河县人民政府办公室文件"
    assert "清政办发〔2026〕3号" in pages[0]
    assert "2026年6月1日" in pages[0]
    # The 版记 needs two lines at the foot of the page: too few were left on page 1.
    assert "抄送：县委办公室。" in pages[-1]
    assert "2026年6月2日印发" in pages[-1]


def test_wide_workbook_prints_landscape_on_one_page(rendered):
    assert page_sizes(rendered["wide.xlsx"]) == [A4_LANDSCAPE]


def test_missing_libreoffice_gives_a_chinese_message(settings):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    with pytest.raises(PDFUnavailableError, match="服务器未安装 LibreOffice"):
        to_pdf(b"not used")
