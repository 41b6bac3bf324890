"""Word and Excel exports: open the files and check headings, cells and the round trip."""

import io

import docx
import openpyxl
import pytest

from reports import exports, importer
from tests.factories import make_township
from tests.reports.factories import make_report, reconciling_tables

pytestmark = pytest.mark.django_db


def _report(**fields):
    township = make_township(name="青石镇")
    return make_report(township=township, year=2024, tables=reconciling_tables(),
                       published=True, **fields)


def test_docx_has_title_six_headings_and_three_real_tables():
    report = _report(section_5="<h3>（一）存在的问题</h3><p>栏目更新不及时。</p>")
    document = docx.Document(io.BytesIO(exports.report_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading",
                                                                                 "Title"))]
    assert headings[0] == "青石镇2024年政府信息公开工作年度报告"
    assert headings[1:4] == ["一、总体情况", "二、主动公开政府信息情况",
                             "三、收到和处理政府信息公开申请情况"]
    assert "（一）存在的问题" in headings
    assert len(document.tables) == 3
    table3 = document.tables[1]
    assert table3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert table3.cell(3, 3).text == "13612"
    assert table3.cell(3, 9).text == "14069"
    assert document.tables[2].cell(3, 4).text == "790"
    assert document.paragraphs[-1].text == "2025年1月20日"


def test_docx_round_trip_gives_back_the_same_tables():
    report = _report()
    result = importer.parse_docx(io.BytesIO(exports.report_docx(report)))
    assert (result.title, result.year, result.township) == (report.title, 2024, "青石镇")
    assert result.tables["table3"] == report.frozen_tables["table3"]
    assert result.tables["table4"] == report.frozen_tables["table4"]
    assert result.tables["table2"] == report.frozen_tables["table2"]
    assert result.unplaced == []


def test_xlsx_sheets_hold_labels_and_numbers():
    report = _report()
    book = openpyxl.load_workbook(io.BytesIO(exports.report_xlsx(report)))
    assert book.sheetnames[0] == "报告信息"
    t3 = book[book.sheetnames[2]]
    rows = {row[0]: row for row in t3.iter_rows(values_only=True)}
    assert rows["r1"][1] == "一、本年新收政府信息公开申请数量"
    assert rows["r1"][4:] == (13612, 252, 0, 45, 128, 32, 14069)
    assert rows["r3_7"][-1] == 13810
    t2 = book[book.sheetnames[1]]
    values = {row[0]: row[1:] for row in t2.iter_rows(values_only=True)}
    assert values["行政事业性收费"][0] == pytest.approx(190.457379)
    t4 = book[book.sheetnames[3]]
    assert list(t4.iter_rows(values_only=True))[1] == ("行政复议", 376, 97, 196, 121, 790)


def test_legacy_report_exports_body_headings():
    township = make_township(name="南岭乡")
    report = make_report(township=township, year=2015, body="<h2>一、概述</h2><p>正文。</p>",
                         tables={"schema": "legacy", "statistics": {"主动公开信息数": 120}})
    document = docx.Document(io.BytesIO(exports.report_docx(report)))
    texts = [p.text for p in document.paragraphs]
    assert "一、概述" in texts
    assert "主动公开信息数：120" in texts
    assert document.tables == []
