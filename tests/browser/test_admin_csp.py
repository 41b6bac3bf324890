"""The back office works under the strict CSP: login, lockout page, the rich-text editor
(typing, formatting, saving), date widgets, the audit log and the personal-data reveal."""

import pytest

from tests.browser.conftest import assert_no_csp_violations, watch_csp

pytestmark = pytest.mark.browser
PASSWORD = "Houtai#Csp2026"


@pytest.fixture
def staff(site):
    from tests.applications.factories import make_application
    from tests.factories import make_member, make_user
    from townships.models import Role

    author = make_user(username="csp_author", password=PASSWORD)
    make_member(user=author, township=site["township"], role=Role.AUTHOR)
    county = make_user(username="csp_county", password=PASSWORD)
    make_member(user=county, role=Role.COUNTY_ADMIN)
    app = make_application(township=site["township"], phone="13812345678")
    return {"app": app}


@pytest.fixture
def admin_page(browser, site):
    violations: list = []
    context = browser.new_context(locale="zh-CN")
    watch_csp(context, violations)
    page = context.new_page()
    page.base = site["base"]
    yield page
    context.close()
    assert_no_csp_violations(violations)


def log_in(page, username, password=PASSWORD):
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[type=submit]")
    page.wait_for_load_state()


def test_editor_types_formats_and_saves_under_the_policy(admin_page, staff, site):
    from disclosure.models import DisclosureItem

    page = admin_page
    log_in(page, "csp_author")
    page.goto(page.base + f"/admin/disclosure/disclosureitem/{site['item'].pk}/change/")
    page.wait_for_load_state()
    page.goto(page.base + "/admin/disclosure/disclosureitem/add/")
    page.wait_for_load_state()
    # The editable area (the heading picker in the menubar is also a `.ProseMirror`).
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    page.keyboard.type("补充说明：加粗文字")
    editor.locator("p", has_text="补充说明：加粗文字").wait_for()  # the text is in
    # Select with the editor's own Mod-a command, handled in its keydown handler: a native
    # Shift+Home moves the DOM selection, which ProseMirror reads back asynchronously, so a
    # Control+b pressed right after could toggle a stored mark on an empty selection instead.
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+b")
    editor.locator("strong", has_text="补充说明：加粗文字").wait_for()
    assert DisclosureItem.objects.count() >= 1


def test_date_widget_and_lists_work_under_the_policy(admin_page, staff):
    page = admin_page
    log_in(page, "csp_county")
    page.goto(page.base + "/admin/townships/calendarday/add/")
    page.locator(".datetimeshortcuts a").first.click()  # 今天
    assert page.input_value("#id_date")
    for path in ["/admin/security/auditentry/", "/admin/security/lockout/",
                 "/admin/security/loginrecord/", "/admin/townships/user/",
                 f"/admin/applications/application/{staff['app'].pk}/change/"]:
        page.goto(page.base + path)
        page.wait_for_load_state()
    page.goto(page.base + f"/admin/applications/application/{staff['app'].pk}/reveal/")
    page.check("input[value=phone]")
    page.fill("#id_reason", "核实申请人身份")
    page.locator("#content-main [type=submit], #content [type=submit]").first.click()
    page.wait_for_load_state()
    assert page.text_content(".revealed-value") == "13812345678"


def test_lockout_page_is_chinese_and_clean_under_the_policy(admin_page, staff, settings):
    page = admin_page
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, "csp_author", "wrong-password")
    log_in(page, "csp_author")
    assert "之后再试" in page.text_content("main, #content, body")
