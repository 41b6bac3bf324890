"""Rich-text configuration and the server-side allow-list sanitiser (nh3)."""

from __future__ import annotations

import re

import nh3
from django.conf import settings
from django.urls import reverse_lazy

# Extensions offered by django-prose-editor; the sanitiser below allows exactly their output.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Image": True,
    "Figure": True,
    "Caption": True,
    # Word/WPS HTML pasted into the editor is cleaned on the server (static/js/
    # editor-word-paste.js, disclosure/paste.py), like an imported document.
    "WordPaste": {"url": reverse_lazy("admin:disclosure_disclosureitem_paste")},
}

_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr",
    "a", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "img", "figure", "figcaption",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "col": {"span"},
}

# An image must be a file uploaded to the platform (RichTextImage): a path under
# MEDIA_URL/richtext/, never another host (tracking, mixed content) or a data: URL.
_PLATFORM_IMAGE = re.compile(r"^richtext/[a-z0-9_-]+/[0-9a-f]{32}\.(jpg|jpeg|png)$")


def is_platform_image(src: str) -> bool:
    prefix = settings.MEDIA_URL
    return src.startswith(prefix) and bool(_PLATFORM_IMAGE.match(src[len(prefix):]))


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_platform_image(value):
        return None
    return value


# nh3's output is normalised, so an <img> whose src was dropped is found reliably.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")

_cleaner = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_filter_attribute,
)


def sanitize_html(html: str | None) -> str:
    """Remove everything outside the allow-list: scripts, event handlers, javascript: URLs."""
    if not html:
        return ""
    cleaned = _IMG_WITHOUT_SRC.sub("", _cleaner.clean(html)).strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
