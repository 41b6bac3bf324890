"""Server-rendered SVG charts: title, text summary and the same numbers as a table."""

import pytest
from django.urls import reverse

from oversight import charts
from oversight.refresh import refresh
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def test_bar_heights_are_proportional_to_values():
    chart = charts.column_chart("c", "标题", ["一月", "二月", "三月"], [0, 5, 10],
                                value_label="条数", category_label="月份", summary="概述")
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0
    assert heights[2] == 2 * heights[1] == charts.BAR_AREA_HEIGHT
    assert chart.rows == [("一月", 0), ("二月", 5), ("三月", 10)]
    assert [t.value for t in chart.ticks] == [0, 2, 4, 6, 8, 10]


def test_summary_names_total_highest_lowest_and_latest():
    text = charts.describe_series(["1月", "2月", "3月"], [4, 9, 1], "条")
    assert text == ("合计14条；最高为2月（9条），最低为3月（1条），最近一期为3月（1条）。")
    assert charts.describe_series(["1月"], [0], "件") == "这段时间内数值均为0。"


def test_dashboard_charts_have_svg_title_description_and_data_table(client, county, auditor):
    town = make_township(county=county, name="青石镇")
    make_item(township=town, published=True)
    refresh(county)
    client.force_login(auditor)
    body = client.get(reverse("admin:oversight_dashboard")).content.decode()
    for key in ("items-per-month", "overdue-applications", "stale-columns"):
        assert f'<figcaption id="{key}-title"' in body
        assert f'aria-labelledby="{key}-svg-title {key}-svg-desc"' in body
        assert f'<desc id="{key}-svg-desc">' in body
    assert '<th scope="row">青石镇</th><td>31</td>' in body  # stale-columns data table
    assert "<script" not in body.split('id="content-start"')[1].split("</main>")[0]
    assert ' style="' not in body.split('id="content-start"')[1].split("</main>")[0]
