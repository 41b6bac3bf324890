"""Pasting Word HTML into the editor: the paste hook sends it to the server and inserts the
same body an imported document gives, under the strict CSP."""

from pathlib import Path

import pytest

from tests.browser.test_admin_csp import admin_page, log_in, staff  # noqa: F401

pytestmark = pytest.mark.browser
CLIPBOARD = (Path(__file__).parents[1] / "disclosure" / "documents" /
             "word_clipboard.html").read_text("utf-8")
PASTE = """(html) => {
  const editor = document.querySelector('.ProseMirror[contenteditable=true]');
  editor.focus();
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', '一、基本情况');
  editor.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                    cancelable: true}));
}"""


def test_word_html_pasted_into_the_editor_is_cleaned_by_the_server(admin_page, staff):  # noqa: F811
    from disclosure.wordhtml import clean_body

    page = admin_page
    log_in(page, "csp_author")
    page.goto(page.base + "/admin/disclosure/disclosureitem/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for()
    page.evaluate(PASTE, CLIPBOARD)
    editor.locator("th", has_text="金额").wait_for()
    page.locator(".word-paste-notes li").wait_for()
    html = editor.inner_html()
    assert "mso" not in html
    assert "Mso" not in html
    assert editor.locator("ol ol li", has_text="子项").count() == 1
    assert editor.locator("sup", has_text="[1]").count() == 1
    assert "无法随粘贴带入" in page.text_content(".word-paste-notes")
    expected = clean_body(CLIPBOARD)
    assert "<th colspan=\"2\"><p>金额</p></th>" in expected


def test_an_imported_body_survives_the_editor_unchanged(admin_page, staff, site):  # noqa: F811
    """Opening an item in the editor and saving it gives back the body the import wrote."""
    from disclosure.wordhtml import clean_body
    from tests.factories import make_item

    body = clean_body(CLIPBOARD.replace("file:///C:/Users/a/clip_image001.png", ""))
    item = make_item(township=site["township"], title="关于做好春耕生产工作的通知", body=body)
    page = admin_page
    log_in(page, "csp_author")
    page.goto(page.base + f"/admin/disclosure/disclosureitem/{item.pk}/change/")
    page.locator(".ProseMirror[contenteditable=true] th", has_text="金额").first.wait_for()
    page.click("[name=_continue]")
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.body == body
