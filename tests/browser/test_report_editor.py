"""The annual-report table editor in a real browser: 0 axe violations, live totals, every
input named by its row and column headers, keyboard order, and saving without JavaScript."""

import re

import pytest
from django.urls import reverse

from reports import services
from tests.factories import make_member
from tests.reports.factories import make_report
from townships.models import Role

from .conftest import run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(site, staff_page):
    township = site["township"]
    user = make_member(township=township, role=Role.PUBLISHER)
    # `site` already holds the township's published 2024 report; this is the next year's draft.
    report = make_report(township=township, year=2025)
    services.derive_report(report, user)
    url = site["base"] + reverse("admin:reports_annualreport_tables", args=[report.pk])

    def _open(**kwargs):
        page = staff_page(user, **kwargs)
        page.goto(url)
        return page

    return {"open": _open, "report": report}


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_no_axe_violations_on_the_editor_with_and_without_errors(editor, viewport):
    page = editor["open"](viewport=viewport)
    assert page.locator("h1").count() == 1
    assert run_axe(page) == []
    page.fill("#id_table3-r4-natural", "x")
    page.fill("#id_table2-licensing-decisions", "3")
    page.click("input[type=submit].default")
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert run_axe(page) == []


def test_totals_and_balance_update_while_typing(editor):
    page = editor["open"]()
    page.fill("#id_table3-r1-natural", "7")
    page.fill("#id_table3-r1-legal", "2")
    assert page.text_content("#out-table3-r1-total") == "9"
    assert "勾稽关系不符" in page.text_content("#t3-balance")
    page.fill("#id_table3-r3_1-natural", "7")
    page.fill("#id_table3-r3_1-legal", "2")
    page.fill("#id_table3-r4-natural", "0")
    assert page.text_content("#out-table3-r3_7-total") == "9"
    assert "勾稽关系不符" not in page.text_content("#t3-balance")


def test_inputs_are_named_by_row_and_column_headers(editor):
    page = editor["open"]()
    box = page.get_by_role("textbox", name=re.compile(
        r"^四、结转下年度继续办理 申请人情况 法人或其他组织 法律服务机构$"))
    assert box.get_attribute("name") == "table3-r4-legal"
    box = page.get_by_role("textbox",
                           name=re.compile(r"^行政许可 第二十条第（五）项 本年处理决定数量$"))
    assert box.get_attribute("name") == "table2-licensing-decisions"


def test_tab_moves_along_the_row_then_to_the_next_row(editor):
    page = editor["open"]()
    page.focus("#id_table3-r1-natural")
    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.name"))
    assert order == ["table3-r1-commercial", "table3-r1-research", "table3-r1-social",
                     "table3-r1-legal", "table3-r1-other", "table3-r2-natural",
                     "table3-r2-commercial"]
    outline = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline >= 2


def test_saving_without_javascript_recomputes_the_totals_on_the_server(editor):
    page = editor["open"](javascript=False)
    page.fill("#id_table3-r2-natural", "4")
    page.fill("#id_table3-r3_1-natural", "4")
    assert page.text_content("#out-table3-r2-total") == "0"  # nothing live without the script
    page.click("input[type=submit].default")
    page.wait_for_load_state()
    assert "此数由系统生成，修改须在下方填写理由" in page.content()
    page.fill("#id_override_reason", "上年纸质登记的申请未录入系统")
    page.click("input[type=submit].default")
    page.wait_for_load_state()
    assert page.text_content("#out-table3-r2-total") == "4"
    assert page.text_content("#out-table3-r3_7-total") == "4"
    assert "统计表已保存" in page.content()
