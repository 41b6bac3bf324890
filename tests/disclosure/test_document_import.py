# ruff: noqa: E501  (Chinese expectations and Word HTML are kept on one line each)
"""Importing Word/WPS documents into item bodies (docimport.py, admin_import.py).

The documents are real .docx files made by `documents/make_documents.py` (python-docx), and
.doc/.wps/.rtf copies of 01 made by LibreOffice; LibreOffice conversions are batched.
"""

import datetime
import os
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from disclosure import office
from disclosure.docimport import import_document
from disclosure.models import DisclosureItem, DocumentImport, RichTextImage
from disclosure.wordhtml import clean_body
from tests.factories import leaf_category, make_item, make_member, make_township
from townships.models import Role

DOCUMENTS = Path(__file__).parent / "documents"


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DOCUMENTS / name).read_bytes())


def needs_soffice():
    if office.soffice_path() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")


#: file -> what the document states (the suggestions the author confirms)
EXPECTED = {
    "01_春耕补贴通知.docx": {"title": "青石镇人民政府关于做好2026年春耕生产补贴资金发放工作的通知",
                          "doc_number": "青政发〔2026〕3号", "written_on": "2026-03-05",
                          "publisher_name": "青石镇人民政府", "disclosure_mode": "proactive"},
    "05_常务会议纪要.docx": {"doc_number": "青政纪〔2026〕2号", "keywords": "森林防火 安全生产 会议纪要",
                          "publisher_name": "青石镇人民政府办公室"},
    "06_防汛抗旱应急预案.docx": {"title": "青石镇防汛抗旱应急预案（试行）", "written_on": "2026-04-08"},
    "08_人事任免通知.docx": {"doc_number": "青发〔2026〕12号", "publisher_name": "中共青石镇委员会",
                          "keywords": "干部 任免 通知"},
    "10_安全生产检查通报.docx": {"written_on": "2026-04-02",
                            "publisher_name": "青石镇安全生产委员会"},
    "11_村务公开_WPS样式.docx": {"title": "东岭村2026年第一季度村务公开"},
}


@pytest.mark.django_db
def test_thirteen_township_documents_keep_every_paragraph_cell_and_picture(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township(name="青石镇")
    author = make_member(township=township, role=Role.AUTHOR)
    records = {}
    for path in sorted(DOCUMENTS.glob("*.docx")):
        records[path.name] = record = import_document(upload(path.name), township=township,
                                                      user=author)
        source, kept = record.report["source"], record.report["kept"]
        assert kept == {"paragraphs": source["paragraphs"], "cells": source["cells"],
                        "images": source["images"]}, path.name
        assert clean_body(record.body) == record.body, path.name  # saving changes nothing
        assert record.suggestions.get("title"), path.name
        assert "text-indent" not in record.body
        assert "style=" not in record.body
    assert len(records) == 13
    for name, expected in EXPECTED.items():
        assert expected.items() <= records[name].suggestions.items(), name
    # Tables with merged cells keep their spans; header rows become header cells.
    assert '<th rowspan="2"><p>作物</p></th><th colspan="2"><p>补贴标准</p></th>' in \
        records["01_春耕补贴通知.docx"].body
    assert '<td rowspan="2"><p>一般公共服务</p></td>' in records["04_一般公共预算支出.docx"].body
    # 附件说明 becomes a list; the 版头, 文号, 标题, 落款 and 版记 leave the body.
    body01 = records["01_春耕补贴通知.docx"].body
    assert "<p>附件：</p><ol><li><p>青石镇2026年春耕补贴面积核实表</p></li>" in body01
    for part in ("青石镇人民政府文件", "青政发〔2026〕3号", "抄送", "印发", "此件公开发布"):
        assert part not in body01
    assert records["01_春耕补贴通知.docx"].report["removed"] == [
        "版头：青石镇人民政府文件", "版记：青石镇党政办公室 2026年3月5日印发",
        "版记：抄送：县农业农村局，县财政局。"]
    # Footnotes, Word lists, headings.
    body05 = records["05_常务会议纪要.docx"].body
    assert "<sup>[1]</sup>" in body05
    assert body05.endswith("<hr><p>[1] 出席人员名单略。</p>"
                                                         "<p>[2] 督办结果在下次常务会议通报。</p>")
    assert "<ul><li><p>各村落实护林员巡山制度；</p></li>" in body05
    assert "<h2>总则</h2>" in records["06_防汛抗旱应急预案.docx"].body
    assert "<ol><li><p>完成东岭村" in records["03_人居环境整治进展.docx"].body
    # Pictures are the township's images, with the document's descriptions.
    assert RichTextImage.objects.filter(township=township).count() == 3
    assert 'alt="东岭村污水管网铺设施工现场"' in records["03_人居环境整治进展.docx"].body
    assert records["10_安全生产检查通报.docx"].report["missing_alt"] == 1
    # Personal data: found by the existing scan.
    kinds = {name: sorted(f["kind"] for f in r.report["pii"]) for name, r in records.items()}
    assert kinds["02_低保对象公示.docx"] == ["id_card", "mobile"]
    assert kinds["08_人事任免通知.docx"] == ["mobile"]
    assert not kinds["13_高龄津贴发放名册.docx"]  # masked card numbers are not findings


@pytest.mark.django_db
def test_doc_wps_and_rtf_go_through_libreoffice(settings, tmp_path):
    needs_soffice()
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    sources = [DOCUMENTS / f"01_春耕补贴通知.{ext}" for ext in ("wps", "rtf")]
    with tempfile.TemporaryDirectory() as folder:  # one soffice run for both
        converted = office.to_docx(sources, Path(folder))
        assert set(converted) == set(sources)
    record = import_document(upload("01_春耕补贴通知.doc"), township=township, user=author)
    assert record.extension == "doc"
    assert record.suggestions["doc_number"] == "青政发〔2026〕3号"
    assert record.suggestions["written_on"] == "2026-03-05"
    assert record.report["kept"]["cells"] == record.report["source"]["cells"] == 17
    assert '<th colspan="2"><p>补贴标准</p></th>' in record.body


@pytest.mark.django_db
def test_without_libreoffice_a_doc_gets_a_chinese_message(settings):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    township = make_township()
    with pytest.raises(ValidationError, match="服务器未安装 LibreOffice"):
        import_document(upload("01_春耕补贴通知.doc"), township=township,
                        user=make_member(township=township))
    assert not DocumentImport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("通知.pdf", b"%PDF-1.4", "只能导入 Word 或 WPS 文档"),
    ("通知.docx", b"%PDF-1.4 renamed", "文件内容与扩展名"),
    ("通知.rtf", b"not rtf at all", "文件内容与扩展名"),
])
def test_other_files_are_refused_in_chinese(name, content, message):
    township = make_township()
    with pytest.raises(ValidationError, match=message):
        import_document(SimpleUploadedFile(name, content), township=township,
                        user=make_member(township=township))


@pytest.mark.django_db
def test_author_imports_confirms_and_saves_a_new_item(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township(name="青石镇")
    author = make_member(township=township, role=Role.AUTHOR)
    client = Client()
    client.force_login(author)
    page = client.get(reverse("admin:disclosure_disclosureitem_import"))
    assert page.status_code == 200
    assert "导入 Word/WPS 文档" in page.content.decode()
    response = client.post(reverse("admin:disclosure_disclosureitem_import"), {
        "township": township.pk, "file": upload("01_春耕补贴通知.docx"), "attach_original": "on"})
    record = DocumentImport.objects.get()
    add_url = f"{reverse('admin:disclosure_disclosureitem_add')}?import={record.pk}"
    assert response.status_code == 302
    assert response["Location"] == add_url
    form = client.get(add_url).content.decode()
    assert "青政发〔2026〕3号" in form
    assert "2026-03-05" in form
    assert "导入情况（原文与导入结果对照）" in form
    assert "版记：抄送" in form
    assert DisclosureItem.objects.count() == 0  # nothing saved before the author confirms
    response = client.post(add_url, {
        "township": township.pk, "category": leaf_category(township).pk,
        "title": record.suggestions["title"], "publisher_name": "青石镇人民政府",
        "written_on": "2026-03-05", "doc_number": "青政发〔2026〕3号", "topic": "zhzw",
        "doc_type": "document", "disclosure_mode": "proactive", "importance": "normal",
        "body": record.body, "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    item = DisclosureItem.objects.get()
    record.refresh_from_db()
    assert record.item == item
    assert record.applied_at is not None
    assert item.body == record.body
    assert item.written_on == datetime.date(2026, 3, 5)
    assert [a.original_name for a in item.attachments.all()] == ["01_春耕补贴通知.docx"]


@pytest.mark.django_db
def test_importing_into_a_draft_replaces_its_body_and_fills_only_empty_fields(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    item = make_item(township=township, title="春耕补贴（初稿）", body="<p>旧正文</p>")
    client = Client()
    client.force_login(author)
    url = f"{reverse('admin:disclosure_disclosureitem_import')}?item={item.pk}"
    response = client.post(url, {"township": township.pk, "file": upload("01_春耕补贴通知.docx")})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "春耕补贴（初稿）" in page  # the author's own title stays
    assert "青政发〔2026〕3号" in page
    assert "旧正文" not in page
    item.refresh_from_db()
    assert item.body == "<p>旧正文</p>"  # unchanged until the form is saved


@pytest.mark.django_db
def test_an_import_belongs_to_its_township_and_its_author(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    mine, other = make_township(), make_township()
    author = make_member(township=mine, role=Role.AUTHOR)
    record = import_document(upload("02_低保对象公示.docx"), township=mine, user=author)
    stranger = make_member(township=other, role=Role.AUTHOR)
    client = Client()
    client.force_login(stranger)
    page = client.get(f"{reverse('admin:disclosure_disclosureitem_add')}?import={record.pk}")
    assert "低保" not in page.content.decode()
    item = make_item(township=mine)
    response = client.get(f"{reverse('admin:disclosure_disclosureitem_import')}?item={item.pk}")
    assert response.status_code == 404
