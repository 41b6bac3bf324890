"""Template helpers for portal-style pages: numbered pagination and scrollable tables.

{% load portal %}
{% page_url 3 %}            -> "?q=…&page=3" (keeps the other query parameters)
{% page_window page as nums %} -> [1, None, 4, 5, 6, None, 20] (None: a gap shown as …)
{% pagination page %}       -> the numbered page links of a list (written in Python: ten
                               links through the template engine cost a list page about
                               8 % of its page-cache miss, issue 28)
{{ item.body|wrap_tables }} -> every <table> in rich text inside a focusable scroll region
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

WINDOW = 2  # page numbers shown either side of the current one


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    return _page_hrefs(context.get("request"))(int(number))


@register.simple_tag
def page_window(page, size: int = WINDOW) -> list[int | None]:
    """Page numbers around the current page, always with the first and the last."""
    last, current = page.paginator.num_pages, page.number
    shown = {1, last, *range(max(1, current - size), min(last, current + size) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def _page_hrefs(request):
    """A function number -> the address of that page of this list, the request's other
    parameters kept: copied and encoded once for all the links of a list (`page` goes
    last, as QueryDict writes a value set after the others)."""
    if request is None:
        return lambda number: f"?page={number}" if number > 1 else "?"
    params = request.GET.copy()
    params.pop("page", None)
    others = params.urlencode()
    head = f"?{others}&page=" if others else "?page="
    first = f"?{others}" if others else "?"
    return lambda number: f"{head}{number}" if number > 1 else first


@register.simple_tag(takes_context=True)
def pagination(context, page) -> str:
    """The list's page links: what includes/pagination.html wrote, byte for byte
    (tests/site_pages/test_pagination_tag.py)."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return "\n"
    href_of = _page_hrefs(context.get("request"))
    parts = [format_html(
        '\n<nav class="pagination" aria-label="{}">\n  <p class="pagination-summary">{}</p>\n'
        "  <ul>\n    ", _("分页"),
        _("共 %(count)s 条，第 %(n)s 页 / 共 %(total)s 页")
        % {"count": paginator.count, "n": page.number, "total": paginator.num_pages})]
    if page.has_previous():
        parts.append(format_html(
            '\n    <li><a href="{}">{}</a></li>\n    <li><a href="{}" rel="prev">{}</a></li>\n    ',
            href_of(1), _("首页"), href_of(page.previous_page_number()), _("上一页")))
    parts.append("\n    ")
    numbered = _("第 %(number)s 页")  # translated once for every link, not once per link
    for number in page_window(page):  # (the template's line breaks, kept as they were)
        if number is None:
            parts.append('\n    <li class="pagination-gap" aria-hidden="true">…</li>\n    \n    ')
            continue
        label = numbered % {"number": number}
        href = href_of(number)
        if number == page.number:
            parts.append(format_html(
                '\n    <li><a href="{}" aria-current="page" aria-label="{}">{}</a></li>'
                '\n    \n    ', href, label, number))
        else:
            parts.append(format_html('\n    <li><a href="{}" aria-label="{}">{}</a></li>\n    ',
                                     href, label, number))
    parts.append("\n    ")
    if page.has_next():
        parts.append(format_html(
            '\n    <li><a href="{}" rel="next">{}</a></li>\n    <li><a href="{}">{}</a></li>\n    ',
            href_of(page.next_page_number()), _("下一页"), href_of(paginator.num_pages), _("尾页")))
    parts.append("\n  </ul>\n</nav>\n\n")
    return mark_safe("".join(str(part) for part in parts))  # each part escaped above


_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)


@register.filter(is_safe=True)
def wrap_tables(html) -> str:
    """Put each table of (already sanitised) rich text in a labelled, focusable scroll region
    with a hint for phones, so a wide table scrolls inside itself and never the page."""
    labels: dict[str, int] = {}

    def wrap(match):
        table = match.group(0)
        if table.lower().count("<table") > 1:  # nested tables: leave as written
            return table
        caption = _CAPTION.search(table)
        label = strip_tags(caption.group(1)).strip() if caption else ""
        label = label or _("正文表格")
        labels[label] = labels.get(label, 0) + 1
        if labels[label] > 1:
            label = f"{label}（{labels[label]}）"
        return format_html(
            '<p class="table-hint">{}</p><div class="table-scroll" role="region" tabindex="0" '
            'aria-label="{}">', _("表格较宽时，可在表格区域内左右滑动查看。"), label,
        ) + table + "</div>"

    # The input is rich text already sanitised by nh3 when it was saved.
    return mark_safe(_TABLE.sub(wrap, str(html or "")))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # blocks inside stay overridable by child templates

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = self.nodelist.render(context).strip()
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once, reuse as {{ name }}."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
