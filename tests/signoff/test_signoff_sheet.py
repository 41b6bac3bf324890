"""The 审签单: a printable sign-off sheet of an item or report built from the sign-off log —
who signed which step, in which role, when and with what comment — with the 保密审查
attestation, in the officialdocs layout; reachable from the chain panel, scoped by township."""

import pytest
from django.urls import reverse

from signoff import chain
from signoff.models import SignOff
from signoff.sheet import sheet_docx
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_member, make_township
from tests.officialdocs.readback import (
    open_docx,
    page_setup,
    repeated_header_rows,
    style_font,
)
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed():
    township = make_township(name="青石镇")
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知")
    review = chain.submit(item, staff[Role.AUTHOR], comment="请审核。")
    review = chain.request_changes(review, staff[Role.OFFICE_HEAD],
                                   expected_version=review.version, comment="补充联系电话。")
    review = chain.resubmit(review, staff[Role.AUTHOR], expected_version=review.version)
    sign_all(review, staff)
    return township, staff, item


def test_sheet_lists_every_move_of_the_log_with_signer_role_comment_and_attestation(signed):
    township, staff, item = signed
    log = list(SignOff.objects.for_object(item))
    document = open_docx(sheet_docx(item))
    setup = page_setup(document.sections[0])
    assert (setup["size_mm"], setup["margins_mm"]) == ((210, 297), (37, 26, 35, 28))
    assert style_font(document, "Title") == ("方正小标宋简体", 22)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政府信息公开审签单"
    info, moves = document.tables
    assert [row.cells[1].text for row in info.rows][:2] == ["关于秋季防火的通知",
                                                            township.full_name]
    assert repeated_header_rows(moves) == 1
    assert [c.text for c in moves.rows[0].cells] == ["序号", "环节", "签署人", "角色", "操作",
                                                     "意见", "时间"]
    body = moves.rows[1:]
    assert len(body) == len(log)
    actions = [row.cells[4].text for row in body]
    assert actions[:3] == ["提交审核", "退回修改", "修改后重新提交（第2轮）"]
    assert "补充联系电话。" in body[1].cells[5].text
    office_head = staff[Role.OFFICE_HEAD]
    assert body[1].cells[2].text == (office_head.get_full_name() or office_head.username)
    attested = [e for e in log if e.confidentiality_attested]
    assert len(attested) == 1
    line = next(t for t in texts if "确认：经审查，本信息不涉及国家秘密" in t)
    assert attested[0].actor.username in line or attested[0].actor.get_full_name() in line
    assert texts[-2] == township.full_name  # 落款


def test_sheet_without_attestation_says_so(signed):
    township, staff, _item = signed
    other = make_draft(township=township, author=staff[Role.AUTHOR], title="未审核的信息")
    chain.submit(other, staff[Role.AUTHOR])
    texts = [p.text for p in open_docx(sheet_docx(other)).paragraphs]
    assert "审签日志中没有保密审查记录。" in texts


def test_report_page_links_the_sheet_and_other_townships_get_404(client, settings):
    """(The item page's link is the same chain panel; the item change page currently
    answers 500 on main for read-only forms — KeyError 'loaded_version' in
    disclosure/admin.py — so the report page carries the check.)"""
    from tests.reports.factories import make_report

    township = make_township(name="青石镇")
    report = make_report(township=township, year=2024, published=True)
    assert SignOff.objects.for_object(report).exists()
    client.force_login(make_member(township=township, role=Role.PUBLISHER))
    docx_url = reverse("admin:reports_annualreport_signoff_sheet", args=[report.pk, "docx"])
    pdf_url = reverse("admin:reports_annualreport_signoff_sheet", args=[report.pk, "pdf"])
    page = client.get(reverse("admin:reports_annualreport_change", args=[report.pk]))
    html = page.content.decode()
    assert docx_url in html
    assert pdf_url in html
    response = client.get(docx_url)
    assert response.content[:2] == b"PK"
    texts = [p.text for p in open_docx(response.content).paragraphs]
    assert texts[0] == "政府信息公开工作年度报告审签单"
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    assert "无法生成 PDF" in client.get(pdf_url, follow=True).content.decode()
    client.force_login(make_member(township=make_township(), role=Role.PUBLISHER))
    assert client.get(docx_url).status_code in (403, 404)
