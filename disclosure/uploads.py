"""Checking uploaded attachments: allow-listed types, a size limit, content that matches."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .images import check_image


@dataclass(frozen=True)
class FileType:
    label: str
    mime: str
    check: str  # which content check applies


FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "application/pdf", "pdf"),
    "ofd": FileType("OFD", "application/ofd", "ofd"),
    "doc": FileType("Word", "application/msword", "ole"),
    "docx": FileType("Word",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "docx"),
    "xls": FileType("Excel", "application/vnd.ms-excel", "ole"),
    "xlsx": FileType("Excel",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "xlsx"),
    "wps": FileType("WPS文字", "application/vnd.ms-works", "ole"),
    "et": FileType("WPS表格", "application/vnd.ms-excel", "ole"),
    "txt": FileType("文本", "text/plain", "text"),
    "jpg": FileType("JPEG图片", "image/jpeg", "jpeg"),
    "jpeg": FileType("JPEG图片", "image/jpeg", "jpeg"),
    "png": FileType("PNG图片", "image/png", "png"),
    "zip": FileType("ZIP压缩包", "application/zip", "zip"),
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _zip_names(upload) -> list[str] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the end of the sample.
            try:
                head[:-3].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def is_ofd(upload) -> bool:
    """An OFD (GB/T 33190) package: a zip whose OFD.xml names a document ofdkit can open
    (ofdkit refuses oversized parts and too many entries, so a zip bomb is no OFD)."""
    import ofdkit

    try:
        upload.seek(0)
        with ofdkit.open(upload) as document:
            return len(document.pages) > 0
    except (ofdkit.OFDError, OSError, ValueError, KeyError):
        return False
    finally:
        upload.seek(0)


def _content_matches(check: str, upload, head: bytes) -> bool:
    if check == "pdf":
        return head.startswith(b"%PDF-")
    if check == "ole":
        return head.startswith(_OLE_MAGIC)
    if check == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if check == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if check == "text":
        return _is_text(head)
    if check == "ofd":
        return head.startswith(b"PK\x03\x04") and is_ofd(upload)
    if check in {"docx", "xlsx", "zip"}:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(upload)
        if names is None:
            return False
        marker = {"docx": "word/", "xlsx": "xl/", "zip": ""}[check]
        return any(name.startswith(marker) for name in names)
    return False


def validate_upload(upload) -> FileType:
    """Raise a Chinese ValidationError unless the file is an allowed, honest, small file."""
    ext = extension_of(upload.name)
    file_type = FILE_TYPES.get(ext)
    if file_type is None:
        allowed = "、".join(sorted(FILE_TYPES))
        raise ValidationError(
            _("不支持的文件类型“.%(ext)s”。允许的类型：%(allowed)s。")
            % {"ext": ext or _("无扩展名"), "allowed": allowed},
            code="type",
        )
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("文件过大（%(size)s），单个附件不能超过 %(limit)s。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("文件是空的。"), code="empty")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if not _content_matches(file_type.check, upload, head):
        raise ValidationError(
            _("文件内容与扩展名“.%(ext)s”不符，请确认文件未被改名或损坏。") % {"ext": ext},
            code="content",
        )
    if file_type.check in {"jpeg", "png"}:
        check_image(upload)  # decodable, not a bomb; re-encoded when saved (images.py)
    return file_type


#: Documents that can be imported into an item body (docimport.py): .docx directly,
#: the others through LibreOffice.
DOCUMENT_TYPES: dict[str, FileType] = {
    "docx": FILE_TYPES["docx"],
    "doc": FILE_TYPES["doc"],
    "wps": FILE_TYPES["wps"],
    "rtf": FileType("RTF", "application/rtf", "rtf"),
}


def validate_document_upload(upload) -> str:
    """The extension of an importable document; a Chinese ValidationError otherwise."""
    ext = extension_of(getattr(upload, "name", ""))
    if ext not in DOCUMENT_TYPES:
        raise ValidationError(
            _("只能导入 Word 或 WPS 文档（.docx、.doc、.wps、.rtf），不支持“.%(ext)s”。"
              "PDF 和 OFD 请作为附件上传。") % {"ext": ext or _("无扩展名")}, code="type")
    if ext == "rtf":
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("文件过大（%(size)s），单个附件不能超过 %(limit)s。")
                % {"size": filesizeformat(upload.size),
                   "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}, code="size")
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not head.lstrip().startswith(b"{\\rtf"):
            raise ValidationError(_("文件内容与扩展名“.rtf”不符，请确认文件未被改名或损坏。"),
                                  code="content")
        return ext
    validate_upload(upload)
    return ext
