"""The search page's hit list, written in Python (issue 28): twenty hits through the template
engine were a quarter of an uncached search's own time (per hit a dozen variables looked
up, five translated labels, two dates formatted).

    {% load search_hits %}
    {% search_hits hits %}   the <li> of each hit in search/results.html's <ol class="hit-list">

Every stored value is escaped (`html.escape`, what Django's autoescaping uses); the title and
excerpt come marked from search/highlight.py. The markup is what the template wrote before
(tests/search/test_search_hits.py keeps that template as the reference).
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from disclosure.templatetags.item_rows import ymd

register = template.Library()


@register.simple_tag
def search_hits(hits):
    published, number, index, validity = (escape(label) for label in (
        _("发布日期："), _("文号："), _("索引号："), _("有效性：")))
    out = []
    for hit in hits:
        entry = hit["entry"]
        excerpt = (f'<p class="hit-excerpt">{conditional_escape(hit["excerpt"])}</p>'
                   if hit["excerpt"] else "")
        category = entry.category
        column = f"<span>{escape(category.name)}</span>" if category else ""
        day = ymd(entry.published_on)
        doc = f"<span>{number}{escape(entry.doc_number)}</span>" if entry.doc_number else ""
        index_no = f"<span>{index}{escape(entry.index_no)}</span>" if entry.index_no else ""
        valid = (f"<span>{validity}{escape(str(entry.get_validity_display()))}</span>"
                 if entry.validity else "")
        out.append(
            '\n    <li class="hit">\n'
            f'      <h3 class="hit-title"><a href="{escape(entry.url)}">'
            f'{conditional_escape(hit["title"])}</a></h3>\n'
            f"      {excerpt}\n"
            '      <p class="hit-meta">\n'
            f"        <span>{escape(str(entry.get_kind_display()))}</span>\n"
            f"        <span>{escape(entry.township.name)}</span>\n"
            f"        {column}\n"
            f'        <span>{published}<time datetime="{day}">{day}</time></span>\n'
            f"        {doc}\n"
            f"        {index_no}\n"
            f"        {valid}\n"
            "      </p>\n"
            "    </li>\n    ")
    return mark_safe("".join(out))  # every value above is escaped
