"""Pasting from Word or WPS into the editor: the same cleaning as an imported document.

The editor's paste hook (static/js/editor-word-paste.js) sends the clipboard's HTML here
when it comes from Word or WPS and inserts what comes back, so a pasted text and the same
document imported give the same body (wordhtml.clean_body). Pictures embedded in the HTML
(data: URLs, as WPS and browsers put them) are stored as the township's rich-text images;
Word's own pictures are local files (file:///…) a browser cannot read: they are counted
and the author is told to import the document or upload them.
"""

from __future__ import annotations

import base64
import binascii
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .images import check_image
from .models import RichTextImage
from .wordhtml import clean_body

MAX_PASTE_CHARS = 5_000_000
MAX_PASTED_IMAGES = 30
_DATA_IMG = re.compile(r"""(<img\b[^>]*?\ssrc=)(["'])data:image/(png|jpeg|jpg);base64,([^"']+)\2""",
                       re.I)
_LOCAL_IMG = re.compile(r"""<img\b[^>]*?\ssrc=["'](?:file:|blob:|cid:)""", re.I)
_VML_IMG = re.compile(r"<v:imagedata\b", re.I)


def _store(match, township, user, stored: list, refused: list) -> str:
    if township is None or len(stored) >= MAX_PASTED_IMAGES:
        refused.append(match.group(3))
        return match.group(0)
    try:
        data = base64.b64decode(match.group(4), validate=False)
        if len(data) > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError("too large")
        extension = "png" if match.group(3).lower() == "png" else "jpg"
        upload = ContentFile(data, name=f"paste.{extension}")
        check_image(upload)
    except (ValidationError, binascii.Error, ValueError):
        refused.append(match.group(3))
        return match.group(0)
    image = RichTextImage(township=township, uploaded_by=user, alt=_("粘贴的图片"))
    image.file = upload  # saved re-encoded, like every uploaded image
    image.save()
    stored.append(image)
    return f"{match.group(1)}{match.group(2)}{image.url}{match.group(2)}"


def clean_paste(html: str, *, township, user) -> tuple[str, list[str]]:
    """(clean body HTML, notes for the author) of pasted Word/WPS HTML."""
    if len(html) > MAX_PASTE_CHARS:
        raise ValidationError(_("粘贴的内容过大，请分段粘贴，或使用“导入 Word/WPS 文档”。"))
    local = len(_LOCAL_IMG.findall(html)) or len(_VML_IMG.findall(html))
    stored: list = []
    refused: list = []
    html = _DATA_IMG.sub(lambda m: _store(m, township, user, stored, refused), html)
    notes = []
    if local:
        notes.append(_("Word/WPS 中的 %(n)s 张图片无法随粘贴带入：请使用“导入 Word/WPS 文档”，"
                       "或在“正文图片”中上传后插入。") % {"n": local})
    if refused:
        notes.append(_("%(n)s 张图片未能保存（格式不支持、文件过大或未选择乡镇）。")
                     % {"n": len(refused)})
    if stored:
        notes.append(_("已保存粘贴的 %(n)s 张图片，请为每张图片填写图片说明（替代文本）。")
                     % {"n": len(stored)})
    return clean_body(html), notes
