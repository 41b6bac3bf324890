"""Keyboard: skip link first, a Tab walk without traps, visible focus never under the toolbar."""

import base64

import pytest

from .conftest import LOW_CONTRAST_JS, run_axe, unreviewed_contrast

pytestmark = pytest.mark.browser

FOCUS_FACTS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  const shadow = (s.boxShadow.match(/(\\d+(?:\\.\\d+)?)px(?!.*px)/) || [0, 0])[1];
  return {
    id: el.tagName + '|' + (el.getAttribute('href') || '') + '|'
      + el.textContent.trim().slice(0, 20),
    outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
    shadow: parseFloat(shadow),
    covered: !!hit && !el.contains(hit) && !hit.contains(el) && !!hit.closest('#a11y-toolbar'),
    inMain: !!el.closest('main'),
    text: el.textContent.trim(),
  };
}"""

REACHABLE_JS = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex="0"]')]
  .filter(el => !el.disabled && el.getClientRects().length
    && getComputedStyle(el).visibility !== 'hidden')
  .length"""


def test_skip_link_is_first_tab_stop_and_moves_focus_into_main(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.keyboard.press("Tab")
    facts = page.evaluate(FOCUS_FACTS)
    assert facts["text"] == "跳到主要内容"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0
    assert box["width"] > 20
    page.keyboard.press("Enter")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_care_link_is_in_header_among_first_ten_tab_stops(new_page, site):
    page = new_page()
    page.goto(site["base"] + "/")
    texts = []
    for _ in range(10):
        page.keyboard.press("Tab")
        texts.append(page.evaluate(FOCUS_FACTS)["text"])
    assert "关怀版" in texts


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_tab_walk_reaches_everything_with_visible_unobscured_focus_and_no_trap(
        new_page, site, mode):
    page = new_page(mode=mode)
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")  # toolbar open and sticky: focus must never hide under it
    page.reload()  # the toolbar stays open (localStorage); focus starts at the document start
    assert page.is_visible("#a11y-toolbar")
    reachable = page.evaluate(REACHABLE_JS)
    seen = []
    for _ in range(reachable + 5):
        page.keyboard.press("Tab")
        facts = page.evaluate(FOCUS_FACTS)
        if facts is None:  # focus left the page: the walk wrapped around, no trap
            break
        assert max(facts["outline"], facts["shadow"]) >= 2, facts
        assert not facts["covered"], facts
        seen.append(facts["id"])
    else:
        pytest.fail("focus never left the page: keyboard trap")
    assert seen[0].endswith("跳到主要内容")
    pointer_only = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(el =>
      getComputedStyle(el).cursor === 'pointer' && el.getClientRects().length
      && !el.closest('a[href], button, input, select, textarea, summary, label, [tabindex]'))
      .map(el => el.tagName + '.' + el.className)""")
    assert pointer_only == []
    assert len(seen) == reachable
    back = []
    for _ in range(len(seen)):
        page.keyboard.press("Shift+Tab")
        back.append(page.evaluate(FOCUS_FACTS)["id"])
    assert back == list(reversed(seen))


def test_focus_ring_changes_pixels_when_element_is_focused(new_page, site):
    page = new_page(bypass_csp=True)  # the test decodes screenshots as data: images
    page.goto(site["base"] + site["item"].get_absolute_url())
    link = page.locator("main .attachments a").first
    link.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 100)")
    box = link.bounding_box()
    clip = {"x": max(box["x"] - 12, 0), "y": max(box["y"] - 12, 0),
            "width": box["width"] + 24, "height": box["height"] + 24}
    before = page.screenshot(clip=clip)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    after = page.screenshot(clip=clip)
    assert before != after
    changed = page.evaluate("""async ([a, b]) => {
      const load = async (b64) => { const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode(); const c = document.createElement('canvas'); c.width = img.width;
        c.height = img.height; const x = c.getContext('2d'); x.drawImage(img, 0, 0);
        return x.getImageData(0, 0, c.width, c.height).data; };
      const p = await load(a), q = await load(b); let n = 0;
      for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i+1] !== q[i+1]
        || p[i+2] !== q[i+2]) n++;
      return n; }""", [base64.b64encode(before).decode(),
                       base64.b64encode(after).decode()])
    assert changed >= 100


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_no_axe_violations_when_toolbar_open_in_every_palette(new_page, site, mode):
    for viewport in ("desktop", "mobile"):
        page = new_page(mode=mode, viewport=viewport)
        page.goto(site["base"] + site["item"].get_absolute_url())
        page.click("#a11y-open")
        for _ in range(5):
            undecided = []
            assert run_axe(page, incomplete_contrast=undecided) == []
            assert run_axe(page, enhanced_contrast=True) == [], page.evaluate(
                "document.documentElement.className")
            assert unreviewed_contrast(undecided, page) == []
            assert page.evaluate(LOW_CONTRAST_JS, 7) == []
            page.click("[data-a11y=palette]")
            page.click("[data-a11y=zoom-in]")


def test_focus_is_not_hidden_under_caption_bar(new_page, site):
    page = new_page()
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")
    page.click("[data-a11y=caption]")
    page.focus("footer a >> nth=0")
    page.evaluate("() => document.activeElement.scrollIntoView({block: 'end'})")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    hidden = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
      const bar = document.getElementById('a11y-caption').getBoundingClientRect();
      return r.bottom > bar.top; }""")
    assert not hidden
