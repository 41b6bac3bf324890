"""Annual report tables (issue 26): on a phone Table 3's row headers stay on the left while
its numbers scroll (standard mode; 关怀版 keeps nothing sticky), and Table 2's single-value
rows show their value within the first screen width; on a desktop every table is exactly as
wide as the text column and sits on it, with Table 4's fifteen columns needing no sideways
scroll at 1366 px. Both modes."""

from __future__ import annotations

import pytest

from .conftest import FIGURES, SIDEWAYS_JS

pytestmark = pytest.mark.browser

MODES = ("standard", "care")
SCROLL_BY = 120

TABLE3_JS = """(by) => {
  const table = document.querySelector('#table3'), region = table.parentElement;
  region.scrollIntoView();
  const headers = [...table.querySelectorAll('tbody th')];
  const cell = table.querySelector('tbody td');
  const lefts = () => headers.map(h => h.getBoundingClientRect().left);
  const before = lefts(), cellBefore = cell.getBoundingClientRect().left;
  region.scrollLeft = by;
  const after = lefts(), cellAfter = cell.getBoundingClientRect().left;
  const box = region.getBoundingClientRect();
  return {
    overflow: region.scrollWidth - region.clientWidth,
    headers: headers.length,
    fixed: table.querySelectorAll('th.is-fixed').length,
    headerShift: Math.max(...after.map((x, i) => Math.abs(x - before[i]))),
    numberShift: cellBefore - cellAfter,
    fixedWidth: Math.max(...headers.map(h => h.getBoundingClientRect().right)) - box.left,
    regionWidth: region.clientWidth,
  };
}"""

# Table 2's values merged over several columns: where their text is against the visible
# part of the table's region (before any sideways scroll).
TABLE2_JS = """() => {
  const table = document.querySelector('#table2'), region = table.parentElement;
  const box = region.getBoundingClientRect();
  return [...table.querySelectorAll('td[colspan]')].map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const text = range.getBoundingClientRect();
    return { value: td.textContent.trim(), left: text.left - box.left,
             right: box.left + region.clientWidth - text.right };
  });
}"""

DESKTOP_JS = """() => {
  const text = document.querySelector('.article-body > section > p').getBoundingClientRect();
  return [...document.querySelectorAll('table.report-table')].map(table => {
    const region = table.parentElement, box = region.getBoundingClientRect();
    return { id: table.id, overflow: region.scrollWidth - region.clientWidth,
             left: box.left - text.left, width: box.width - text.width,
             textWidth: text.width };
  });
}"""


def _report(site):
    return f"{site['base']}/xxgk/{site['township'].slug}/nianbao/{site['report'].year}/"


def test_table3_row_headers_stay_on_the_left_while_the_numbers_scroll(new_page, site):
    mode = "standard"
    page = new_page(mode=mode, viewport="mobile")
    page.goto(_report(site))
    facts = page.evaluate(TABLE3_JS, SCROLL_BY)
    assert facts["overflow"] > SCROLL_BY  # the table is wider than a phone
    assert facts["fixed"] == facts["headers"] + 1  # every row header and the corner cell
    assert facts["headerShift"] <= 1
    assert abs(facts["numberShift"] - SCROLL_BY) <= 1
    assert facts["fixedWidth"] <= 0.65 * facts["regionWidth"]  # numbers keep 35 % or more
    assert page.evaluate(SIDEWAYS_JS) <= 0
    FIGURES.append(
        f"report Table 3 on a phone ({mode}): {facts['fixed']} headers fixed, moved "
        f"{facts['headerShift']:.1f} px while the numbers moved {facts['numberShift']:.0f} px; "
        f"headers {facts['fixedWidth']:.0f} of {facts['regionWidth']} px")


@pytest.mark.parametrize("how", ["without the script", "in care mode"])
def test_table3_scrolls_whole_without_the_script_and_in_care_mode(new_page, site, how):
    """关怀版 keeps nothing sticky (A11Y.md §8, check 23): its tables scroll whole."""
    page = new_page(viewport="mobile", javascript=how != "without the script",
                    mode="care" if how == "in care mode" else "standard")
    page.goto(_report(site))
    assert page.locator("#table3 th.is-fixed").count() == 0
    facts = page.evaluate(TABLE3_JS, SCROLL_BY)
    assert facts["overflow"] > SCROLL_BY
    assert abs(facts["numberShift"] - SCROLL_BY) <= 1
    assert page.evaluate(SIDEWAYS_JS) <= 0


@pytest.mark.parametrize("mode", MODES)
def test_table2_single_values_are_in_view_without_scrolling(new_page, site, mode):
    page = new_page(mode=mode, viewport="mobile")
    page.goto(_report(site))
    values = page.evaluate(TABLE2_JS)
    assert len(values) >= 4  # 行政许可, 行政处罚, 行政强制, 行政事业性收费
    hidden = [v for v in values if v["left"] < 0 or v["right"] < 0]
    assert hidden == []
    FIGURES.append(f"report Table 2 on a phone ({mode}): {len(values)} single-value rows, "
                   f"value text from {min(v['left'] for v in values):.0f} px into the table, "
                   f"{min(v['right'] for v in values):.0f} px or more before its visible edge")


@pytest.mark.parametrize("mode", MODES)
def test_tables_are_as_wide_as_the_text_column_and_table4_fits_at_1366(new_page, site, mode):
    page = new_page(mode=mode)
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(_report(site))
    tables = page.evaluate(DESKTOP_JS)
    assert [t["id"] for t in tables] == ["table2", "table3", "table4"]
    for table in tables:
        assert table["overflow"] <= 0, table
        assert abs(table["left"]) <= 1, table
        assert abs(table["width"]) <= 1, table
    assert page.evaluate(SIDEWAYS_JS) <= 0
    FIGURES.append(f"report tables at 1366 px ({mode}): 3 tables, each "
                   f"{tables[0]['textWidth']:.0f} px = the text column, left edge on it, "
                   f"Table 4 overflow {tables[2]['overflow']} px")
