"""OFD (GB/T 33190) attachments: checked by content, read for search and the scan, offered."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from disclosure import pii, pii_sources
from disclosure.models import Attachment
from disclosure.uploads import validate_upload
from tests.factories import make_item, make_township

OFD = Path(__file__).parent / "documents" / "14_低保名单公布.ofd"


def ofd_upload(data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile("低保名单公布.ofd", OFD.read_bytes() if data is None else data)


def zipped(**parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


def test_a_real_ofd_is_accepted_and_its_text_read():
    assert validate_upload(ofd_upload()).label == "OFD"
    lines = [text for _n, text in pii.file_lines(io.BytesIO(OFD.read_bytes()), "ofd")]
    assert "青政发〔2026〕5号" in lines
    assert "张某某   东村   650" in lines  # table rows in reading order


@pytest.mark.parametrize("data", [
    b"%PDF-1.4 renamed to .ofd",
    zipped(readme_txt="not an OFD"),
    zipped(**{"OFD.xml": "<not-ofd/>"}),
])
def test_files_that_are_not_ofd_are_refused_in_chinese(data):
    with pytest.raises(ValidationError, match=r"文件内容与扩展名“\.ofd”不符"):
        validate_upload(ofd_upload(data))


@pytest.mark.django_db
def test_ofd_attachment_is_scanned_indexed_and_offered_to_the_public(settings, tmp_path):
    from search.documents import attachment_text

    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    item = make_item(township=township, title="关于公布低保对象名单的通知")
    attachment = Attachment.objects.create(item=item, file=ofd_upload(), title="低保名单公布")
    findings = pii_sources.item_findings(item)
    assert [(s.label, [f.match for f in s.findings]) for s in findings] == [
        ("附件：低保名单公布", ["13812345678"])]
    assert "经村民代表评议" in attachment_text(attachment)
    from tests.factories import publish

    publish(item, pii_reason="联系电话为经办人工作电话，确需公开")
    page = Client().get(item.get_absolute_url()).content.decode()
    assert "低保名单公布</a>" in page
    assert "（OFD，2.3\xa0KB）" in page
    assert "可用 OFD 阅读器打开" in page
    download = Client().get(reverse("disclosure:attachment_download",
                                    args=[township.slug, item.pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
