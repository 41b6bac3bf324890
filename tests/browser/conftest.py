"""Real-browser accessibility tests: Playwright driving Debian's Chromium (never a downloaded one).

Without /usr/bin/chromium (or $CHROMIUM_PATH) these tests are skipped with a message; with
REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-gpu"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
MODES = ["standard", "care"]
#: The axe matrix also covers 纯文本, alone and in 关怀版 (a mode that changes the page).
AXE_MODES = [*MODES, "text", "care-text"]
CHECKED: list[str] = []
#: Measured figures a test wants in the run's summary (first-screen positions and the like).
FIGURES: list[str] = []
#: Every page load the suite makes with the site's own CSP enforced (never bypassed).
CSP_LOADS: list[str] = []
CSP_LISTENER = """document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolation([e.violatedDirective, e.blockedURI, e.sourceFile || '',
                         String(e.lineNumber), document.location.pathname]));"""
# Beyond the AA gate: AAA text contrast (7:1) and the landmark/heading best practices of §8.
EXTRA_RULES = ["color-contrast-enhanced", "region", "landmark-one-main", "landmark-unique",
               "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
               "page-has-heading-one", "heading-order", "empty-heading", "p-as-heading"]


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: apt-get install chromium fonts-noto-cjk"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "python playwright is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        return  # the `browser` fixture fails each test loudly
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def pytest_terminal_summary(terminalreporter):
    for line in FIGURES:
        terminalreporter.write_line(line)
    if CHECKED:
        terminalreporter.write_line(
            f"axe: {len(CHECKED)} page × mode × viewport combinations checked, 0 violations")
    if CSP_LOADS:
        terminalreporter.write_line(
            f"CSP: {len(CSP_LOADS)} page loads under the enforced policy "
            f"({len(set(CSP_LOADS))} distinct paths); violations fail their test")


def watch_csp(context, violations: list) -> None:
    """Record every CSP violation in this browser context: the DOM event and the console
    message Chromium prints for it."""
    context.expose_function("__cspViolation", lambda report: violations.append(report))
    context.add_init_script(CSP_LISTENER)

    def on_page(page):
        page.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text else None)
        page.on("load", lambda p: CSP_LOADS.append(p.url.split("?")[0]))

    context.on("page", on_page)


def assert_no_csp_violations(violations: list) -> None:
    assert violations == [], f"CSP violations: {violations[:10]}"


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """Demo-like public data: a county, two townships, an item with metadata and attachments."""
    from disclosure.models import Attachment
    from tests.factories import leaf_category, make_item, make_township

    township = make_township(name="青石镇")
    empty = make_township(name="柳溪乡")
    body = (
        "<h2>一、工作目标</h2><p>今年全镇将完成二十个自然村的生活污水治理，"
        "实现村庄保洁全覆盖。各村要在六月底前报送实施方案。</p>"
        "<h2>二、实施步骤</h2><h3>（一）摸底调查</h3><p>由各村委会组织对农户改厕情况进行逐户登记。</p>"
        "<table><caption>各村任务分解表</caption><thead><tr><th scope=\"col\">村名</th>"
        "<th scope=\"col\">户数</th></tr></thead><tbody><tr><td>东岗村</td><td>126</td></tr>"
        "<tr><td>西湾村</td><td>98</td></tr></tbody></table>"
        "<ul><li>三月：完成调查。</li><li>六月：完成施工。</li></ul>"
    )
    item = make_item(township=township, published=True, title="关于开展农村人居环境整治的通知",
                     body=body, summary="部署本年度村庄环境整治任务。", keywords="人居环境；整治",
                     doc_number="青政发〔2024〕3号", published_on=datetime.date(2024, 3, 5))
    Attachment.objects.create(item=item, title="各村任务分解表",
                              file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="renwu.pdf"))
    Attachment.objects.create(item=item, title="实施方案",
                              file=ContentFile(b"PK\x03\x04docx", name="fangan.docx"))
    for n in range(3):
        make_item(township=township, published=True, title=f"青石镇第{n + 1}季度财政收支情况公开",
                  published_on=datetime.date(2024, 3 + n, 1))
    category = leaf_category(township)
    from tests.reports.factories import make_report, reconciling_tables

    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         published=True)
    return {
        "base": live_server.url,
        "township": township,
        "item": item,
        "category": category,
        "empty_township": empty,
        "report": report,
    }


@pytest.fixture
def new_page(browser, site):
    """Open a fresh context + page for one combination; records every request's origin and
    fails the test on any Content-Security-Policy violation."""
    contexts = []
    violations: list = []

    def _open(*, mode="standard", viewport="desktop", javascript=True, init_script=None,
              storage=None, bypass_csp=False):
        """`bypass_csp=True` only for tests that inject their own instrumentation (a style
        block, a data: screenshot) into the page; the site's pages are checked elsewhere."""
        # The site's CSP stays enforced: axe is loaded from the site's own static files.
        context = browser.new_context(viewport=VIEWPORTS.get(viewport, viewport),
                                      java_script_enabled=javascript, locale="zh-CN",
                                      bypass_csp=bypass_csp)
        if not bypass_csp:  # nothing to watch, and its loads are not "under the policy"
            watch_csp(context, violations)
        host = site["base"].split("//", 1)[1].split(":")[0]
        for cookie, wanted in (("care_mode", mode.startswith("care")),
                               ("text_mode", mode.endswith("text"))):
            if wanted:
                context.add_cookies([{"name": cookie, "value": "1", "domain": host, "path": "/"}])
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        page = context.new_page()
        page.foreign_requests = []
        origin = site["base"]
        page.on("request", lambda req: None if req.url.startswith((origin, "data:", "blob:"))
                else page.foreign_requests.append(req.url))
        return page

    yield _open
    for context in contexts:
        context.close()
    assert_no_csp_violations(violations)


# Every metadata label/value and table cell inside main, with its line length in characters
# of its own font (a 索引号 broken every three characters is what this prevents): the width,
# or the height of a cell set top to bottom (Table 3's group headers on a phone).
NARROW_CELLS_JS = """() => [...document.querySelectorAll(
    'main .meta-grid dt, main .meta-grid dd, main td, main th')]
  .filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect(), style = getComputedStyle(el);
               const em = parseFloat(style.fontSize);
               const line = style.writingMode.startsWith('vertical') ? r.height : r.width;
               return [el.tagName, el.textContent.trim().slice(0, 12), line / em]; })
  .filter(([_t, _x, chars]) => chars < 5)"""

SIDEWAYS_JS = """() => document.scrollingElement.scrollWidth
  - document.scrollingElement.clientWidth"""

# Where the page's heading and the first content after it start, against the screen height.
FIRST_SCREEN_JS = """() => { const h1 = document.querySelector('main h1').getBoundingClientRect();
  const next = [...document.querySelectorAll('main h1 ~ *')]
    .find(el => el.getClientRects().length);
  return { headingBottom: h1.bottom, contentTop: next ? next.getBoundingClientRect().top : 0,
           screen: innerHeight }; }"""
#: Page types whose main content must start within the first screen (item and list pages).
FIRST_SCREEN_PAGES = ("item_detail", "category_list", "report_detail")


# Our CJK contrast policy (A11Y.md §5): no large-text allowance. Every visible text node must
# reach 7:1 against its nearest opaque background; returns the offenders.
LOW_CONTRAST_JS = """(minimum) => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0.99) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el.getClientRects().length
        || el.closest('[hidden], noscript, [aria-hidden=true]')
        || getComputedStyle(el).visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.right < 0 || r.bottom < 0) continue;  // off-screen (skip link before focus)
    const fg = lum(parse(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < minimum) {
      bad.push([el.tagName, el.textContent.trim().slice(0, 12), ratio.toFixed(2)]);
    }
  }
  return bad;
}"""


def run_axe(page, *, enhanced_contrast=False, incomplete_contrast=None):
    """Violations as (rule, help, targets). With `incomplete_contrast=[]`, the contrast items
    axe could not decide are appended to that list as (rule, target, message)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        origin = "/".join(page.url.split("/")[:3])  # same-origin: allowed by the CSP
        page.add_script_tag(url=f"{origin}/static/vendor/axe-core/axe.min.js")
    options = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
    if enhanced_contrast:
        options = {"runOnly": {"type": "rule", "values": EXTRA_RULES},
                   "resultTypes": ["violations"]}
    result = page.evaluate("o => axe.run(document, o)", options)
    if incomplete_contrast is not None:
        for rule in result["incomplete"]:
            if rule["id"].startswith("color-contrast"):
                incomplete_contrast.extend(
                    (rule["id"], node["target"], node["any"][0]["message"] if node["any"] else "")
                    for node in rule["nodes"])
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"]]


def unreviewed_contrast(items, page):
    """Incomplete contrast items not covered by contrast_allowlist.txt (reviewed cases)."""
    allowed = [[part.strip() for part in line.split("|")[:2]] for line in
               (Path(__file__).with_name("contrast_allowlist.txt")).read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    left = []
    for rule, target, message in items:
        inside = {sel for sel, _m in allowed
                  if page.evaluate("([t, s]) => !!document.querySelector(t)?.closest(s)",
                                   [target[-1], sel])}
        if not any(sel in inside and fragment in message for sel, fragment in allowed):
            left.append((rule, target, message))
    return left


@pytest.fixture
def staff_page(browser, site):
    """Open a back-office page logged in as `user` (a real session cookie, no login form)."""
    from django.conf import settings
    from django.test import Client

    contexts = []

    def _open(user, *, viewport="desktop", javascript=True):
        client = Client()
        client.force_login(user)
        host = site["base"].split("//", 1)[1].split(":")[0]
        context = browser.new_context(viewport=VIEWPORTS.get(viewport, viewport),
                                      java_script_enabled=javascript, locale="zh-CN",
                                      bypass_csp=True)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "domain": host, "path": "/",
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()
