"""Images the county uploads for the portal (banner, emblem, police badge, 党政机关网站标识).

Checked with Pillow: a real PNG, JPEG, GIF or WebP whose content matches its extension,
at most MAX_BYTES and MAX_SIDE pixels a side. SVG is refused (it can carry script).
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
#: Pillow format -> the extensions a file of that format may carry, and its content type.
FORMATS = {
    "PNG": ({"png"}, "image/png"),
    "JPEG": ({"jpg", "jpeg"}, "image/jpeg"),
    "GIF": ({"gif"}, "image/gif"),
    "WEBP": ({"webp"}, "image/webp"),
}
EXTENSIONS = sorted(ext for exts, _mime in FORMATS.values() for ext in exts)


def _image_format(upload) -> tuple[str, tuple[int, int]]:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            fmt, size = image.format, image.size
            image.verify()
        return fmt, size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as exc:
        raise ValidationError(_("无法识别该图片，请上传 PNG、JPG、GIF 或 WebP 格式的图片。"),
                              code="not_image") from exc
    finally:
        upload.seek(position)


def validate_site_image(upload) -> None:
    """Raise ValidationError (in Chinese) unless `upload` is an acceptable portal image."""
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("图片不能超过 %(max)s（当前 %(size)s）。")
            % {"max": filesizeformat(MAX_BYTES), "size": filesizeformat(size)}, code="too_big")
    fmt, (width, height) = _image_format(upload)
    if fmt not in FORMATS:
        raise ValidationError(_("只接受 PNG、JPG、GIF 或 WebP 格式的图片。"), code="format")
    extension = PurePath(getattr(upload, "name", "") or "").suffix.lower().lstrip(".")
    if extension not in FORMATS[fmt][0]:
        raise ValidationError(
            _("文件扩展名（.%(ext)s）与图片实际格式（%(fmt)s）不一致。")
            % {"ext": extension or "—", "fmt": fmt}, code="extension")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError(
            _("图片尺寸不能超过 %(max)d×%(max)d 像素（当前 %(w)d×%(h)d）。")
            % {"max": MAX_SIDE, "w": width, "h": height}, code="dimensions")


def content_type_for(name: str) -> str:
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    for extensions, mime in FORMATS.values():
        if extension in extensions:
            return mime
    return "application/octet-stream"
