"""关怀版 in a real browser: typography numbers, target sizes, single column, no JS needed."""

import pytest

from .conftest import run_axe
from .pages import PAGE_IDS, PAGES

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
@pytest.mark.parametrize(("name", "build", "prepare"), PAGES, ids=PAGE_IDS)
def test_care_mode_meets_typography_and_layout_numbers(new_page, site, name, build, prepare,
                                                       viewport):
    path = build(site)
    if path is None:
        pytest.skip(f"{name}: URL not available in this build")
    page = new_page(mode="care", viewport=viewport)
    page.goto(site["base"] + path)
    if prepare:
        prepare(page)
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
                                        "#a11y-toolbar button, #a11y-toolbar .a11y-link")
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
    page.locator(".main-nav").get_by_role("link", name="政府信息公开指南").click()
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


SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
CLIPPED_JS = """() => [...document.querySelectorAll('body *')].filter(el => {
  const s = getComputedStyle(el);
  return el.getClientRects().length && (s.overflow === 'hidden' || s.overflowY === 'hidden')
    && el.scrollHeight > el.clientHeight + 1; }).map(el => el.className || el.tagName)"""


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_text_spacing_and_double_root_font_neither_clip_nor_scroll(new_page, site, mode):
    page = new_page(mode=mode, bypass_csp=True)  # the test injects its own style block
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.add_style_tag(content=SPACING_CSS)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate(CLIPPED_JS) == []
    assert page.evaluate("document.scrollingElement.scrollWidth "
                         "- document.scrollingElement.clientWidth") <= 0


def test_reduced_motion_and_forced_colors_keep_focus_visible(browser, site, new_page):
    page = new_page()
    page.emulate_media(reduced_motion="reduce", forced_colors="active")
    page.goto(site["base"] + site["item"].get_absolute_url())
    long_animations = page.evaluate("""() => document.getAnimations().filter(a =>
      (a.effect && a.effect.getTiming().duration > 200)).length""")
    assert long_animations == 0
    page.click("#a11y-open")
    page.focus("[data-a11y=cursor]")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
      return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert style[0] != "none"
    assert style[1] >= 2
    # state is shown in text too (✓), not by colour alone
    assert page.evaluate("""() => getComputedStyle(
      document.querySelector('[data-a11y=cursor]'), '::after').content""") == '" ✓"'
