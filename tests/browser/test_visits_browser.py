"""访问量 in a real browser: the beacon module (with JS) and the <noscript> image (without)."""

import pytest

from tests.browser.conftest import assert_no_csp_violations, watch_csp
from visits import store

pytestmark = pytest.mark.browser

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156 Safari/537.36"


@pytest.fixture
def visitor_page(browser, site, settings):
    settings.VISITS_REDIS_URL = ""
    contexts = []
    violations: list = []

    def _open(javascript=True, user_agent=UA):
        context = browser.new_context(user_agent=user_agent, java_script_enabled=javascript)
        watch_csp(context, violations)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()
    assert_no_csp_violations(violations)


def visit(page, url):
    with page.expect_response(lambda r: "/visits/hit/" in r.url):
        return page.goto(url)


def test_each_view_counts_once_with_and_without_javascript(visitor_page, site):
    url = site["base"] + site["item"].get_absolute_url()
    key = f"item:{site['item'].pk}"
    visit(visitor_page(), url)
    visit(visitor_page(), url)
    visit(visitor_page(javascript=False), url)
    assert store.count_for(key) == 3
    assert store.count_for("site") == 3
    page = visitor_page()
    served = visit(page, url).text()
    assert '<span class="visit-number">3</span>' in served  # rendered before this beacon
    # The beacon answers the count with this view included, and the page shows it (so a
    # copy from the page cache shows the exact count too).
    page.wait_for_function(
        "() => document.querySelector('.visit-number').textContent === '4'")
    assert store.count_for(key) == 4


def test_headless_or_bot_user_agent_is_not_counted(visitor_page, site):
    url = site["base"] + site["item"].get_absolute_url()
    visit(visitor_page(user_agent="Mozilla/5.0 (compatible; Baiduspider/2.0)"), url)
    visit(visitor_page(user_agent=None), url)  # Playwright's default: HeadlessChrome
    assert store.count_for("site") == 0


def test_page_cache_copies_count_and_show_the_current_number(visitor_page, site, settings):
    from django.core.cache import caches

    settings.PAGE_CACHE = True
    caches["pages"].clear()
    url = site["base"] + site["item"].get_absolute_url()
    key = f"item:{site['item'].pk}"
    first = visitor_page()
    assert visit(first, url).headers.get("x-page-cache") == "miss"
    second = visitor_page()
    response = visit(second, url)
    assert response.headers.get("x-page-cache") == "hit"
    assert '<span class="visit-number">0</span>' in response.text()  # the stored copy
    second.wait_for_function(
        "() => document.querySelector('.visit-number').textContent === '2'")
    assert store.count_for(key) == 2
