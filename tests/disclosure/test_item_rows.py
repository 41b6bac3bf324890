"""The list rows written with `html.escape` (disclosure/templatetags/item_rows.py) are, byte
for byte, what the `format_html` version wrote, for titles, numbers and names holding every
character HTML escapes, missing 文号 and 索引号, dates and aware datetimes."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from disclosure.templatetags.item_rows import catalogue_rows, doc_rows, item_url_maker, ymd


def reference_catalogue_rows(items):
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


def reference_doc_rows(items, show_township=False):
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


def items():
    town = SimpleNamespace(slug="da-qiao_1", name="大桥镇<&>\"'")
    plain = SimpleNamespace(slug="xiaocun", name="小村乡")
    return [
        SimpleNamespace(pk=1, township=town, title='关于<b>“A&B”</b>的\'通知\' "引号"',
                        index_no="11440000-000/2026-00001", doc_number="大府〔2026〕1号 <x>",
                        written_on=datetime.date(2026, 1, 5),
                        published_on=datetime.date(2026, 1, 6)),
        SimpleNamespace(pk=987, township=plain, title="无文号的信息", index_no=None,
                        doc_number="", written_on=None,
                        published_on=datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)),
        SimpleNamespace(pk=22, township=plain, title="&amp; 已转义的样子", index_no="",
                        doc_number=None, written_on=datetime.date(2025, 2, 28),
                        published_on=datetime.date(2026, 3, 1)),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rows_are_what_format_html_wrote(language):
    with translation.override(language):
        assert catalogue_rows(items()) == reference_catalogue_rows(items())
        assert doc_rows(items()) == reference_doc_rows(items())
        assert doc_rows(items(), True) == reference_doc_rows(items(), True)
        assert catalogue_rows([]) == reference_catalogue_rows([]) == ""


def test_a_title_never_reaches_the_page_unescaped():
    html = catalogue_rows(items()) + doc_rows(items(), True)
    assert "<b>" not in html
    assert "<x>" not in html
    assert "&lt;b&gt;" in html
    assert "&amp;amp;" in html


def test_the_item_address_follows_the_script_prefix():
    from django.urls import get_script_prefix, reverse, set_script_prefix

    before = get_script_prefix()
    try:
        for prefix in ("/", "/gk/", "/"):  # kept per prefix: each one its own addresses
            set_script_prefix(prefix)
            assert item_url_maker()("da-qiao_1", 42) == reverse(
                "disclosure:item_detail", args=["da-qiao_1", 42])
            assert item_url_maker()("x", 1).startswith(prefix)
    finally:
        set_script_prefix(before)
