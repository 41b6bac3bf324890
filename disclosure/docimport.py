"""Importing a Word/WPS document into an item body.

.docx is converted by mammoth (a maintained docx → HTML converter); .doc, .wps and .rtf are
first turned into .docx by LibreOffice (office.py). The HTML then goes through the one
cleaning every body gets (wordhtml.py), the document's own parts are recognised
(docmeta.py: 标题, 文号, 落款, 主题词, 附件说明, 版记) and the result is checked against the
source (docstats.py) and scanned for personal data (pii.py). Pictures are stored as the
township's rich-text images (verified and re-encoded like every upload).

Nothing here saves an item: `import_document` records a `DocumentImport`, and the author
confirms its suggestions on the item form (admin_import.py).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import mammoth
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import docmeta, docstats, office, pii
from .content_checks import FILENAME_ALT
from .images import check_image
from .models import DocumentImport, RichTextImage
from .richtext import sanitize_html
from .uploads import validate_document_upload
from .wordhtml import clean_tree, serialize

#: Chinese Word and WPS name the built-in styles in Chinese.
STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1:fresh",
    "p[style-name='标题'] => h1:fresh",
    "p[style-name='标题 1'] => h1:fresh",
    "p[style-name='标题 2'] => h2:fresh",
    "p[style-name='标题 3'] => h3:fresh",
    "p[style-name='标题 4'] => h4:fresh",
])
#: A .docx whose parts unpack to more than this is refused (a zip bomb, not a document).
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
_PILLOW_READABLE = {"image/gif", "image/bmp", "image/tiff", "image/x-ms-bmp", "image/webp"}


@dataclass
class Converted:
    html: str
    images: list[RichTextImage] = field(default_factory=list)
    dropped_images: list[str] = field(default_factory=list)


class _ImageStore:
    """mammoth's image callback: each picture becomes a RichTextImage of the township."""

    def __init__(self, township, user, source_name: str):
        self.township, self.user, self.source_name = township, user, source_name
        self.images: list[RichTextImage] = []
        self.dropped: list[str] = []

    def __call__(self, image) -> dict:
        number = len(self.images) + len(self.dropped) + 1
        try:
            with image.open() as handle:
                data = handle.read()
            data, extension = _as_web_image(data, image.content_type or "")
            upload = ContentFile(data, name=f"image.{extension}")
            check_image(upload)
        except (ValidationError, OSError, UnidentifiedImageError, ValueError):
            self.dropped.append(_("第%(n)s张图片（%(type)s）无法转换为 JPG/PNG，未导入。")
                                % {"n": number, "type": image.content_type or _("未知格式")})
            return {"src": ""}
        alt = (image.alt_text or "").strip()
        picture = RichTextImage(township=self.township, uploaded_by=self.user,
                                alt=(alt or _("《%(name)s》中的第%(n)s张图片")
                                     % {"name": self.source_name, "n": number})[:200])
        picture.file = upload  # saved re-encoded, like every uploaded image (images.py)
        picture.save()
        self.images.append(picture)
        attributes = {"src": picture.url}
        if alt and not FILENAME_ALT.search(alt):
            attributes["alt"] = alt
        return attributes


def _as_web_image(data: bytes, content_type: str) -> tuple[bytes, str]:
    if content_type in {"image/png"}:
        return data, "png"
    if content_type in {"image/jpeg", "image/jpg", "image/pjpeg"}:
        return data, "jpg"
    if content_type in _PILLOW_READABLE:
        with Image.open(io.BytesIO(data)) as source:
            out = io.BytesIO()
            source.convert("RGBA" if "A" in source.getbands() else "RGB").save(out, "PNG")
        return out.getvalue(), "png"
    raise ValueError(content_type)  # EMF/WMF drawings and the like


def _check_docx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            has_document = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        has_document, unpacked = False, 0
    if not has_document:
        raise ValidationError(
            _("文件不是有效的 Word 文档（.docx），请在 Word 或 WPS 中重新保存后导入。"),
            code="docx")
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("文档解压后过大（超过300 MB），请删减图片后再导入。"),
                              code="docx_size")


def convert_docx(path: Path, *, township, user, source_name: str) -> Converted:
    """mammoth's HTML of a .docx, its pictures stored as the township's images."""
    _check_docx(path)
    store = _ImageStore(township, user, source_name)
    with path.open("rb") as handle:
        result = mammoth.convert_to_html(handle, style_map=STYLE_MAP,
                                         convert_image=mammoth.images.img_element(store))
    return Converted(result.value, store.images, store.dropped)


def _docx_of(upload, extension: str, folder: Path) -> Path:
    source = folder / f"source.{extension}"
    with source.open("wb") as out:
        upload.seek(0)
        shutil.copyfileobj(upload, out)
    upload.seek(0)
    if extension == "docx":
        return source
    return office.convert_one(source, folder / "office")


@transaction.atomic
def import_document(upload, *, township, user, attach_original: bool = False
                    ) -> DocumentImport:
    """Convert, clean, recognise, compare and scan one uploaded document; record it."""
    extension = validate_document_upload(upload)
    name = Path(upload.name).name[:200]
    with tempfile.TemporaryDirectory(prefix="township-import-") as tmp:
        docx_path = _docx_of(upload, extension, Path(tmp))
        converted = convert_docx(docx_path, township=township, user=user,
                                 source_name=Path(name).stem)
        source = docstats.source_counts(docx_path)
        centered = docmeta.centered_opening(docx_path)
    root = lxml.html.fragment_fromstring(converted.html or "", create_parent="div")
    clean_tree(root)
    found = docmeta.recognise(root, centered)
    body = sanitize_html(serialize(root))
    findings = pii.scan_text(pii.html_to_text(body))
    report = {
        "source": source.as_dict(),
        "result": docstats.body_counts(body, found).as_dict(),
        "kept": docstats.kept(source, body, found),
        "dropped_images": converted.dropped_images,
        "removed": found.removed,
        "recognised": found.notes,
        "pii": [{**f.as_dict(), "label": f.label} for f in findings],
        "missing_alt": docstats.images_without_alt(body),
    }
    record = DocumentImport(township=township, original_name=name, extension=extension,
                            body=body, suggestions=found.as_suggestions(), report=report,
                            attach_original=attach_original, created_by=user)
    upload.seek(0)
    record.file.save(f"{Path(name).stem[:60] or 'document'}.{extension}", upload, save=False)
    record.save()
    return record
