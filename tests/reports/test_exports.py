"""Word and Excel exports in the official layout: open the files and check the title, merged
header cells, row labels, units, numbers and the signing body (rendered with LibreOffice in
test_rendered_documents.py, one run for all documents)."""

import io

import docx
import openpyxl
import pytest

from reports import exports, importer
from reports.schemas import SECTION_HEADINGS
from tests.factories import make_township
from tests.reports.factories import make_report, reconciling_tables

pytestmark = pytest.mark.django_db


def _report(**fields):
    township = make_township(name="青石镇")
    return make_report(township=township, year=2024, tables=reconciling_tables(),
                       published=True, **fields)


def _spans(table):
    """{(row, col): (rows, cols)} of each merged cell's top-left, read from the XML."""
    spans = {}
    grid = [[cell._tc for cell in row.cells] for row in table.rows]
    for r, row in enumerate(grid):
        for c, tc in enumerate(row):
            if (r and grid[r - 1][c] is tc) or (c and row[c - 1] is tc):
                continue
            rows = sum(1 for k in range(r, len(grid)) if grid[k][c] is tc)
            cols = sum(1 for k in range(c, len(row)) if row[k] is tc)
            if rows > 1 or cols > 1:
                spans[(r, c)] = (rows, cols)
    return spans


def test_docx_has_title_headings_units_signature_and_three_real_tables():
    report = _report(section_5="<h3>（一）存在的问题</h3><p>栏目更新不及时。</p>")
    document = docx.Document(io.BytesIO(exports.report_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading",
                                                                                 "Title"))]
    assert headings[0] == "青石镇2024年政府信息公开工作年度报告"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == list(
        SECTION_HEADINGS[report.schema])
    assert [p.text for p in document.paragraphs if p.text.startswith("表")] == [
        "表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
        "表四 政府信息公开行政复议、行政诉讼情况"]  # captions over the tables
    assert "（一）存在的问题" in headings
    texts = [p.text for p in document.paragraphs]
    assert texts.count("单位：件") == 2  # above Tables 3 and 4
    assert texts[-2:] == [report.signing_body, "2025年1月20日"]
    assert len(document.tables) == 3
    table3 = document.tables[1]
    assert table3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert table3.cell(3, 3).text == "13612"
    assert table3.cell(3, 9).text == "14069"
    assert document.tables[2].cell(3, 4).text == "790"


def test_docx_tables_merge_headers_like_the_official_layout():
    document = docx.Document(io.BytesIO(exports.report_docx(_report())))
    table2, table3, table4 = document.tables
    spans = _spans(table3)
    assert spans[(0, 0)] == (3, 3)      # 信息内容（勾稽关系）
    assert spans[(0, 3)] == (1, 7)      # 申请人情况
    assert spans[(1, 4)] == (1, 5)      # 法人或其他组织
    assert spans[(1, 3)] == (2, 1)      # 自然人
    assert spans[(3, 0)] == (1, 3)      # 一、本年新收…
    assert spans[(5, 0)] == (22, 1)     # 三、本年度办理结果 over its 22 rows
    assert spans[(7, 1)] == (8, 1)      # （三）不予公开 over its 8 sub-rows
    assert table3.cell(7, 1).text == "（三）不予公开"
    assert _spans(table4)[(0, 0)] == (2, 5)
    assert _spans(table4)[(0, 5)] == (1, 10)
    assert _spans(table2)[(0, 0)] == (1, 4)  # 第二十条第（一）项
    assert table2.cell(0, 0).text == "第二十条第（一）项"


def test_docx_round_trip_gives_back_the_same_tables():
    report = _report()
    result = importer.parse_docx(io.BytesIO(exports.report_docx(report)))
    assert (result.title, result.year, result.township) == (report.title, 2024, "青石镇")
    assert result.tables["table3"] == report.frozen_tables["table3"]
    assert result.tables["table4"] == report.frozen_tables["table4"]
    assert result.tables["table2"] == report.frozen_tables["table2"]
    assert result.unplaced == []


def test_xlsx_sheets_are_laid_out_like_the_official_tables():
    report = _report()
    book = openpyxl.load_workbook(io.BytesIO(exports.report_xlsx(report)))
    assert book.sheetnames == ["报告信息", "表二 主动公开政府信息情况",
                               "表三 收到和处理政府信息公开申请情况",
                               "表四 政府信息公开行政复议、行政诉讼情况"]
    t3 = book["表三 收到和处理政府信息公开申请情况"]
    assert t3["A1"].value == report.title
    assert t3["A2"].value == "表三 收到和处理政府信息公开申请情况"
    assert t3["A3"].value == "单位：件"
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A1:J1", "A4:C6", "D4:J4", "D5:D6", "E5:I5", "J5:J6", "A7:C7", "A9:A30",
            "B11:B18"} <= merged
    assert t3["A4"].value.startswith("信息内容（本列数据的勾稽关系为")
    assert t3["E6"].value == "商业企业"
    assert t3["B11"].value == "（三）不予公开"
    assert [c.value for c in t3[7]] == ["一、本年新收政府信息公开申请数量", None, None,
                                        13612, 252, 0, 45, 128, 32, 14069]
    assert t3["A31"].value == "四、结转下年度继续办理"
    assert t3["A33"].value == report.signing_body
    assert t3["A34"].value == "2025年1月20日"
    t2 = book["表二 主动公开政府信息情况"]
    fee = next(row for row in t2.iter_rows(values_only=True) if row[0] == "行政事业性收费")
    assert fee[1] == pytest.approx(190.457379)
    t4 = book["表四 政府信息公开行政复议、行政诉讼情况"]
    assert {"A4:E5", "F4:O4", "F5:J5", "K5:O5"} <= {str(r) for r in t4.merged_cells.ranges}
    assert [c.value for c in t4[7]][:5] == [376, 97, 196, 121, 790]


def test_legacy_report_exports_body_headings():
    township = make_township(name="南岭乡")
    report = make_report(township=township, year=2015, body="<h2>一、概述</h2><p>正文。</p>",
                         tables={"schema": "legacy", "statistics": {"主动公开信息数": 120}})
    document = docx.Document(io.BytesIO(exports.report_docx(report)))
    texts = [p.text for p in document.paragraphs]
    assert "一、概述" in texts
    assert "主动公开信息数：120" in texts
    assert document.tables == []
