"""纯文本 in a real browser: switched by links without JavaScript, no pictures, black text on
white, one column, under the site's CSP; in 关怀版 the type stays large."""

import pytest

pytestmark = pytest.mark.browser

LOOK_JS = """() => {
  const img = document.createElement('img');
  img.alt = '示意图'; img.width = 40; img.height = 40;
  document.querySelector('main').append(img);
  const body = getComputedStyle(document.body);
  const grid = document.querySelector('.two-col, .home-grid');
  return {
    visibleImages: [...document.images].filter(i => i.getClientRects().length).length,
    text: body.color, background: body.backgroundColor,
    grid: grid ? getComputedStyle(grid).display : 'none',
    bodySize: parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize),
    linkUnderline: getComputedStyle(document.querySelector('main a')).textDecorationLine,
  };
}"""


def test_text_mode_is_entered_and_left_by_links_without_javascript(new_page, site):
    page = new_page(javascript=False)
    url = site["item"].get_absolute_url()
    page.goto(site["base"] + url)
    assert page.locator("html.mode-text").count() == 0
    page.locator(".utility-nav").get_by_role("link", name="纯文本", exact=True).click()
    assert page.url.endswith(url)
    assert page.locator("html.mode-text").count() == 1
    page.locator(".main-nav").get_by_role("link", name="政府信息公开指南").click()
    assert page.locator("html.mode-text").count() == 1
    page.locator(".utility-nav").get_by_role("link", name="退出纯文本", exact=True).click()
    assert page.locator("html.mode-text").count() == 0


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_text_mode_shows_text_only_in_one_column(new_page, site, viewport):
    standard = new_page(viewport=viewport)
    standard.goto(site["base"] + "/")
    before = standard.evaluate(LOOK_JS)
    assert before["visibleImages"] == 1  # the probe picture shows in the standard page
    page = new_page(mode="text", viewport=viewport)
    page.goto(site["base"] + "/")
    look = page.evaluate(LOOK_JS)
    assert look["visibleImages"] == 0
    assert (look["text"], look["background"]) == ("rgb(0, 0, 0)", "rgb(255, 255, 255)")
    assert look["grid"] in ("block", "none")
    assert "underline" in look["linkUnderline"]
    care = new_page(mode="care-text", viewport=viewport)
    care.goto(site["base"] + "/")
    assert care.evaluate(LOOK_JS)["bodySize"] >= 20  # 关怀版 type kept in 纯文本


def test_the_toolbar_offers_text_mode(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")
    link = page.locator("#a11y-toolbar").get_by_role("link", name="纯文本", exact=True)
    link.click()
    assert page.locator("html.mode-text").count() == 1
