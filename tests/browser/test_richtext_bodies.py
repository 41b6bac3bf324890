"""Item bodies in a real browser: tables and pictures of the demo county as the public sees them.

Every published demo item of a township that has a table or a picture is opened at 375 px
wide (a phone), the items pasted from Word at 1280 px too: no element inside any table cell
has a first-line indent, short values are never wrapped, wide tables scroll inside their own
box while the page does not, and every picture of the body loads for an anonymous visitor.
"""

import io

import pytest

from tests.browser.conftest import assert_no_csp_violations, watch_csp

pytestmark = pytest.mark.browser

CHECK = """() => {
  const cells = [...document.querySelectorAll('#article-body td, #article-body th')];
  const inside = cells.flatMap((c) => [c, ...c.querySelectorAll('*')]);
  const nowrap = [...document.querySelectorAll('#article-body .rt-nowrap')];
  const lineHeight = (c) => parseFloat(getComputedStyle(c).lineHeight) || 24;
  return {
    cells: cells.length,
    indented: inside.filter((e) => getComputedStyle(e).textIndent !== '0px')
      .map((e) => e.tagName + ':' + e.textContent.slice(0, 20)),
    wrappedValues: nowrap.filter((c) => c.querySelector('p') &&
      c.querySelector('p').getBoundingClientRect().height > lineHeight(c) * 1.5)
      .map((c) => c.textContent),
    pageScrollsSideways: document.scrollingElement.scrollWidth > window.innerWidth + 1,
    images: [...document.querySelectorAll('#article-body img')]
      .map((i) => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]),
  };
}"""


@pytest.fixture
def demo_items(live_server, transactional_db, settings, tmp_path):
    from demo.seeding import build_demo
    from disclosure.models import DisclosureItem

    settings.MEDIA_ROOT = str(tmp_path)
    build_demo(io.StringIO(), townships=1)
    items = [(i.title, i.get_absolute_url()) for i in DisclosureItem.objects.published()
             if "<table" in i.body or "<img" in i.body]
    return live_server.url, items


def test_table_cells_have_no_indent_and_values_stay_whole_in_every_demo_item(browser, demo_items):
    base, items = demo_items
    assert len(items) >= 3
    tables = pictures = 0
    for width, height in ((375, 812), (1280, 800)):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="zh-CN")
        violations: list = []
        watch_csp(context, violations)
        page = context.new_page()
        # Every item on a phone, where indents and squeezed cells hurt; the pictures and the
        # tables pasted from Word on a desktop as well.
        for title, url in items if width < 800 else [i for i in items if "补贴" in i[0]]:
            page.goto(base + url, wait_until="load")
            result = page.evaluate(CHECK)
            assert result["indented"] == [], (title, width, result["indented"][:5])
            assert result["wrappedValues"] == [], (title, width, result["wrappedValues"][:5])
            assert not result["pageScrollsSideways"], (title, width)
            assert all(shown for _src, shown in result["images"]), (title, result["images"])
            tables += result["cells"] > 0
            pictures += len(result["images"])
        assert_no_csp_violations(violations)
        context.close()
    assert tables >= 2  # the demo's own tables and the one pasted from Word
    assert pictures >= 3  # the organisation chart and the pasted picture; the latter twice
