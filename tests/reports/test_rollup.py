"""County roll-up: Tables 2–4 summed over published reports, missing townships listed."""

import io

import openpyxl
import pytest

from reports import deadlines, exports
from tests.factories import make_county, make_township
from tests.reports.factories import make_report, reconciling_tables, small_tables

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
    data = exports.rollup(county, 2024)
    tables = data["tables"]
    assert tables["table3"]["r1"]["total"] == 14069 + 3
    assert tables["table3"]["r2"]["natural"] == 560 + 1
    assert tables["table4"]["review"]["total"] == 790
    assert tables["table2"]["fees"]["amount_wan_yuan"] == pytest.approx(190.457379)
    assert data["reported"] == [a, b]
    assert data["missing"] == [c, d]


def test_rollup_xlsx_lists_missing_townships_and_sums():
    county, _townships = _county()
    content = exports.rollup_xlsx(county, 2024, deadlines.county_deadlines(county, 2024))
    book = openpyxl.load_workbook(io.BytesIO(content))
    missing = [row[0] for row in book["未发布年报的乡镇"].iter_rows(min_row=2, values_only=True)]
    assert missing == ["丙镇", "丁镇"]
    t3 = next(book[name] for name in book.sheetnames if name.startswith("汇总表三"))
    rows = {row[0]: row for row in t3.iter_rows(values_only=True)}
    assert rows["r1"][-1] == 14072
