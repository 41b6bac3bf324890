"""The public site as a county portal, in a real browser: the header search box, 网站地图 and
找错 are reachable by keyboard everywhere, the phone menu and catalogue panel, the page tools,
print, wide tables and the 找错 form. (Sideways scrolling at 375 px, cell widths and content
in the first screen are checked on every page type in test_axe_pages.py.)"""

import pytest

from .conftest import NARROW_CELLS_JS, SIDEWAYS_JS
from .pages import PAGES

pytestmark = pytest.mark.browser

PHONE = "mobile"  # 375×812

def _open(new_page, site, name, build, prepare, **options):
    """The page in the state to check, or None when its app is not in this build."""
    path = build(site)
    if path is None:
        return None
    page = new_page(**options)
    page.goto(site["base"] + path)
    if prepare:
        prepare(page)
    return page


def test_narrow_cell_check_catches_a_squeezed_table(new_page, site):
    """Guard: the cell check can fail."""
    page = new_page(viewport=PHONE)
    page.goto(site["base"] + "/")
    # Styled through the CSSOM: the site's CSP blocks style="" attributes in inserted markup.
    page.evaluate("""() => { const table = document.createElement('table');
      Object.assign(table.style, { width: '100px', tableLayout: 'fixed' });
      const row = table.insertRow();
      for (const text of ['索引号很长的内容', '值']) {
        const cell = row.insertCell();
        cell.textContent = text;
        cell.style.minWidth = '0';
      }
      document.querySelector('main').append(table); }""")
    assert len(page.evaluate(NARROW_CELLS_JS)) == 2


FOCUS_JS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return null;
  return { name: el.getAttribute('name') || '', text: el.textContent.trim(), id: el.id,
           expanded: el.getAttribute('aria-expanded'),
           href: el.getAttribute('href') || '',
           inHeader: !!el.closest('header'), inFooter: !!el.closest('footer') }; }"""


def _reached_by_tab(page, limit=400):
    """Tab through the page (wrapping round once, as focus may start mid-page)."""
    found = {"search": False, "site_map": False, "feedback": False}
    left_page = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None:
            left_page += 1
            if left_page > 1:
                break
            continue
        if focus["id"] == "search-toggle" and focus["expanded"] == "false":
            page.keyboard.press("Enter")  # on a phone the field opens behind its button
            focus = page.evaluate(FOCUS_JS)
        if focus["inHeader"] and focus["name"] == "q":
            found["search"] = True
        if focus["text"] == "网站地图" and focus["href"]:
            found["site_map"] = True
        if focus["inFooter"] and focus["text"] == "政府网站找错":
            found["feedback"] = True
        if all(found.values()):
            break
    return found


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_search_box_site_map_and_error_report_are_reachable_by_keyboard_on_every_page(
        new_page, site, viewport):
    missed = {}
    for name, build, prepare in PAGES:
        page = _open(new_page, site, name, build, prepare, viewport=viewport)
        if page is None:
            continue
        found = _reached_by_tab(page)
        if not all(found.values()):
            missed[name] = found
        page.context.close()
    assert missed == {}


def test_keyboard_check_notices_an_unreachable_search_box(new_page, site):
    """Guard: a search box taken out of the tab order is reported."""
    page = new_page()
    page.goto(site["base"] + "/")
    page.evaluate("document.getElementById('search-q').tabIndex = -1")
    assert _reached_by_tab(page)["search"] is False


def test_menu_button_collapses_navigation_on_phones_and_works_by_keyboard(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(site["base"] + site["item"].get_absolute_url())
    button = page.locator("#menu-toggle")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#main-nav-list").is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-nav-list a").first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#main-nav-list') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "menu-toggle"
    desktop = new_page()
    desktop.goto(site["base"] + site["item"].get_absolute_url())
    assert not desktop.locator("#menu-toggle").is_visible()
    assert desktop.locator("#main-nav-list a").first.is_visible()


def test_navigation_and_catalogue_are_all_there_without_javascript(new_page, site):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(site["base"] + f"/xxgk/{site['township'].slug}/mulu/{site['category'].pk}/")
    assert not page.locator("#menu-toggle").is_visible()
    assert page.locator("#main-nav-list a").first.is_visible()
    assert page.locator("details.side-panel[open]").count() == 1


def test_catalogue_is_a_closed_panel_after_the_content_on_phones(new_page, site):
    url = site["base"] + f"/xxgk/{site['township'].slug}/mulu/{site['category'].pk}/"
    phone = new_page(viewport=PHONE)
    phone.goto(url)
    assert phone.locator("details.side-panel[open]").count() == 0
    h1 = phone.locator("main h1").bounding_box()
    summary = phone.locator("details.side-panel summary").bounding_box()
    assert summary["y"] > h1["y"]
    phone.locator("details.side-panel summary").focus()
    phone.keyboard.press("Enter")
    assert phone.locator("details.side-panel[open]").count() == 1
    desktop = new_page()
    desktop.goto(url)
    assert desktop.locator("details.side-panel[open]").count() == 1
    side = desktop.locator("nav.side").bounding_box()
    main_list = desktop.locator(".primary").bounding_box()
    assert side["x"] < main_list["x"]  # the catalogue on the left on wide screens


@pytest.mark.parametrize("javascript", [True, False])
def test_font_size_links_enlarge_and_shrink_the_article(new_page, site, javascript):
    page = new_page(javascript=javascript)
    page.goto(site["base"] + site["item"].get_absolute_url())
    size = "() => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)"
    normal = page.evaluate(size)
    page.locator(".doc-tools a[href='#zihao-da']").click()
    assert page.evaluate(size) > normal * 1.2
    page.locator(".doc-tools a[href='#zihao-xiao']").click()
    assert page.evaluate(size) < normal
    page.locator(".doc-tools a[href='#zihao-zhong']").click()
    assert page.evaluate(size) == normal


def test_print_button_appears_with_javascript_and_close_leads_back_to_the_list(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    assert page.locator("[data-print]").is_visible()
    page.locator("[data-close]").click()
    page.wait_for_load_state()
    assert f"/mulu/{site['item'].category_id}/" in page.url
    no_js = new_page(javascript=False)
    no_js.goto(site["base"] + site["item"].get_absolute_url())
    assert not no_js.locator("[data-print]").is_visible()


def test_print_stylesheet_prints_metadata_and_body_only(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.emulate_media(media="print")
    visible = {sel: page.locator(sel).first.is_visible() for sel in (
        "main h1", ".meta-grid", ".article-body", "header.site-header", "footer.site-footer",
        ".breadcrumbs", ".doc-tools", ".related", "#a11y-toolbar")}
    assert visible == {"main h1": True, ".meta-grid": True, ".article-body": True,
                       "header.site-header": False, "footer.site-footer": False,
                       ".breadcrumbs": False, ".doc-tools": False, ".related": False,
                       "#a11y-toolbar": False}


def test_wide_report_tables_scroll_in_their_own_region_with_a_visible_cue(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(site["base"] + f"/xxgk/{site['township'].slug}/nianbao/{site['report'].year}/")
    region = page.locator("#table3").locator("xpath=..")
    facts = region.evaluate("""r => ({ scrolls: r.scrollWidth > r.clientWidth,
      role: r.getAttribute('role'), tabindex: r.getAttribute('tabindex'),
      name: r.getAttribute('aria-label') || r.getAttribute('aria-labelledby') })""")
    assert facts == {**facts, "scrolls": True, "role": "region", "tabindex": "0"}
    assert facts["name"]
    hint = page.locator("xpath=//p[contains(@class, 'table-hint')][following-sibling::div[1]"
                        "/table[@id='table3']]")
    assert hint.is_visible()
    assert "左右滑动" in hint.inner_text()
    assert page.evaluate(SIDEWAYS_JS) <= 0
    desktop = new_page()
    desktop.goto(site["base"] + f"/xxgk/{site['township'].slug}/nianbao/{site['report'].year}/")
    assert not desktop.locator(".table-hint").first.is_visible()
    width = desktop.evaluate("""() => [document.querySelector('.report-table')
      .getBoundingClientRect().width, document.querySelector('.article-body > section > p')
      .getBoundingClientRect().width]""")
    assert abs(width[0] - width[1]) <= 1  # tables as wide as the text column (issue 26)


def test_footer_reaches_the_bottom_of_a_short_page(new_page, site):
    page = new_page()
    page.goto(site["base"] + "/xxgk/no-such-township/")
    gap = page.evaluate("""() => innerHeight
      - document.querySelector('footer.site-footer').getBoundingClientRect().bottom""")
    assert abs(gap) <= 1


def test_error_report_form_sends_the_report_to_the_page_township(new_page, site):
    from feedback.models import ErrorReport
    from tests.browser.pages import _submit_error_report

    page = new_page(javascript=False)
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.locator("footer").get_by_role("link", name="政府网站找错", exact=True).click()
    assert page.locator("main input[name=page_url]").input_value() == (
        site["item"].get_absolute_url())
    _submit_error_report(page)
    assert "受理编号" in page.locator("main").inner_text()
    report = ErrorReport.objects.get()
    assert report.township == site["township"]
    assert report.page_title.startswith(site["item"].title)
    # The current step (a <span>, not a link) and every ">" sit on the links' middle line.
    assert len(set(page.evaluate(CRUMB_MIDDLES_JS))) == 1


CRUMB_MIDDLES_JS = """() => [...document.querySelectorAll('.breadcrumbs li')]
  .filter(li => li.getClientRects().length).flatMap(li => {
    const range = document.createRange(); range.selectNodeContents(li.querySelector('a, span'));
    const text = range.getClientRects()[0], box = li.getBoundingClientRect();
    const centred = getComputedStyle(li).alignItems === 'center';  // ">" is a centred flex item
    return [Math.round(text.top + text.height / 2), centred ? Math.round(box.top + box.height / 2)
                                                            : -1]; })"""

ROW_JS = """(selector) => [...document.querySelectorAll(selector)].map(el => {
  const r = el.getBoundingClientRect(); return [Math.round(r.top), Math.round(r.height)]; })"""


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_county_tabs_stay_one_row_on_a_phone_and_the_last_scrolls_into_view(new_page, site,
                                                                             mode):
    page = new_page(viewport=PHONE, mode=mode)
    page.goto(site["base"] + "/")
    rows = page.evaluate(ROW_JS, "[role=tablist] [role=tab]")
    assert len(rows) == 4
    assert len({top for top, _height in rows}) == 1
    assert min(height for _top, height in rows) >= 44
    page.locator("[role=tab]").first.focus()
    page.keyboard.press("End")
    fits = page.evaluate("""() => { const list = document.querySelector('[role=tablist]');
      const tab = list.lastElementChild.getBoundingClientRect(), box = list.getBoundingClientRect();
      return tab.left >= box.left && tab.right <= box.right; }""")
    assert fits
    assert page.evaluate(SIDEWAYS_JS) <= 0


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_township_search_field_scope_and_button_share_one_row_on_a_desktop(new_page, site,
                                                                           mode):
    page = new_page(mode=mode)
    page.goto(site["base"] + site["township"].get_absolute_url())
    rows = page.evaluate(ROW_JS, ".search-row .search-input, .search-row .search-scope, "
                                 ".search-row .search-button")
    assert len(rows) == 3
    assert len({top for top, _height in rows}) == 1


def test_phone_search_button_opens_the_header_field_and_escape_closes_it(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(site["base"] + site["item"].get_absolute_url())
    button = page.locator("#search-toggle")
    assert button.is_visible()
    assert not page.locator("#search-q").is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.press("Escape")
    assert not page.locator("#search-q").is_visible()
    assert page.evaluate("document.activeElement.id") == "search-toggle"
    # On the results page the field holds the query, so it stays open; without JavaScript
    # (no button) the field is always there; on a desktop there is no button.
    page.goto(site["base"] + "/search/?q=通知")
    assert page.locator("#search-q").is_visible()
    no_js = new_page(viewport=PHONE, javascript=False)
    no_js.goto(site["base"] + site["item"].get_absolute_url())
    assert no_js.locator("#search-q").is_visible()
    assert not no_js.locator("#search-toggle").is_visible()
    desktop = new_page()
    desktop.goto(site["base"] + site["item"].get_absolute_url())
    assert desktop.locator("#search-q").is_visible()
    assert not desktop.locator("#search-toggle").is_visible()


def test_county_home_tabs_follow_the_aria_pattern_and_work_without_javascript(new_page, site):
    page = new_page()
    page.goto(site["base"] + "/")
    tabs = page.locator("[role=tablist] [role=tab]")
    assert tabs.all_inner_texts() == ["要闻", "通知公告", "政策文件", "政策解读"]
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    assert page.locator("#tab-yaowen").is_visible()
    assert not page.locator("#tab-tzgg").is_visible()
    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "通知公告"
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    assert page.locator("#tab-tzgg").is_visible()
    assert page.locator("#tab-tzgg").get_attribute("aria-labelledby") == "tab-tzgg-tab"
    assert not page.locator("#tab-yaowen").is_visible()
    page.keyboard.press("End")
    assert tabs.nth(3).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowRight")  # wraps round
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    assert tabs.nth(1).get_attribute("tabindex") == "-1"  # one Tab stop for the tab list
    no_js = new_page(javascript=False)
    no_js.goto(site["base"] + "/")
    assert no_js.locator("[role=tab]").count() == 0
    assert no_js.locator("h3.tab-heading").all_inner_texts() == [
        "要闻", "通知公告", "政策文件", "政策解读"]
    assert no_js.locator("#tab-zcjd").is_visible()
