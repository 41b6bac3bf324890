"""axe-core (pinned, vendored) finds 0 WCAG 2.x A/AA violations on every public page type,
in standard mode, 关怀版, 纯文本 and 纯文本 in 关怀版, at 1280×800 and 375×812; plus cheap
structural checks per page: no sideways scrolling (375 and 320 px), no metadata or table cell
narrower than five characters on phones, and the main content of item and list pages in the
first screen."""

import pytest

from .conftest import (
    AXE_MODES,
    CHECKED,
    FIRST_SCREEN_JS,
    FIRST_SCREEN_PAGES,
    LOW_CONTRAST_JS,
    MODES,
    NARROW_CELLS_JS,
    VIEWPORTS,
    run_axe,
    unreviewed_contrast,
)
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
    badAlt: [...document.querySelectorAll('img[alt]')].map(i => i.alt.trim()).filter(a => a &&
      /\\.(jpe?g|png|gif|webp|svg)$|_|^(图片|image)\\d*$/i.test(a)),
    navLabels: [...document.querySelectorAll('nav')].map(n => n.getAttribute('aria-label')),
    vagueLinks: [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('aria-label'))
      .map(a => a.textContent.replace(/[\\s\\u3000]/g, ''))
      .filter(t => ['点击这里', '更多', '详情', '这里', '>>', 'here', '点此'].includes(t)),
    latinWithoutLang: [...document.querySelectorAll('body *')].filter(el => {
      if (el.closest('[lang]:not(html)') || el.children.length) return false;
      const t = el.textContent.trim(); if (t.length < 20) return false;
      return (t.match(/[A-Za-z]/g) || []).length / t.length > 0.8; }).map(el => el.textContent),
    overflow: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", AXE_MODES)
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
    undecided = []
    assert run_axe(page, incomplete_contrast=undecided) == []
    # every contrast pair decided, or reviewed in contrast_allowlist.txt (axe's known gaps)
    assert unreviewed_contrast(undecided, page) == []
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
    assert facts["badAlt"] == []
    assert None not in facts["navLabels"]
    assert len(set(facts["navLabels"])) == len(facts["navLabels"])
    assert facts["vagueLinks"] == []
    assert facts["latinWithoutLang"] == []
    assert run_axe(page, enhanced_contrast=True) == []
    assert page.evaluate(LOW_CONTRAST_JS, 7) == []
    assert facts["overflow"] <= 0
    classes = page.evaluate("document.documentElement.className")
    assert ("mode-care" in classes) == mode.startswith("care")
    assert ("mode-text" in classes) == mode.endswith("text")
    if name in FIRST_SCREEN_PAGES:  # the content, not the header, fills the first screen
        screen = page.evaluate(FIRST_SCREEN_JS)
        assert screen["headingBottom"] <= screen["screen"], screen
        assert screen["contentTop"] < screen["screen"], screen
    if viewport == "mobile":  # 375 px: no metadata or table cell under five characters wide
        assert page.evaluate(NARROW_CELLS_JS) == []
    if viewport == "mobile":  # reflow (WCAG 1.4.10) at 320 CSS px
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate(STRUCTURE_JS)["overflow"] <= 0
    assert page.foreign_requests == []
    CHECKED.append(f"{name}/{mode}/{viewport}")


def test_titles_are_unique_across_page_types(new_page, site):
    page = new_page()
    titles = {}
    for name, build, prepare in PAGES:
        path = build(site)
        if path is None or prepare is not None:
            continue
        page.goto(site["base"] + path)
        titles[name] = page.title()
    assert len(set(titles.values())) == len(titles), titles
    site_name = site["township"].county.site_name
    for name, title in titles.items():  # "页面名 - 乡镇名 - 站点名" (county pages omit 乡镇名)
        parts = title.split(" - ")
        assert parts[-1] == site_name, name
        assert 2 <= len(parts) <= 3, title
        if "township" in name or name in ("category_list", "item_detail", "guide", "system"):
            assert len(parts) == 3, title


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", MODES)
def test_no_axe_violations_when_toolbar_open_with_aids_on(new_page, site, mode, viewport):
    page = new_page(mode=mode, viewport=viewport)
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")
    for aid in ("zoom-in", "zoom-in", "cursor", "guides", "caption"):
        page.click(f"[data-a11y={aid}]")
    page.hover("main h1")
    assert run_axe(page) == []
    assert page.evaluate("document.scrollingElement.scrollWidth "
                         "- document.scrollingElement.clientWidth") <= 0


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
    assert ["P", "浅灰色文字", "1.92"] in page.evaluate(LOW_CONTRAST_JS, 7)
