"""Uploaded images are verified and re-encoded with Pillow.

Re-encoding keeps the pixels and drops everything else a camera or editor wrote into the
file: EXIF (including GPS position), XMP, ICC profiles, comments and any bytes appended
after the image. The orientation the camera recorded is applied first, so the picture
still looks the way it was taken.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # 40 megapixels: larger is refused (decompression bombs)
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


def check_image(upload) -> None:
    """Raise a Chinese ValidationError unless Pillow can read the whole image."""
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("图片尺寸过大（超过4000万像素），请缩小后再上传。"),
                                      code="image_size")
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise ValidationError(_("图片文件已损坏或不是有效的图片，请重新导出后上传。"),
                              code="image") from None
    finally:
        upload.seek(0)


def reencode(upload, extension: str) -> ContentFile:
    """A clean copy of the image: same format, no metadata."""
    fmt = FORMATS[extension.lower()]
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        if fmt == "JPEG":
            image.save(out, "JPEG", quality=88, optimize=True)
        else:
            image.save(out, "PNG", optimize=True)
    upload.seek(0)
    return ContentFile(out.getvalue())


def replace_with_clean_copy(field_file, extension: str) -> None:
    """Swap a new, not yet stored upload for its re-encoded copy (same name)."""
    if not field_file or getattr(field_file, "_committed", True):
        return
    if extension.lower() not in FORMATS:
        return
    name = field_file.name.rsplit("/", 1)[-1]
    clean = reencode(field_file.file, extension)
    field_file.save(name, clean, save=False)
