"""Excel exports of the dashboard and of drill-down lists, opened and checked cell by cell."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from oversight.refresh import refresh
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def town(county):
    township = make_township(county=county, name="青石镇")
    make_item(township=township, published=True, title="关于农田水利建设的通知",
              written_on=D(2024, 3, 4), published_on=D(2024, 4, 3))
    return township


def open_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(BytesIO(response.content))


def test_dashboard_export_has_grouped_headers_and_one_row_per_township(client, town, auditor):
    make_township(county=town.county, name="柳溪乡")
    refresh(town.county, today=D(2024, 12, 31))
    client.force_login(auditor)
    book = open_xlsx(client.get(reverse("admin:oversight_dashboard_xlsx")))
    sheet = book["各乡镇检查结果"]
    assert [sheet.cell(1, c).value for c in (1, 2, 3)] == ["乡镇", "结论", "问题和需关注事项"]
    assert "A1:A2" in {str(r) for r in sheet.merged_cells.ranges}
    groups = {sheet.cell(1, c).value: c for c in range(4, sheet.max_column + 1)
              if sheet.cell(1, c).value}
    art26 = groups["发布及时性"]
    assert f"{sheet.cell(1, art26).coordinate}:{sheet.cell(1, art26 + 2).coordinate}" in {
        str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(2, art26 + i).value for i in range(3)] == [
        "超过20个工作日", "无法判断", "本年发布"]
    rows = {sheet.cell(r, 1).value: r for r in (3, 4)}
    assert set(rows) == {"青石镇", "柳溪乡"}
    row = rows["青石镇"]
    assert sheet.cell(row, 2).value == "存在问题"
    assert "1条信息超过20个工作日才发布" in sheet.cell(row, 3).value
    assert [sheet.cell(row, art26 + i).value for i in range(3)] == [1, 0, 1]
    items = groups["信息发布"]
    last = sheet.cell(row, items + 2).value
    assert last.date() == D(2024, 4, 3)
    assert book["说明"]["B1"].value == town.county.name
    months = book["近12个月每月发布"]
    assert months["A1"].value == "乡镇"
    assert months.cell(1, 2).value == "2024年1月"
    assert months.cell(1, 13).value == "2024年12月"
    qingshi = next(r for r in (2, 3) if months.cell(r, 1).value == "青石镇")
    assert [months.cell(qingshi, c).value for c in range(2, 14)] == [0, 0, 0, 1] + [0] * 8


def test_drill_down_export_lists_findings_with_absolute_links(client, town, auditor):
    refresh(town.county)
    client.force_login(auditor)
    url = reverse("admin:oversight_findings_xlsx", args=[town.pk, "items"])
    sheet = open_xlsx(client.get(url)).active
    assert [c.value for c in sheet[1]] == ["名称", "目录", "发布日期", "索引号", "问题级别",
                                           "后台链接", "公开页面"]
    assert sheet.max_row == 1  # nothing published this year (the item is from 2024)
    url = reverse("admin:oversight_findings_xlsx", args=[town.pk, "pages"])
    sheet = open_xlsx(client.get(url)).active
    assert sheet["A2"].value == "政府信息公开制度为空"
    assert sheet["B2"].value == "问题"
    assert sheet["C2"].value == f"http://testserver/admin/townships/township/{town.pk}/change/"


def test_every_check_exports_a_sheet_named_after_it(client, town, auditor):
    from oversight.checks import CHECKS

    refresh(town.county)
    client.force_login(auditor)
    for check in CHECKS:
        url = reverse("admin:oversight_findings_xlsx", args=[town.pk, check.key])
        book = open_xlsx(client.get(url))
        assert book.active.title == str(check.title)[:31]
        assert book["说明"]["B2"].value == str(check.title)
