"""{% search_hits %} writes the hit list exactly as the template loop of search/results.html
did (kept here as the reference), for every combination of the optional parts and with
markup in every stored value."""

import datetime
import itertools

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from disclosure.models import Category
from search.models import SearchEntry
from search.templatetags.search_hits import search_hits
from townships.models import Township

REFERENCE = Template(
    '{% load i18n item_rows %}{% for hit in hits %}{% with entry=hit.entry %}\n    <li class="hit">'
    '\n      <h3 class="hit-title"><a href="{{ entry.url }}">{{ hit.title }}</a></h3>\n      '
    '{% if hit.excerpt %}<p class="hit-excerpt">{{ hit.excerpt }}</p>{% endif %}\n      '
    '<p class="hit-meta">\n        <span>{{ entry.get_kind_display }}</span>\n        '
    '<span>{{ entry.township.name }}</span>\n        {% if entry.category %}<span>'
    '{{ entry.category.name }}</span>{% endif %}\n        <span>{% translate "发布日期：" %}'
    '<time datetime="{{ entry.published_on|ymd }}">{{ entry.published_on|ymd }}</time></span>'
    '\n        {% if entry.doc_number %}<span>{% translate "文号：" %}{{ entry.doc_number }}'
    '</span>{% endif %}\n        {% if entry.index_no %}<span>{% translate "索引号：" %}'
    '{{ entry.index_no }}</span>{% endif %}\n        {% if entry.validity %}<span>'
    '{% translate "有效性：" %}{{ entry.get_validity_display }}</span>{% endif %}\n      '
    '</p>\n    </li>\n    {% endwith %}{% endfor %}')


def _hits():
    township = Township(name='桃山镇<"&>', slug="taoshan")
    category = Category(name="规划&计划<b>")
    hits = []
    for n, (excerpt, column, doc, index, validity, kind) in enumerate(itertools.product(
            [mark_safe("关于<mark>低保</mark>的&amp;通知"), ""], [category, None],
            ["桃政发〔2024〕3号<x>", ""], ["11330000-01/2024-00003", ""], ["valid", ""],
            ["item", "report"])):
        entry = SearchEntry(kind=kind, object_id=n, title="t", url=f'/xxgk/a/content/{n}/?x="1"&y',
                            township=township, category=column, doc_number=doc,
                            index_no=index, validity=validity,
                            published_on=datetime.date(2024, 1 + n % 12, 1 + n % 28),
                            year=2024)
        hits.append({"number": n + 1, "entry": entry, "excerpt": excerpt,
                     "title": mark_safe(f"第{n}条<mark>低保</mark>&amp;公示")})
    return hits


@pytest.mark.parametrize("count", [0, 1, 64])
def test_the_same_bytes_as_the_template(count):
    hits = _hits()[:count]
    assert search_hits(hits) == REFERENCE.render(Context({"hits": hits}))


def test_a_plain_title_is_escaped_like_the_template():
    hit = {**_hits()[0], "title": "<script>", "excerpt": "a<b"}
    assert search_hits([hit]) == REFERENCE.render(Context({"hits": [hit]}))
    assert "&lt;script&gt;" in search_hits([hit])
