"""{% pagination page %} writes what includes/pagination.html wrote, byte for byte, for
every page of lists of 1 to 30 pages, with and without other query parameters (the Python
version exists for speed: issue 28)."""

# ruff: noqa: E501 (OLD is the template's text, verbatim)
import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

# includes/pagination.html as it was before the tag replaced it.
OLD = """{% load i18n portal %}{% if page.paginator.num_pages > 1 %}
<nav class="pagination" aria-label="{% translate '分页' %}">
  <p class="pagination-summary">{% blocktranslate with count=page.paginator.count n=page.number total=page.paginator.num_pages %}共 {{ count }} 条，第 {{ n }} 页 / 共 {{ total }} 页{% endblocktranslate %}</p>
  <ul>
    {% if page.has_previous %}
    <li><a href="{% page_url 1 %}">{% translate "首页" %}</a></li>
    <li><a href="{% page_url page.previous_page_number %}" rel="prev">{% translate "上一页" %}</a></li>
    {% endif %}
    {% page_window page as numbers %}{% for number in numbers %}
    {% if number is None %}<li class="pagination-gap" aria-hidden="true">…</li>
    {% elif number == page.number %}<li><a href="{% page_url number %}" aria-current="page" aria-label="{% blocktranslate %}第 {{ number }} 页{% endblocktranslate %}">{{ number }}</a></li>
    {% else %}<li><a href="{% page_url number %}" aria-label="{% blocktranslate %}第 {{ number }} 页{% endblocktranslate %}">{{ number }}</a></li>{% endif %}
    {% endfor %}
    {% if page.has_next %}
    <li><a href="{% page_url page.next_page_number %}" rel="next">{% translate "下一页" %}</a></li>
    <li><a href="{% page_url page.paginator.num_pages %}">{% translate "尾页" %}</a></li>
    {% endif %}
  </ul>
</nav>
{% endif %}
"""
NEW = "{% load portal %}{% pagination page %}"


@pytest.mark.parametrize("query", ["", "q=%E9%80%9A%E7%9F%A5&year=2025", "page=3&x=<b>&q=a+b"])
def test_same_bytes_as_the_template_it_replaced(query):
    old, new = Template(OLD), Template(NEW)
    compared = 0
    for pages in (1, 2, 3, 5, 6, 7, 12, 30):
        paginator = Paginator(range(pages * 20 - 7), 20)
        for number in paginator.page_range:
            request = RequestFactory().get(f"/xxgk/a/mulu/1/?{query}")
            context = {"page": paginator.page(number), "request": request}
            assert Template(NEW).render(Context(context)) == old.render(Context(context))
            assert new.render(Context(context)) == old.render(Context(context))
            compared += 1
    assert compared == 1 + 2 + 3 + 5 + 6 + 7 + 12 + 30


def test_links_keep_the_other_parameters_and_escape_them():
    paginator = Paginator(range(100), 20)
    request = RequestFactory().get("/x/?q=<b>&page=2")
    html = Template(NEW).render(Context({"page": paginator.page(2), "request": request}))
    assert 'href="?q=%3Cb%3E&amp;page=3" rel="next"' in html
    assert 'href="?q=%3Cb%3E">首页' in html
    assert "<b>" not in html
