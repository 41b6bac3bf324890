"""The 督促整改通知 prints as an official document (GB/T 9704 信函格式): A4 with the 版心
margins and office fonts, the county office's 版头, the township addressed, the problems and
the deadline, the 落款 placed for the seal — downloadable and printable from the notice page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.notice_document import notice_docx
from tests.factories import make_member, make_township
from tests.officialdocs.readback import open_docx, page_setup, style_font
from tests.oversight.test_notices import later, send
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(county, auditor):
    return send(user=auditor, township=make_township(county=county, name="青石镇"))


def test_notice_has_the_official_layout_addressee_deadline_and_signature(notice):
    document = open_docx(notice_docx(notice))
    setup = page_setup(document.sections[0])
    assert (setup["size_mm"], setup["margins_mm"]) == ((210, 297), (37, 26, 35, 28))
    assert style_font(document, "Title") == ("方正小标宋简体", 22)
    assert style_font(document, "Normal") == ("仿宋_GB2312", 16)
    county = notice.county
    mark = document.sections[0].first_page_header.paragraphs[0]
    assert mark.text == (county.sponsor or county.full_name)
    texts = [p.text for p in document.paragraphs]
    assert "督促整改通知" in texts
    assert f"{notice.township.full_name}：" in texts
    assert "事由：政策文件栏目超过6个月未更新。" in texts
    assert "请于期限前补充发布本年度政策文件。" in texts
    due = later()
    assert any(f"整改期限：{due.year}年{due.month}月{due.day}日前" in t for t in texts)
    sent = timezone.localdate(notice.sent_at)
    assert texts[-2:] == [county.sponsor or county.full_name,
                          f"{sent.year}年{sent.month}月{sent.day}日"]


def test_notice_page_offers_word_and_pdf_and_other_townships_get_404(client, notice, settings):
    town_admin = make_member(township=notice.township, role=Role.TOWNSHIP_ADMIN)
    client.force_login(town_admin)
    page = client.get(reverse("admin:oversight_rectificationnotice_change", args=[notice.pk]))
    docx_url = reverse("admin:oversight_rectificationnotice_document", args=[notice.pk, "docx"])
    pdf_url = reverse("admin:oversight_rectificationnotice_document", args=[notice.pk, "pdf"])
    html = page.content.decode()
    assert docx_url in html
    assert pdf_url in html
    assert client.get(docx_url).content[:2] == b"PK"
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    assert "无法生成 PDF" in client.get(pdf_url, follow=True).content.decode()
    other = make_member(township=make_township(county=notice.county), role=Role.TOWNSHIP_ADMIN)
    client.force_login(other)
    assert client.get(docx_url).status_code in (403, 404)
