"""The reply letter is an official document (GB/T 9704 信函格式): A4 with the 版心 margins,
the office fonts declared, the township's red 版头 with the 文号 in 〔〕, the addressee 顶格, the
落款 placed for the seal and page numbers — read back from the .docx the case page gives."""

import datetime

import pytest
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH

from applications.letters import letter_docx
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from tests.officialdocs.readback import (
    font_table,
    open_docx,
    page_field,
    page_setup,
    right_indent_chars,
    run_fonts,
    style_font,
)
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied():
    township = make_township(name="青石镇")
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=datetime.date(2026, 5, 8),
                           name="钱文静")
    return close(app, user=handler, outcome="r3_1", on=datetime.date(2026, 5, 20)), handler


def test_reply_letter_is_a4_with_the_gbt9704_margins_and_fonts(replied):
    app, _handler = replied
    document = open_docx(letter_docx(app))
    assert [page_setup(s)["size_mm"] for s in document.sections] == [(210, 297)]
    setup = page_setup(document.sections[0])
    assert setup["margins_mm"] == (37, 26, 35, 28)  # top right bottom left: 版心 156 × 225
    assert setup["grid"] == ("lines", "579")  # 22 lines a page
    assert style_font(document, "Normal") == ("仿宋_GB2312", 16)  # 3号 仿宋
    assert style_font(document, "Title") == ("方正小标宋简体", 22)  # 2号 小标宋
    assert font_table(document)["仿宋_GB2312"] == "仿宋"  # Word/WPS fallback declared
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "政府信息公开申请答复告知书（予以公开）"
    assert run_fonts(title) == {"方正小标宋简体"}
    body = [p for p in document.paragraphs if p.style.name == "Body Text"]
    assert body
    assert all(run_fonts(p) == {"仿宋_GB2312"} for p in body)


def test_reply_letter_has_letterhead_number_addressee_signature_and_page_numbers(replied):
    app, _handler = replied
    assert "〔2026〕" in app.letter_no
    document = open_docx(letter_docx(app))
    section = document.sections[0]
    mark, number = section.first_page_header.paragraphs[:2]
    assert mark.text == app.township.full_name
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert number.text == app.letter_no
    texts = [p.text for p in document.paragraphs]
    assert "钱文静：" in texts
    addressee = document.paragraphs[texts.index("钱文静：")]
    assert addressee.style.name == "Normal"  # 顶格, not indented like the body
    signer, date = document.paragraphs[-2:] if texts[-1] else document.paragraphs[-3:-1]
    assert (signer.text, date.text) == (app.township.full_name, "2026年5月20日")
    assert signer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert right_indent_chars(date) >= 4  # the date four characters in, under the seal
    assert "（印章）" not in texts
    assert page_field(section.footer)
    assert page_field(section.even_page_footer)
    assert any("如对本答复不服" in t and app.township.reconsideration_body_name in t
               for t in texts)


def test_letter_pdf_link_on_the_case_page_and_a_chinese_message_without_libreoffice(
        client, replied, settings):
    app, handler = replied
    client.force_login(handler)
    change = reverse("admin:applications_application_change", args=[app.pk])
    url = reverse("admin:applications_application_letter_pdf", args=[app.pk])
    assert url in client.get(change).content.decode()
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "无法生成 PDF" in response.content.decode()


def test_letter_pdf_is_404_for_another_township(client, replied):
    app, _handler = replied
    other = make_member(township=make_township(), role=Role.PUBLISHER)
    client.force_login(other)
    url = reverse("admin:applications_application_letter_pdf", args=[app.pk])
    assert client.get(url).status_code == 404


def test_notices_are_printable_as_pdf_from_the_case_page(client, settings):
    from django.utils import timezone

    from applications import transitions

    today = timezone.localdate()
    township = make_township(name="青石镇")
    clerk = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=today)
    transitions.request_correction(app.pk, user=clerk, notice_on=today,
                                   correct_by=today + datetime.timedelta(days=15),
                                   note="请写明年份。")
    notice = app.notices.get()
    client.force_login(clerk)
    url = reverse("admin:applications_application_notice_pdf", args=[app.pk, notice.pk])
    page = client.get(reverse("admin:applications_application_change", args=[app.pk]))
    assert url in page.content.decode()
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    assert "无法生成 PDF" in client.get(url, follow=True).content.decode()
    client.force_login(make_member(township=make_township(), role=Role.PUBLISHER))
    assert client.get(url).status_code in (302, 403, 404)
