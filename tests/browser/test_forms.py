"""Public forms (e.g. 依申请公开, added by another branch): labels, required text, error summary.

Runs on every entry of pages.PAGES whose name contains "form"; skipped while none exists.
"""

import pytest

from .pages import PAGES

pytestmark = pytest.mark.browser

FIELDS_JS = """() => [...document.querySelectorAll('main input:not([type=hidden])'
    + ':not([type=submit]):not([type=button]), main select, main textarea')]
  .filter(el => el.getClientRects().length)  // fields not rendered (honeypot) face nobody
  .map(el => {
    const labels = el.labels ? [...el.labels] : [];
    const visible = labels.filter(l => l.getClientRects().length && l.textContent.trim());
    const text = visible.map(l => l.textContent).join(' ')
      + (el.closest('fieldset')?.querySelector('legend')?.textContent || '');
    return { name: el.name, id: el.id, labelled: visible.length > 0 || ['radio', 'checkbox']
               .includes(el.type) && !!el.closest('fieldset')?.querySelector('legend'),
             required: el.required || el.getAttribute('aria-required') === 'true',
             saysRequired: text.includes('必填'),
             autocomplete: el.getAttribute('autocomplete') || '',
             invalid: el.getAttribute('aria-invalid'),
             describedBy: (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
               .every(id => document.getElementById(id)) };
  })"""
PERSONAL = ("name", "phone", "tel", "mobile", "email", "address")


def _open(new_page, site, name, build, prepare):
    path = build(site)
    if path is None:
        pytest.skip(f"{name}: URL not available in this build")
    page = new_page()
    page.goto(site["base"] + path)
    if page.locator("main form").count() == 0:
        pytest.skip(f"{name}: no form on this page")
    if prepare:
        prepare(page)
    return page


FORM_PAGES = [p for p in PAGES if "form" in p[0]]


@pytest.mark.parametrize(("name", "build", "prepare"), FORM_PAGES, ids=[p[0] for p in FORM_PAGES])
def test_every_field_has_visible_label_and_required_text(new_page, site, name, build, prepare):
    page = _open(new_page, site, name, build, prepare)
    fields = page.evaluate(FIELDS_JS)
    assert fields
    assert [f["name"] for f in fields if not f["labelled"]] == []
    assert [f["name"] for f in fields if f["required"] and not f["saysRequired"]] == []
    personal = [f for f in fields if any(p in f["name"].lower() for p in PERSONAL)]
    assert [f["name"] for f in personal if f["autocomplete"] in ("", "off")] == []


ERROR_PAGES = [p for p in PAGES if p[0].endswith("_errors")]


@pytest.mark.parametrize(("name", "build", "prepare"), ERROR_PAGES,
                         ids=[p[0] for p in ERROR_PAGES])
def test_error_summary_takes_focus_and_links_to_invalid_fields(new_page, site, name, build,
                                                               prepare):
    page = _open(new_page, site, name, build, prepare)
    assert page.evaluate("() => !!document.activeElement.closest('[role=alert]')")
    links = page.evaluate("""() => [...document.activeElement.closest('[role=alert]')
      .querySelectorAll('a[href^="#"]')].map(a => !!document.getElementById(a.hash.slice(1)))""")
    assert links
    assert all(links)
    invalid = [f for f in page.evaluate(FIELDS_JS) if f["invalid"] == "true"]
    assert invalid
    assert all(f["describedBy"] for f in invalid)


def test_field_check_catches_placeholder_only_and_unmarked_required_fields(new_page, site):
    """Guard: the checks above can fail."""
    page = new_page()
    page.goto(site["base"] + "/")
    page.set_content("""<main><form><input name="applicant_name" placeholder="姓名" required>
      <label for="p">电话</label><input id="p" name="phone" required autocomplete="tel">
      </form></main>""")
    fields = {f["name"]: f for f in page.evaluate(FIELDS_JS)}
    assert not fields["applicant_name"]["labelled"]
    assert fields["phone"]["labelled"]
    assert not fields["phone"]["saysRequired"]
    assert fields["applicant_name"]["autocomplete"] == ""
