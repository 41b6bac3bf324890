"""Attachments: allow-listed types, a size limit, content that matches the extension."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Attachment
from disclosure.uploads import validate_upload
from tests.factories import make_item, make_member, make_township
from townships.models import Role


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content"), [
    ("通知.pdf", PDF),
    ("名单.docx", docx_bytes()),
    ("说明.txt", "镇政府关于防汛工作的说明".encode()),
    ("说明-gbk.txt", "镇政府关于防汛工作的说明".encode("gb18030")),
    ("现场.png", image_bytes("PNG")),
    ("现场.jpg", image_bytes("JPEG")),
    ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
])
def test_honest_files_of_allowed_types_are_accepted(name, content):
    validate_upload(SimpleUploadedFile(name, content))


def test_disallowed_type_is_refused_in_chinese():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    assert "不支持的文件类型" in excinfo.value.messages[0]


def test_file_without_extension_is_refused():
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("README", b"text"))


@pytest.mark.parametrize(("name", "content"), [
    ("通知.pdf", b"MZ\x90\x00 this is really an exe"),
    ("名单.docx", PDF),
    ("名单.docx", b"PK\x03\x04 not a real zip"),
    ("现场.png", b"\xff\xd8\xff\xe0 a jpeg in disguise"),
    ("说明.txt", b"\x00\x01\x02binary"),
    ("表格.xlsx", docx_bytes()),
])
def test_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile(name, content))
    assert "文件内容与扩展名" in excinfo.value.messages[0]


def test_too_large_file_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile("通知.pdf", PDF + b"0" * 2048))
    assert "文件过大" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_admin_upload_of_disguised_file_saves_nothing(client):
    township = make_township()
    item = make_item(township=township)
    author = make_member(township=township, role=Role.AUTHOR)
    client.force_login(author)
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    data = {
        "township": township.pk, "category": item.category_id, "title": item.title,
        "publisher_name": item.publisher_name, "written_on": "2024-03-01",
        "topic": "zhzw", "doc_type": "general", "disclosure_mode": "proactive",
        "importance": "normal",
        "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0",
        "attachments-0-file": SimpleUploadedFile("通知.pdf", b"MZ not a pdf"),
        "attachments-0-order": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "文件内容与扩展名" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_public_page_shows_type_and_size_and_serves_the_file(client):
    township = make_township()
    item = make_item(township=township, published=True)
    Attachment.objects.create(item=item, file=SimpleUploadedFile("资金明细.pdf", PDF))
    response = client.get(item.get_absolute_url())
    body = response.content.decode()
    assert "资金明细" in body
    assert "PDF" in body
    assert f"{len(PDF)}" in body or "字节" in body
    attachment = item.attachments.get()
    download = reverse("disclosure:attachment_download",
                       args=[township.slug, item.pk, attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
