"""The product's documents rendered by LibreOffice, as a county office prints them: the
annual report (.docx and its tables .xlsx), a reply letter, a 督促整改通知, a 审签单, the
inspection 通报, the county roll-up and the oversight dashboard and findings workbooks — in
ONE LibreOffice run.
Required where REQUIRE_LIBREOFFICE=1 (CI), skipped with the reason elsewhere."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from applications.letters import letter_docx
from officialdocs import convert_many
from oversight import dashboard
from oversight import exports as oversight_exports
from oversight.circular import circular_docx
from oversight.notice_document import notice_docx
from oversight.refresh import refresh
from reports import exports, rollup
from signoff import chain
from signoff.sheet import sheet_docx
from tests.applications.factories import close, make_application
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_county, make_item, make_member, make_township
from tests.officialdocs.render import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    page_sizes,
    page_texts,
    require_libreoffice,
)
from tests.oversight.test_notices import send
from tests.reports.factories import make_report, reconciling_tables, small_tables
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date


def _files() -> dict[str, bytes]:
    county = make_county()
    township = make_township(county=county, name="青石镇")
    other = make_township(county=county, name="柳溪乡")
    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         published=True)
    make_report(township=other, year=2024, tables=small_tables(), published=True)
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=D(2026, 5, 8), name="钱文静")
    app = close(app, user=handler, outcome="r3_3_4", on=D(2026, 5, 20))
    make_item(township=township, published=True, title="关于农田水利建设的通知",
              written_on=D(2024, 3, 4), published_on=D(2024, 4, 3))
    refresh(county, today=D(2024, 12, 31))
    client = Client()
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=county)
    client.force_login(auditor)
    notice = send(user=auditor, township=township)
    findings = client.get(reverse("admin:oversight_findings_xlsx", args=[township.pk, "pages"]))
    assert findings.status_code == 200
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知")
    sign_all(chain.submit(item, staff[Role.AUTHOR], comment="请审核。"), staff)
    return {
        "sheet.docx": sheet_docx(item),
        "report.docx": exports.report_docx(report),
        "letter.docx": letter_docx(app),
        "notice.docx": notice_docx(notice),
        "circular.docx": circular_docx(county, due_on=D(2025, 1, 31)),
        "tables.xlsx": exports.report_xlsx(report),
        "rollup.xlsx": rollup.rollup_xlsx(county, 2024),
        "dashboard.xlsx": oversight_exports.dashboard_xlsx(dashboard.build(county)),
        "findings.xlsx": findings.content,
    }


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    require_libreoffice()
    with django_db_blocker.unblock(), transaction.atomic():
        files = _files()
        transaction.set_rollback(True)
    pdfs = convert_many(files)
    if os.environ.get("DOCUMENT_PICTURES_DIR"):  # `make document-pictures`, never CI
        pictures(pdfs, Path(os.environ["DOCUMENT_PICTURES_DIR"]))
    return pdfs


def pictures(pdfs: dict[str, bytes], folder: Path) -> None:
    """PNG of every page of every document (poppler's pdftoppm), for docs/DOCUMENTS.md."""
    program = shutil.which("pdftoppm")
    if program is None:
        pytest.fail("pdftoppm not found: apt install poppler-utils")
    folder.mkdir(parents=True, exist_ok=True)
    for name, pdf in pdfs.items():
        source = folder / f"{Path(name).stem}.pdf"
        source.write_bytes(pdf)
        subprocess.run([program, "-png", "-r", "60", str(source),  # noqa: S603
                        str(folder / Path(name).stem.replace(".", "-"))],
                       check=True, timeout=120)
        source.unlink()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_report_pdf_is_a4_and_table3_takes_two_landscape_pages_headed_on_each(rendered):
    sizes = page_sizes(rendered["report.docx"])
    pages = page_texts(rendered["report.docx"])
    assert set(sizes) == {A4_PORTRAIT, A4_LANDSCAPE}
    table3 = [n for n, text in enumerate(pages) if "申请人情况" in text]
    assert len(table3) == 2  # Table 3: two landscape pages (3.5 pages before this layout)
    assert all(sizes[n] == A4_LANDSCAPE for n in table3)
    first = pages[table3[0]]
    assert first.index("三、收到和处理政府信息公开申请情况") < first.index("表三")  # not orphaned
    for n in table3:  # the header rows repeated whole on every page of the table
        text = pages[n].replace(" ", "")
        assert "信息内容（本列数据的勾稽关系为" in text
        assert "法人或其他组织" in text
        assert "法律服" in text
        lonely = [line for line in _lines(pages[n]) if len(line) == 1 and not line.isdigit()]
        assert lonely == []  # no label or header wraps to one character a line
    assert "四、结转下年度继续办理" in pages[table3[-1]]
    assert "— 2 —" in pages[table3[0]]  # page numbers run on through the landscape pages
    assert "六、其他需要报告的事项" in pages[-1]
    assert "2025 年 1 月 20 日" in pages[-1] or "2025年1月20日" in pages[-1]


def test_reply_letter_pdf_is_one_a4_page_with_letterhead_number_and_date(rendered):
    assert page_sizes(rendered["letter.docx"]) == [A4_PORTRAIT]
    (page,) = page_texts(rendered["letter.docx"])
    lines = _lines(page)
    assert lines[0] == "清河县青石镇人民政府"
    assert lines[1] == "青石政信复〔2026〕1号"
    assert lines[2] == "政府信息不予公开告知书"
    assert lines[3] == "钱文静："
    assert lines[-2:] == ["清河县青石镇人民政府", "2026年5月20日"]


@pytest.mark.parametrize(("name", "sheets", "footer"), [
    ("tables.xlsx", 4, "清河县青石镇人民政府"),
    ("rollup.xlsx", 5, "清河县人民政府"),
    ("dashboard.xlsx", 3, "清河县人民政府"),
    ("findings.xlsx", 2, "清河县青石镇人民政府"),
])
def test_every_workbook_prints_each_sheet_on_one_page_wide_with_the_footer(
        rendered, name, sheets, footer):
    pages = page_texts(rendered[name])
    # One page per sheet: no sheet split by columns (nor, with these rows, by rows).
    assert len(pages) == sheets
    for n, text in enumerate(pages, start=1):
        assert footer in text
        assert f"第 {n} 页，共 {sheets} 页" in text


def test_wide_report_tables_print_landscape_with_labels_and_totals_on_one_page(rendered):
    sizes = page_sizes(rendered["tables.xlsx"])
    pages = page_texts(rendered["tables.xlsx"])
    table3 = next(n for n, text in enumerate(pages) if "表三" in text)
    table4 = next(n for n, text in enumerate(pages) if "表四" in text)
    assert sizes[table3] == sizes[table4] == A4_LANDSCAPE
    assert "一、本年新收政府信息公开申请数量" in pages[table3]  # first column …
    assert "14069" in pages[table3]  # … and the 总计 column on the same page
    assert "（七）总计" in pages[table3]
    assert "156" in pages[table4].split("尚未审结")[-1]  # Table 4's last column printed


def test_rectification_notice_pdf_is_one_a4_page_addressed_and_signed(rendered):
    assert page_sizes(rendered["notice.docx"]) == [A4_PORTRAIT]
    (page,) = page_texts(rendered["notice.docx"])
    lines = _lines(page)
    assert "督促整改通知" in lines
    assert "清河县青石镇人民政府：" in lines
    assert any(line.startswith("事由：") for line in lines)


def test_inspection_circular_pdf_is_a4_with_each_township_ranked_and_the_deadline(rendered):
    sizes = page_sizes(rendered["circular.docx"])
    assert set(sizes) == {A4_PORTRAIT}
    pages = page_texts(rendered["circular.docx"])
    # The signature never stands alone on a page: the last paragraph goes with it.
    assert "存在单项否决问题的乡镇" in pages[-1].replace(" ", "").replace("\n", "")
    text = "".join(pages).replace(" ", "").replace("\n", "")
    assert "关于政府信息公开专栏检查情况的通报" in text
    assert "各乡镇人民政府：" in text
    for heading in ("一、检查结果", "二、单项否决问题", "三、整改要求"):
        assert heading in text
    assert "青石镇：" in text
    assert "柳溪乡：" in text
    assert "2025年1月31日前完成整改" in text


def test_signoff_sheet_pdf_is_one_a4_page_with_every_step_and_the_attestation(rendered):
    assert page_sizes(rendered["sheet.docx"]) == [A4_PORTRAIT]
    (page,) = page_texts(rendered["sheet.docx"])
    text = page.replace(" ", "").replace("\n", "")
    assert "政府信息公开审签单" in text
    assert "关于秋季防火的通知" in text
    for step in ("提交审核", "科室负责人审核", "审核通过"):
        assert step in text
    assert "本信息不涉及国家秘密、商业秘密和个人隐私" in text
