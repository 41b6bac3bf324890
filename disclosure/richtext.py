"""Rich-text configuration and the server-side allow-list sanitiser (nh3)."""

from __future__ import annotations

import nh3

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

_cleaner = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str | None) -> str:
    """Remove everything outside the allow-list: scripts, event handlers, javascript: URLs."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
