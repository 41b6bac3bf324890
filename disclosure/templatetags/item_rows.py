"""The rows of the public item lists, written in Python: a page of 20 rows through the
template engine cost more than the rest of the page (issue 28: per row a URL reversed, four
dates formatted, a dozen variables looked up and escaped).

    {% load item_rows %}
    {% catalogue_rows items %}        the 信息公开目录 table's rows (includes/catalogue_table.html)
    {% doc_rows items show_township %} a doc-list's <li> rows (includes/item_list.html)
    {{ item.published_on|ymd }}       "2026-12-06", the text of |date:"Y-m-d", without the
                                      format machinery (any public page's dates)

Every value is escaped (format_html); the markup is what the templates wrote before.
"""

from __future__ import annotations

import datetime

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _

register = template.Library()

_SLUG, _PK = "zzslugzz", 987654321  # stand-ins reversed once per list


def item_url_maker():
    """A function (slug, pk) -> the item page's address: `reverse` once, then substitution
    (slugs and ids need no quoting, so the result is what `reverse` gives)."""
    pattern = reverse("disclosure:item_detail", args=[_SLUG, _PK])
    head, tail = pattern.split(_SLUG, 1)
    middle, end = tail.split(str(_PK), 1)
    return lambda slug, pk: f"{head}{slug}{middle}{pk}{end}"


@register.filter(expects_localtime=True)
def ymd(value) -> str:
    """What `|date:"Y-m-d"` writes: the local date ("" for anything else)."""
    if isinstance(value, datetime.datetime):
        return (localtime(value) if is_aware(value) else value).date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def catalogue_rows(items):
    url = item_url_maker()
    labels = (_("索引号"), _("名称"), _("文号"), _("成文/发布日期"), _("成文"), _("发布"))
    return format_html_join("\n", (
        '<tr><td class="ct-index" data-label="{}">{}</td>'
        '<td class="ct-title" data-label="{}"><a href="{}">{}</a></td>'
        '<td class="ct-number" data-label="{}">{}</td>'
        '<td class="ct-date" data-label="{}"><span class="ct-date-line">{} <time datetime="{}">'
        '{}</time></span> <span class="ct-date-line">{} <time datetime="{}">{}</time></span>'
        '</td></tr>'), (
        (labels[0], item.index_no or "—",
         labels[1], url(item.township.slug, item.pk), item.title,
         labels[2], item.doc_number or "—",
         labels[3], labels[4], ymd(item.written_on), ymd(item.written_on),
         labels[5], ymd(item.published_on), ymd(item.published_on))
        for item in items))


@register.simple_tag
def doc_rows(items, show_township=False):
    url = item_url_maker()
    rows = []
    for item in items:
        source = (format_html('<span class="doc-source">{}</span>', item.township.name)
                  if show_township else "")
        day = ymd(item.published_on)
        rows.append(format_html(
            '<li><a class="doc-title" href="{}">{}</a>{}<time class="doc-date" datetime="{}">'
            '{}</time></li>', url(item.township.slug, item.pk), item.title, source, day, day))
    return format_html_join("\n", "{}", ((row,) for row in rows))
