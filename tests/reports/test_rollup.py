"""County roll-up: Tables 2–4 summed over published reports in the official layout, each
township's status listed, and the same in Excel with merged headers."""

import io

import openpyxl
import pytest
from django.urls import reverse

from reports import rollup
from tests.factories import make_county, make_member, make_township
from tests.reports.factories import make_report, reconciling_tables, small_tables
from townships.models import Role

pytestmark = pytest.mark.django_db


def _county():
    county = make_county()
    a, b, c, d = (make_township(county=county, name=n) for n in ("甲镇", "乙乡", "丙镇", "丁镇"))
    make_report(township=a, year=2024, tables=reconciling_tables(), published=True)
    make_report(township=b, year=2024, tables=small_tables(new=3, carried=1), published=True)
    make_report(township=c, year=2024, tables=small_tables(new=9, carried=0))  # draft
    return county, (a, b, c, d)


def test_rollup_sums_published_reports_only():
    county, (a, b, c, d) = _county()
    data = rollup.rollup(county, 2024)
    tables = data["tables"]
    assert tables["table3"]["r1"]["total"] == 14069 + 3
    assert tables["table3"]["r2"]["natural"] == 560 + 1
    assert tables["table4"]["review"]["total"] == 790
    assert tables["table2"]["fees"]["amount_wan_yuan"] == pytest.approx(190.457379)
    assert data["reported"] == [a, b]
    assert data["missing"] == [c, d]
    assert [rollup.status_label(row) for row in data["rows"]] == ["已发布", "已发布", "草稿",
                                                                  "未创建"]


def test_rollup_page_shows_tables_in_the_official_layout_and_each_status(client):
    county, _townships = _county()
    client.force_login(make_member(role=Role.COUNTY_AUDITOR, county=county))
    html = client.get(reverse("admin:reports_annualreport_rollup") + "?year=2024").content.decode()
    assert '<caption id="table3-caption">表三 收到和处理政府信息公开申请情况</caption>' in html
    assert 'headers="t3-r1 t3-applicant t3-c-total">14072<' in html
    assert '"schema"' not in html  # no raw JSON
    assert "<th scope=\"row\">丙镇</th>" in html
    assert "草稿" in html
    assert "未创建" in html


def test_rollup_xlsx_has_status_and_summed_tables_with_merged_headers():
    county, _townships = _county()
    book = openpyxl.load_workbook(io.BytesIO(rollup.rollup_xlsx(county, 2024)))
    status = list(book["报送情况"].iter_rows(min_row=3, values_only=True))
    assert [(row[0], row[2], row[6]) for row in status] == [
        ("甲镇", "已发布", "是"), ("乙乡", "已发布", "是"), ("丙镇", "草稿", "否"),
        ("丁镇", "未创建", "否")]
    missing = [row[0] for row in book["未发布年报的乡镇"].iter_rows(min_row=2, values_only=True)]
    assert missing == ["丙镇", "丁镇"]
    t3 = book["表三 收到和处理政府信息公开申请情况"]
    assert t3["A1"].value == "清河县2024年度乡镇政府信息公开工作年度报告汇总"
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A4:C6", "D4:J4", "E5:I5", "A9:A30"} <= merged
    row_r1 = next(row for row in t3.iter_rows(values_only=True)
                  if row[0] == "一、本年新收政府信息公开申请数量")
    assert row_r1[3:] == (13612 + 3, 252, 0, 45, 128, 32, 14072)
