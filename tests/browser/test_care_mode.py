"""关怀版 in a real browser: typography numbers, target sizes, single column, no JS needed."""

import pytest

from .conftest import run_axe
from .pages import PAGES

pytestmark = pytest.mark.browser

TYPO_JS = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const visible = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  const body = [...document.querySelectorAll('main p, main li, main td')].filter(visible);
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || !visible(el)
      || el.closest('[hidden],noscript,script,style')) continue;
    if (px(el) < 18) small.push(el.tagName + ':' + node.textContent.trim().slice(0, 10)
      + ':' + px(el));
  }
  const ratios = body.map(el => {
    const s = getComputedStyle(el); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); });
  return {
    minBody: Math.min(...body.map(px)), small, h1: px(document.querySelector('h1')),
    minRatio: Math.min(...ratios),
    fixed: [...document.querySelectorAll('body *')].filter(el => visible(el) &&
      ['fixed', 'sticky'].includes(getComputedStyle(el).position)
        && !el.matches('.skip-link')).length,
    animations: document.getAnimations().length,
    dialogs: document.querySelectorAll('dialog[open], [role=dialog]').length,
    columns: getComputedStyle(document.querySelector('.two-col') || document.body)
      .gridTemplateColumns.split(' ').length,
  };
}"""

TARGETS_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect();
               return [el.textContent.trim(), Math.round(r.width), Math.round(r.height)]; })"""


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("name", ["township_home", "item_detail", "guide", "category_list"])
def test_care_mode_meets_typography_and_layout_numbers(new_page, site, name, viewport):
    build = next(b for n, b, _p in PAGES if n == name)
    page = new_page(mode="care", viewport=viewport)
    page.goto(site["base"] + build(site))
    facts = page.evaluate(TYPO_JS)
    assert facts["minBody"] >= 20
    assert facts["small"] == []
    assert facts["h1"] >= 30
    assert facts["minRatio"] >= 1.8
    assert facts["fixed"] == 0
    assert facts["animations"] == 0
    assert facts["dialogs"] == 0
    assert facts["columns"] == 1


def test_standard_mode_line_height_is_at_least_one_and_a_half(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    assert page.evaluate(TYPO_JS)["minRatio"] >= 1.5


@pytest.mark.parametrize(("mode", "minimum"), [("standard", 44), ("care", 60)])
def test_primary_nav_and_toolbar_targets_are_large_enough(new_page, site, mode, minimum):
    page = new_page(mode=mode)
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")
    targets = page.evaluate(TARGETS_JS, ".main-nav a, .utility-nav a, .utility-nav button, "
                                        "#a11y-toolbar button, #a11y-toolbar a")
    assert len(targets) > 15
    too_small = [t for t in targets if t[1] < minimum or t[2] < minimum]
    assert too_small == []


def test_care_mode_is_entered_and_left_by_links_without_javascript(new_page, site):
    page = new_page(javascript=False)
    page.goto(site["base"] + site["item"].get_absolute_url())
    assert page.locator("html.mode-care").count() == 0
    page.locator("header").get_by_role("link", name="关怀版", exact=True).click()
    assert page.url.endswith(site["item"].get_absolute_url())
    assert page.locator("html.mode-care").count() == 1
    page.reload()
    assert page.locator("html.mode-care").count() == 1
    page.locator("header").get_by_role("link", name="返回标准版", exact=True).click()
    assert page.locator("html.mode-care").count() == 0


def test_article_body_line_length_is_at_most_forty_characters(new_page, site):
    for mode in ("standard", "care"):
        page = new_page(mode=mode)
        page.goto(site["base"] + site["item"].get_absolute_url())
        ratio = page.evaluate("""() => { const b = document.querySelector('.article-body p');
          return b.clientWidth / parseFloat(getComputedStyle(b).fontSize); }""")
        assert ratio <= 40
        align = page.evaluate(
            "getComputedStyle(document.querySelector('.article-body p')).textAlign")
        assert align != "justify"


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_text_meets_seven_to_one_contrast_in_both_modes(new_page, site, mode):
    page = new_page(mode=mode)
    page.goto(site["base"] + site["item"].get_absolute_url())
    assert run_axe(page, enhanced_contrast=True) == []
