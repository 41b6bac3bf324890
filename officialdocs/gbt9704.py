"""The numbers of GB/T 9704-2012 (党政机关公文格式) that every generated document follows.

Page: A4 (210 × 297 mm). 版心 (the type area): 156 × 225 mm; 天头 (top margin) 37 mm, 订口
(left margin) 28 mm, so the right margin is 26 mm and the bottom one 35 mm. Body text: 3号
仿宋 (16 pt), 22 lines a page and 28 characters a line. Title: 2号 小标宋. Headings: 一、 in 黑体,
（一） in 楷体, 1. and （1） in 仿宋. Page numbers: 4号 半角 宋体 between two 一字线 (— 1 —), 7 mm
below the 版心, odd pages to the right and even pages to the left, one character in.
"""

from __future__ import annotations

from docx.shared import Emu, Mm, Pt

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, LEFT_MARGIN = Mm(37), Mm(28)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
RIGHT_MARGIN = Emu(PAGE_WIDTH - LEFT_MARGIN - TEXT_WIDTH)  # 26 mm
BOTTOM_MARGIN = Emu(PAGE_HEIGHT - TOP_MARGIN - TEXT_HEIGHT)  # 35 mm
#: Headers and footers, measured from the page edges (checked on LibreOffice renders):
#: 信函格式's issuing body mark starts 30 mm from the top edge and its closing red double
#: line lies 20 mm from the bottom edge; the page number's 一字线 lie 7 mm below the 版心,
#: lifted there by spacing under the number.
HEADER_DISTANCE = Mm(28)
FOOTER_DISTANCE = Mm(19.5)
PAGE_NUMBER_LIFT = Mm(5.6)

LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

#: Chinese type sizes (字号) in points.
SIZE = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
        "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}
BODY_SIZE = Pt(SIZE["三号"])
TITLE_SIZE = Pt(SIZE["二号"])
MARK_SIZE = Pt(SIZE["小初"])  # 发文机关标志: "推荐使用小标宋体字", no fixed size; 小初 is usual
PAGE_NUMBER_SIZE = Pt(SIZE["四号"])
COLOPHON_SIZE = Pt(SIZE["四号"])
TABLE_SIZE = Pt(SIZE["五号"])

#: One grid line: 225 mm / 22 lines, in twentieths of a point (579.7 → 579 as templates use).
LINE_PITCH_TWIPS = 579
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
#: 28 characters a line: the pitch is 156 mm / 28 = 15.79 pt, so body characters are set
#: 0.25 pt closer than their 16 pt (twentieths of a point); 28 fit a line, 29 do not.
CHAR_CONDENSE_TWIPS = -5

RED = "FF0000"
