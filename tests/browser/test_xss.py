"""An XSS corpus pushed through every rich-text field and every publicly shown text field,
checked in the browser: nothing executes (with the CSP bypassed, so escaping and the
sanitiser alone are proven), and with the CSP enforced nothing is even attempted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

pytestmark = pytest.mark.browser

CORPUS = [
    "<script>__xss(1)</script>",
    "<img src=x onerror=__xss(2)>",
    '"><svg onload=__xss(3)>',
    "'><iframe srcdoc=\"<script>parent.__xss(4)</script>\"></iframe>",
    '<a href="javascript:__xss(5)">点我</a>',
    "<details open ontoggle=__xss(6)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(7)>",
    "<input autofocus onfocus=__xss(8)>",
    '<a href="jav&#x09;ascript:__xss(9)">x</a><p style="background:url(javascript:__xss(10))">',
    "{{ 7*7 }}{% debug %}</textarea></title><script>__xss(11)</script>",
]
ALL = "".join(CORPUS)
SHORT = "<svg onload=__xss(3)>"  # for fields of 30 characters or fewer
WATCH = """window.__fired = []; window.__xss = n => window.__fired.push(n);
window.alert = window.confirm = window.prompt = () => window.__fired.push('dialog');"""
INSPECT = """() => ({
  fired: window.__fired,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
      a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 80)),
  jsUrls: [...document.querySelectorAll('[href],[src],[action],[formaction]')].filter(e =>
      /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') || e.getAttribute('src')
      || e.getAttribute('action') || e.getAttribute('formaction') || '')).length,
  inlineScripts: [...document.scripts].filter(s => !s.src && s.type !== 'importmap').length,
  frames: document.querySelectorAll('iframe, object, embed').length,
})"""
STAFF_PASSWORD = "Xss#Corpus2026"


@pytest.fixture
def xss_world(site):
    from disclosure.models import Attachment, Category, DisclosureItem
    from reports.models import AnnualReport
    from tests.factories import make_member, make_user
    from tests.reports.factories import make_report
    from townships.models import County, Role, Township

    township = site["township"]
    County.objects.update(site_name=SHORT, sponsor=SHORT, address=SHORT, phone=SHORT[:40])
    Township.objects.filter(pk=township.pk).update(
        name=SHORT, full_name=ALL[:80], introduction=ALL, guide_text=ALL, system_text=ALL,
        address=ALL[:120], office_hours=ALL[:120], phone=SHORT, fax=SHORT, sponsor=ALL[:80],
        disclosure_office=ALL[:80], icp_record=ALL[:60], police_record=ALL[:60])
    item = site["item"]
    item.body = ALL
    item.save()  # the sanitiser runs on save
    DisclosureItem.objects.filter(pk=item.pk).update(
        title=ALL[:200], summary=ALL, keywords=ALL[:200], publisher_name=ALL[:100])
    Category.objects.filter(pk=item.category_id).update(name=ALL[:60], description=ALL[:200])
    Attachment.objects.create(item=item, title=ALL[:200],
                              file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="x.pdf"))
    report = make_report(township=township, year=2023, published=True, title=ALL[:200],
                         section_1=ALL, section_5=ALL, section_6=ALL, signing_body=ALL[:80])
    AnnualReport.objects.filter(pk=report.pk).update(title=ALL[:200])
    staff = make_user(username="xss_publisher", password=STAFF_PASSWORD)
    make_member(user=staff, township=township, role=Role.PUBLISHER)
    county = make_user(username="xss_county", password=STAFF_PASSWORD)
    make_member(user=county, role=Role.COUNTY_ADMIN)
    return {"township": township, "item": item, "report": report}


def public_paths(world):
    slug = world["township"].slug
    return ["/", f"/xxgk/{slug}/", f"/xxgk/{slug}/zhinan/", f"/xxgk/{slug}/zhidu/",
            f"/xxgk/{slug}/mulu/{world['item'].category_id}/", world["item"].get_absolute_url(),
            reverse("reports:report_list", args=[slug]),
            reverse("reports:report_detail", args=[slug, 2023])]


def check(page, where):
    facts = page.evaluate(INSPECT)
    assert facts == {"fired": [], "handlers": [], "jsUrls": 0, "inlineScripts": 0,
                     "frames": 0}, where


def post_forms(page, base, slug):
    page.goto(f"{base}/xxgk/{slug}/yisqgk/")
    for field in page.locator("main form textarea:visible, main form input[type=text]:visible, "
                              "main form input[type=email]:visible, "
                              "main form input[type=tel]:visible").all():
        field.fill(CORPUS[1] + CORPUS[2])
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    check(page, "application form echoed back")
    page.goto(f"{base}/xxgk/{slug}/yisqgk/chaxun/")
    page.fill("#id_tracking_number", CORPUS[2][:16])
    page.fill("#id_phone", CORPUS[1][:20])
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    check(page, "status lookup echoed back")


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("csp", ["bypassed", "enforced"])
def test_nothing_executes_anywhere_the_corpus_is_shown(browser, site, xss_world, csp):
    from tests.browser.conftest import assert_no_csp_violations, watch_csp

    violations: list = []
    context = browser.new_context(bypass_csp=(csp == "bypassed"), locale="zh-CN")
    if csp == "enforced":
        watch_csp(context, violations)
    context.add_init_script(WATCH)
    page = context.new_page()
    base = site["base"]
    try:
        for path in public_paths(xss_world):
            page.goto(base + path)
            check(page, path)
        post_forms(page, base, xss_world["township"].slug)
        log_in(page, base, "xss_publisher")
        item, report = xss_world["item"], xss_world["report"]
        for path in ["/admin/", "/admin/disclosure/disclosureitem/",
                     f"/admin/disclosure/disclosureitem/{item.pk}/change/",
                     "/admin/reports/annualreport/",
                     f"/admin/reports/annualreport/{report.pk}/change/"]:
            page.goto(base + path)
            check(page, path)
        context.clear_cookies()
        log_in(page, base, "xss_county")
        for path in ["/admin/security/auditentry/", "/admin/townships/township/",
                     f"/admin/townships/township/{xss_world['township'].pk}/change/"]:
            page.goto(base + path)
            check(page, path)
    finally:
        context.close()
    assert_no_csp_violations(violations)


@pytest.mark.parametrize("csp", ["bypassed", "enforced"])
def test_the_checks_catch_a_payload_that_gets_through(browser, site, csp):
    """The detectors above can fail: a live payload fires (CSP bypassed) or is reported
    as a violation (CSP enforced)."""
    from tests.browser.conftest import watch_csp

    violations: list = []
    context = browser.new_context(bypass_csp=(csp == "bypassed"))
    watch_csp(context, violations)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(site["base"] + "/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                  "'<img src=x onerror=__xss(2)>')")
    page.wait_for_timeout(500)
    facts = page.evaluate(INSPECT)
    context.close()
    assert facts["handlers"]
    if csp == "bypassed":
        assert facts["fired"] == [2]
    else:
        assert facts["fired"] == []
        assert violations
