"""The county oversight pages (back office): axe-core finds no WCAG 2.x A/AA violation at
1280×800 and 375×812 with every chart's data table opened; tables have captions and header
scopes, charts are labelled images with a title and description, and the dashboard's own
content reaches 7:1 text contrast. Logged in through a session cookie."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .conftest import CHECKED, VIEWPORTS, run_axe

pytestmark = pytest.mark.browser

# 7:1 for every visible text node inside the oversight content (the admin chrome around it
# is Django's own); same computation as conftest.LOW_CONTRAST_JS, rooted at `.ov`.
CONTENT_CONTRAST_JS = """(minimum) => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0.99) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const bad = [];
  for (const root of document.querySelectorAll('.ov')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || !el.getClientRects().length
          || el.closest('.visually-hidden, [hidden]')) continue;
      const fg = lum(parse(getComputedStyle(el).color)), bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < minimum) bad.push([el.tagName, el.textContent.trim().slice(0, 12),
                                     ratio.toFixed(2)]);
    }
  }
  return bad;
}"""

STRUCTURE_JS = """() => ({
  h1: document.querySelectorAll('h1').length,
  lang: document.documentElement.lang,
  tablesWithoutCaption: document.querySelectorAll('main table:not(:has(caption))').length,
  thWithoutScope: document.querySelectorAll('main th:not([scope])').length,
  charts: [...document.querySelectorAll('main svg[role=img]')].map(svg => {
    const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
    return ids.length === 2 && ids.every(id => document.getElementById(id)?.textContent.trim())
      && !!svg.closest('figure').querySelector('figcaption')
      && !!svg.closest('figure').querySelector('details table caption');
  }),
  scrollers: [...document.querySelectorAll('.ov-scroll')].map(el =>
    el.tabIndex === 0 && !!el.getAttribute('aria-labelledby')),
  inlineScripts: document.querySelectorAll('script:not([src])').length,
})"""


@pytest.fixture
def oversight(site):
    from oversight import notices
    from oversight.models import RectificationNotice
    from oversight.refresh import refresh
    from tests.factories import make_member
    from townships.models import Role

    township = site["township"]
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=township.county)
    notice = notices.send_notice(RectificationNotice(
        township=township, title="政策文件栏目超过6个月未更新", body="请补充发布本年度文件。",
        due_on=timezone.localdate() + datetime.timedelta(days=10)), user=auditor)
    refresh(township.county)
    client = Client()
    client.force_login(auditor)
    return {"session": client.cookies["sessionid"].value, "notice": notice}


PAGES = [
    ("dashboard", lambda s, o: reverse("admin:oversight_dashboard")),
    ("township", lambda s, o: reverse("admin:oversight_township", args=[s["township"].pk])),
    ("findings", lambda s, o: reverse("admin:oversight_findings",
                                      args=[s["township"].pk, "columns"])),
    ("notice", lambda s, o: reverse("admin:oversight_rectificationnotice_change",
                                    args=[o["notice"].pk])),
]


def _logged_in(new_page, site, oversight, viewport, **options):
    page = new_page(viewport=viewport, **options)
    host = site["base"].split("//", 1)[1].split(":")[0]
    page.context.add_cookies([{"name": "sessionid", "value": oversight["session"],
                               "domain": host, "path": "/"}])
    return page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "build"), PAGES, ids=[name for name, _b in PAGES])
def test_no_axe_violations_on_oversight_pages(new_page, site, oversight, name, build,
                                               viewport):
    # axe's CSSOM preload copies @import-ed sheets (Django admin's forms.css imports
    # widgets.css, on the notice's change form) into inline <style> elements, which the
    # site's CSP rightly blocks; the policy is checked without axe in the test below.
    page = _logged_in(new_page, site, oversight, viewport, bypass_csp=True)
    page.goto(site["base"] + build(site, oversight))
    assert page.locator("h1").first.text_content()
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert run_axe(page) == []
    facts = page.evaluate(STRUCTURE_JS)
    assert facts["h1"] == 1
    assert facts["lang"].startswith("zh")
    assert facts["tablesWithoutCaption"] == 0
    assert facts["thWithoutScope"] == 0
    assert all(facts["charts"])
    assert all(facts["scrollers"])
    assert page.evaluate(CONTENT_CONTRAST_JS, 7) == []
    CHECKED.append(f"oversight-{name}/{viewport}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "build"), PAGES, ids=[name for name, _b in PAGES])
def test_oversight_pages_raise_no_csp_violations(new_page, site, oversight, name, build,
                                                 viewport):
    """The same pages under the enforced policy (`new_page` fails the test on any violation)."""
    page = _logged_in(new_page, site, oversight, viewport)
    page.goto(site["base"] + build(site, oversight))
    assert page.locator("h1").first.text_content()
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def test_dashboard_shows_four_charts_and_the_township_row(new_page, site, oversight):
    page = _logged_in(new_page, site, oversight, "desktop")
    page.goto(site["base"] + reverse("admin:oversight_dashboard"))
    # items per month, 答复逾期, 暂停逾期 (one chart per kind of lateness), stale columns
    assert page.locator("main figure svg[role=img]").count() == 4
    row = page.locator("main .ov-table tbody tr", has_text=site["township"].name)
    assert row.count() == 1
    row.get_by_role("link", name=site["township"].name).click()
    assert page.locator("h1").text_content() == f"{site['township'].name}检查情况"
