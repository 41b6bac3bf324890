"""Official documents: the one layout of every letter, notice, report and sheet the product
prints, after GB/T 9704-2012 (党政机关公文格式), as .docx and PDF; and the print set-up of
every exported workbook.

A bottom package: it imports Django, python-docx and openpyxl, never a project app. Callers
pass content only.

A letter or notice (告知书, 补正/延期/征求意见 notices, 督促整改通知, 通报)::

    from officialdocs import OfficialLetter, Heading, letter_docx, to_pdf

    letter = OfficialLetter(
        issuer="青石镇人民政府",                # 发文机关标志 (red, 小标宋, 版头)
        number="青石政信复〔2026〕1号",          # 文号, with 〔〕
        title="政府信息补正告知书",
        addressee="钱文静",                      # ends with ： by itself
        body=["本机关于2026年5月8日收到……", Heading("一、需要补正的内容"), "……"],
        attachments=["政府信息公开申请表"],       # 附件说明
        signer="青石镇人民政府", date=datetime.date(2026, 5, 12),  # 落款, placed for the seal
        copies_to=["清河县政务公开办"],            # 抄送 (版记, foot of the last page)
    )
    docx_bytes = letter_docx(letter)
    pdf_bytes = to_pdf(docx_bytes)                # LibreOffice; PDFUnavailableError if missing

`form=FILE` gives the 文件格式 版头 (“清河县人民政府办公室文件”, 文号 centred over a red line)
with a ruled 版记 (`printer`, `printed_on`: 印发机关和印发日期); the default `LETTER` is the
信函格式 (the body's name over a red double line, 文号 at the right, no page number on page 1).

Longer documents (the annual report, sign-off sheets) are written part by part with
`OfficialDocument`: `title`, `heading(text, level)`, `paragraph`, `caption`, `unit`,
`table(Grid)` (column widths fitted to the content, header rows repeated and never split,
numbers right-aligned, landscape when the table needs it), `signature`, `to_bytes()`.

Layout (`gbt9704.py`): A4; 版心 156 × 225 mm (top margin 37 mm, left 28 mm); body 3号 仿宋
on 22 lines of 28 characters; title 2号 小标宋; headings 黑体 / 楷体 / 仿宋; page numbers
“— n —” in 4号 宋体, odd pages right and even pages left. Fonts (`fonts.py`): the names
offices have (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) on every script slot,
with free fallbacks for PDF rendering in `fonts.conf`.

PDF (`pdf.py`): `to_pdf(data)`, `convert_many({"a.docx": …, "b.xlsx": …})` (one LibreOffice
run for many files), `cached(key, make)` (one run per version, however many visitors),
`available()`, `PDFUnavailableError` (message in Chinese).

Workbooks (`xlsx.py`): `print_setup(sheet, header_rows=(4, 6), footer_left=…,
footer_right=…)`, `wrap_text(sheet)`, and `print_workbook(workbook, footer_left=…,
footer_right=…, header_rows={sheet title: (first, last)})` for every sheet at once.

See docs/DOCUMENTS.md for the full description and the fonts a county should install.
"""

from .document import OfficialDocument, official_date
from .letter import FILE, LETTER, Heading, OfficialLetter, letter_docx
from .pdf import PDFUnavailableError, available, cached, convert_many, to_pdf
from .tables import Grid
from .xlsx import print_setup, print_workbook, wrap_text

__all__ = ["FILE", "LETTER", "Grid", "Heading", "OfficialDocument", "OfficialLetter",
           "PDFUnavailableError", "available", "cached", "convert_many", "letter_docx",
           "official_date", "print_setup", "print_workbook", "to_pdf", "wrap_text"]
