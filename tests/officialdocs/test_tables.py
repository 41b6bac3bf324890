"""Tables fit their content: narrow number columns, wide label columns, no one-character
lines, header rows repeated and never split, numbers right-aligned, landscape when needed."""

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from officialdocs import Grid, OfficialDocument
from officialdocs.tables import fit, wrap_width
from tests.officialdocs.readback import (
    column_widths_chars,
    open_docx,
    page_setup,
    repeated_header_rows,
    rows_kept_whole,
)

LEAVES = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
HEADS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _grid(leaves=LEAVES) -> Grid:
    """Two header rows over three label columns (a group spanning every row, a sub-group)
    and seven number columns, like Table 3 of the annual report."""
    width = 3 + len(HEADS)
    rows = [["信息内容", None, None, "申请人情况", *[None] * 6],
            [None, None, None, *HEADS]]
    merges = [(0, 0, 1, 2), (0, 3, 0, 9)]
    heads = {(0, 0), (0, 3), *((1, c) for c in range(3, width))}
    for n, leaf in enumerate(leaves):
        r = 2 + n
        rows.append([("三、本年度办理结果" if n == 0 else None),
                     ("（三）不予公开" if n == 0 else None), leaf,
                     *[13612 + n, 252, 0, 45, 128, 32, 14069]])
        heads |= {(r, 2)} | ({(r, 0), (r, 1)} if n == 0 else set())
    last = 1 + len(leaves)
    merges += [(2, 0, last, 0), (2, 1, last, 1)]
    return Grid(rows=rows, merges=merges, heads=heads, header_rows=2)


@pytest.mark.parametrize(("length", "width"), [(2, 2), (3, 3), (4, 2), (5, 3), (6, 3), (7, 4),
                                               (9, 5), (13, 7)])
def test_wrap_width_never_leaves_one_character_alone(length, width):
    assert wrap_width(length) == width
    assert length <= width or length % width != 1


def test_label_column_wide_number_columns_narrow_and_the_table_fills_the_type_area():
    layout = fit(_grid(), landscape=False)
    widths = layout.widths
    assert max(widths[3:]) < 5  # numbers: a few characters
    assert widths[2] > 2 * max(widths[3:])  # the label column takes the room
    assert min(widths[:2]) >= 3  # group labels: no one-character lines
    assert widths[4] >= 2.2
    assert widths[6] >= 3.2


def test_table_with_long_labels_goes_landscape_and_short_one_stays_portrait():
    assert fit(_grid()).landscape is True  # the longest label would take 4 lines in portrait
    assert fit(_grid(LEAVES[:3])).landscape is False


def test_written_table_repeats_its_header_keeps_rows_whole_and_aligns_numbers_right():
    doc = OfficialDocument()
    doc.paragraph("表前的正文。")
    doc.table(_grid(), caption="表三 收到和处理政府信息公开申请情况", unit="单位：件")
    doc.paragraph("表后的正文。")
    document = open_docx(doc.to_bytes())
    table = document.tables[0]
    assert repeated_header_rows(table) == 2
    assert rows_kept_whole(table)
    assert table.cell(2, 3).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(2, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert table.cell(1, 3).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    _portrait, landscape, after = document.sections
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert page_setup(landscape)["size_mm"] == (297, 210)
    assert page_setup(landscape)["margins_mm"] == (28, 37, 26, 35)  # 225 × 156 mm
    assert after.orientation == WD_ORIENT.PORTRAIT
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == pytest.approx(Mm(225).twips, abs=10)  # as wide as the 版心
    assert min(column_widths_chars(table, 10.5)) >= 2
    texts = [p.text for p in document.paragraphs]
    assert texts.index("表三 收到和处理政府信息公开申请情况") < texts.index("单位：件")
