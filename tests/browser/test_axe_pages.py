"""axe-core (pinned, vendored) finds 0 WCAG 2.x A/AA violations on every public page type,
in standard mode and 关怀版, at 1280×800 and 375×812; plus cheap structural checks per page."""

import pytest

from .conftest import CHECKED, MODES, VIEWPORTS, run_axe
from .pages import PAGE_IDS, PAGES

pytestmark = pytest.mark.browser

STRUCTURE_JS = """() => {
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')];
  const empty = headings.filter(h => !h.textContent.replace(/[\\s\\u3000\\u00a0]/g, '')).length;
  let skipped = 0, last = 0;
  for (const h of headings) { const l = +h.tagName[1]; if (last && l > last + 1) skipped++;
    last = l; }
  const tables = [...document.querySelectorAll('main table')];
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    title: document.title,
    emptyHeadings: empty, skippedLevels: skipped,
    tablesWithoutCaption: tables.filter(t => !t.querySelector('caption')).length,
    thWithoutScope: document.querySelectorAll('main th:not([scope])').length,
    headers: document.querySelectorAll('body > header, body > footer, main').length,
    imgNoAlt: document.querySelectorAll('img:not([alt])').length,
    overflow: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "build", "prepare"), PAGES, ids=PAGE_IDS)
def test_no_axe_violations_when_page_type_is_rendered(new_page, site, name, build, prepare,
                                                       mode, viewport):
    path = build(site)
    if path is None:
        pytest.skip(f"{name}: URL not available in this build")
    page = new_page(mode=mode, viewport=viewport)
    page.goto(site["base"] + path)
    if prepare:
        prepare(page)
    assert run_axe(page) == []
    facts = page.evaluate(STRUCTURE_JS)
    assert facts["lang"] == "zh-CN"
    assert facts["h1"] == 1
    assert facts["title"].strip()
    assert facts["emptyHeadings"] == 0
    assert facts["skippedLevels"] == 0
    assert facts["tablesWithoutCaption"] == 0
    assert facts["thWithoutScope"] == 0
    assert facts["headers"] == 3
    assert facts["imgNoAlt"] == 0
    assert facts["overflow"] <= 0
    assert ("mode-care" in page.evaluate("document.documentElement.className")) == (mode == "care")
    if viewport == "mobile":  # reflow (WCAG 1.4.10) at 320 CSS px
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate(STRUCTURE_JS)["overflow"] <= 0
    assert page.foreign_requests == []
    CHECKED.append(f"{name}/{mode}/{viewport}")


def test_axe_reports_violation_when_page_is_broken(new_page, site):
    """Guard: the harness really runs axe (a seeded failure must be found)."""
    page = new_page()
    page.goto(site["base"] + "/")
    page.evaluate("""() => { const p = document.createElement('p');
        p.textContent = '浅灰色文字'; p.style.color = '#bbbbbb';
        document.querySelector('main').append(p);
        document.querySelector('main').append(document.createElement('img')); }""")
    ids = {rule for rule, _help, _nodes in run_axe(page)}
    assert {"color-contrast", "image-alt"} <= ids
