"""Tap targets on phone pages (issue 26): every link, button and disclosure summary on every
public page type is at least 44 × 44 CSS px at 375 × 812, in the standard site and 关怀版.

The one exception (its rule): a link set inline inside prose, i.e. a link whose box is
`display: inline` and whose nearest block ancestor holds more text than the link itself (a
link inside a sentence of an article body, an accessibility note and the like; WCAG 2.5.5's
"inline" exception). Off-screen and hidden elements (the skip link before focus) do not count.
"""

import pytest

from .conftest import FIGURES
from .pages import PAGES

pytestmark = pytest.mark.browser

SMALL_TARGETS_JS = """(minimum) => {
  const blockOf = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      if (!getComputedStyle(p).display.startsWith('inline')) return p; } return document.body; };
  const inProse = el => getComputedStyle(el).display === 'inline'
      && blockOf(el).textContent.trim().length > el.textContent.trim().length;
  let checked = 0, exempt = 0;
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary')) {
    if (!el.getClientRects().length || el.closest('[hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= 0 || r.bottom <= 0 || r.width === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (inProse(el)) { exempt++; continue; }
    checked++;
    if (r.width < minimum - 0.5 || r.height < minimum - 0.5) {
      small.push([el.tagName, (el.textContent.trim() || el.getAttribute('aria-label') || '')
        .slice(0, 14), Math.round(r.width), Math.round(r.height)]);
    }
  }
  return { checked, exempt, small };
}"""


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_no_link_or_button_under_44_px_on_phone_pages(new_page, site, mode):
    small, checked, exempt = {}, 0, 0
    for name, build, prepare in PAGES:
        path = build(site)
        if path is None:
            continue
        page = new_page(viewport="mobile", mode=mode)
        page.goto(site["base"] + path)
        if prepare:
            prepare(page)
        found = page.evaluate(SMALL_TARGETS_JS, 44)
        checked += found["checked"]
        exempt += found["exempt"]
        if found["small"]:
            small[name] = found["small"]
        page.context.close()
    count = sum(len(v) for v in small.values())
    FIGURES.append(f"tap targets, phone/{mode}: {checked} checked, {count} under 44 px, "
                   f"{exempt} inline prose links exempt")
    assert small == {}


def test_tap_target_check_catches_a_small_list_link(new_page, site):
    """Guard: a 20 px list link is reported."""
    page = new_page(viewport="mobile")
    page.goto(site["base"] + "/")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '/x/';
      a.textContent = '小链接'; Object.assign(a.style, { display: 'block', height: '20px' });
      const li = document.createElement('li'); li.append(a);
      document.querySelector('main').append(li); }""")
    assert [s[0] for s in page.evaluate(SMALL_TARGETS_JS, 44)["small"]] == ["A"]
