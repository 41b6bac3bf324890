"""Authoring-time accessibility checks of rich-text HTML (A11Y.md §6), pure Python.

`check_html(html)` returns findings with Chinese messages. The admin shows them as warnings on
save; `blocking_content_problems(item)` returns the messages that must block submission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

FILENAME_ALT = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|bmp|tiff?)$|_|^(图片|image|img|照片|dsc)\s*\d*$", re.IGNORECASE)
DENY_LINK_TEXTS = {
    "点击这里", "点这里", "点击此处", "这里", "此处", "更多", "更多>>", "详情", "详见附件", "点此",
    "点击", "链接", ">>", ">>>", "》》", "here", "click here", "more", "read more",
}
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b]+")


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    blocking: bool = True


def _clean(text: str) -> str:
    return _SPACE.sub("", text)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.last_level = 0
        self.heading: tuple[int, list[str], bool] | None = None  # level, text, has image
        self.link: list[str] | None = None
        self.link_label = ""
        self.tables: list[bool] = []  # has th

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self._check_img(attrs)
            if self.heading:
                self.heading = (self.heading[0], self.heading[1], bool(attrs.get("alt")))
            if self.link is not None and attrs.get("alt"):
                self.link.append(attrs["alt"])
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = (int(tag[1]), [], False)
        elif tag == "a":
            self.link = []
            self.link_label = attrs.get("aria-label") or attrs.get("title") or ""
        elif tag == "table":
            self.tables.append(False)
        elif tag == "th" and self.tables:
            self.tables[-1] = True

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self.heading:
            self._check_heading(*self.heading)
            self.heading = None
        elif tag == "a" and self.link is not None:
            self._check_link("".join(self.link))
            self.link = None
        elif tag == "table" and self.tables and not self.tables.pop():
            self.findings.append(Finding("table-no-header", _(
                "表格没有表头单元格（th）：请把第一行或第一列设为表头，读屏用户才能理解各列含义。")))

    def handle_data(self, data):
        if self.heading:
            self.heading[1].append(data)
        if self.link is not None:
            self.link.append(data)

    def _check_img(self, attrs):
        alt = attrs.get("alt")
        src = attrs.get("src", "")
        if alt is None:
            self.findings.append(Finding("img-no-alt", _(
                "图片缺少替代文本（alt）：{src}。请用一句话说明图片内容；纯装饰图片请标记为装饰。"
            ).format(src=src.rsplit("/", 1)[-1] or _("（无地址）"))))
        elif alt.strip() and FILENAME_ALT.search(alt.strip()):
            self.findings.append(Finding("img-alt-filename", _(
                "图片替代文本“{alt}”像是文件名，请改为描述图片内容的文字。").format(alt=alt)))

    def _check_heading(self, level, parts, has_image):
        if not _clean("".join(parts)) and not has_image:
            self.findings.append(Finding("empty-heading", _(
                "存在空标题（h{level}）：标题中只有空格或全角空格，请填写标题文字或改为普通段落。"
            ).format(level=level)))
            return
        if self.last_level and level > self.last_level + 1:
            self.findings.append(Finding("heading-order", _(
                "标题层级跳级：从 h{prev} 直接到 h{level}，请不要跳过中间级别。"
            ).format(prev=self.last_level, level=level)))
        elif not self.last_level and level > 2:
            self.findings.append(Finding("heading-order", _(
                "正文的第一个标题应为二级标题（h2），当前为 h{level}。").format(level=level)))
        self.last_level = level

    def _check_link(self, text):
        name = _clean(text).lower()
        if self.link_label and _clean(self.link_label).lower() not in DENY_LINK_TEXTS:
            return
        if not name:
            self.findings.append(Finding("link-empty", _(
                "存在没有文字的链接，请填写说明链接去向的文字。")))
        elif name in DENY_LINK_TEXTS:
            self.findings.append(Finding("link-text", _(
                "链接文字“{text}”无法说明链接去向，请改为具体说明，例如文件或页面的名称。"
            ).format(text=text.strip())))


def check_html(html: str | None) -> list[Finding]:
    if not html:
        return []
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def content_warnings(item) -> list[str]:
    """All findings for the item's body, as messages (shown on save)."""
    return [finding.message for finding in check_html(getattr(item, "body", ""))]


def blocking_content_problems(item) -> list[str]:
    """Messages that must block submission for review/publication (called by sign-off)."""
    return [f.message for f in check_html(getattr(item, "body", "")) if f.blocking]
