"""The 信息公开目录 table's rows (20 items, the category page's list) written three ways, timed
in one process: the Django template loop the page used before issue 28, the same loop on
Jinja2 (Django's own `django.template.backends.jinja2` engine would run it), and the
Python tag the page uses now (disclosure/templatetags/item_rows.py). The decision the issue
asks for ("if Django templates are the limit, measure the public templates on Jinja2 before
deciding") rests on these figures (docs/PERFORMANCE.md).

    DEBUG=1 python bench/template_engines.py [--rows 20] [--repeat 2000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DJANGO_LOOP = """{% load i18n %}{% for item in items %}
    <tr>
      <td class="ct-index" data-label="{% translate '索引号' %}">{{ item.index_no|default:"—" }}</td>
      <td class="ct-title" data-label="{% translate '名称' %}"><a href="{% url 'disclosure:item_detail' item.township.slug item.pk %}">{{ item.title }}</a></td>
      <td class="ct-number" data-label="{% translate '文号' %}">{{ item.doc_number|default:"—" }}</td>
      <td class="ct-date" data-label="{% translate '成文/发布日期' %}"><span class="ct-date-line">{% translate "成文" %} <time datetime="{{ item.written_on|date:'Y-m-d' }}">{{ item.written_on|date:"Y-m-d" }}</time></span> <span class="ct-date-line">{% translate "发布" %} <time datetime="{{ item.published_on|date:'Y-m-d' }}">{{ item.published_on|date:"Y-m-d" }}</time></span></td>
    </tr>{% endfor %}"""  # noqa: E501 (the template as it was)

JINJA_LOOP = """{% for item in items %}
    <tr>
      <td class="ct-index" data-label="{{ _('索引号') }}">{{ item.index_no or "—" }}</td>
      <td class="ct-title" data-label="{{ _('名称') }}"><a href="{{ url('disclosure:item_detail', args=[item.township.slug, item.pk]) }}">{{ item.title }}</a></td>
      <td class="ct-number" data-label="{{ _('文号') }}">{{ item.doc_number or "—" }}</td>
      <td class="ct-date" data-label="{{ _('成文/发布日期') }}"><span class="ct-date-line">{{ _("成文") }} <time datetime="{{ item.written_on|ymd }}">{{ item.written_on|ymd }}</time></span> <span class="ct-date-line">{{ _("发布") }} <time datetime="{{ item.published_on|ymd }}">{{ item.published_on|ymd }}</time></span></td>
    </tr>{% endfor %}"""  # noqa: E501


def rows(n: int) -> list[SimpleNamespace]:
    township = SimpleNamespace(slug="qingshi", name="青石镇")
    return [SimpleNamespace(
        pk=1000 + k, township=township, index_no=f"11330000MB1234567X/2026-{k:05d}",
        title=f"关于2026年第{k}批农村低保对象名单的公示 <补充>", doc_number=f"青政发〔2026〕{k}号",
        written_on=datetime.date(2026, 11, 1 + k % 28),
        published_on=datetime.date(2026, 11, 2 + k % 27)) for k in range(n)]


def timed(render, repeat: int) -> float:
    render()
    best = float("inf")
    for _round in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            render()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import jinja2
    from django.template import Context, Template
    from django.urls import reverse
    from django.utils.translation import gettext, override

    from disclosure.templatetags.item_rows import catalogue_rows, ymd

    items = rows(args.rows)
    django_template = Template(DJANGO_LOOP)
    env = jinja2.Environment(autoescape=True)
    env.globals.update(url=lambda name, args: reverse(name, args=args), _=gettext)
    env.filters["ymd"] = ymd
    jinja_template = env.from_string(JINJA_LOOP)
    with override("zh-hans"):
        results = {
            "Django template loop (before)": timed(
                lambda: django_template.render(Context({"items": items})), args.repeat),
            "Jinja2, the same loop": timed(
                lambda: jinja_template.render(items=items), args.repeat),
            "Python tag (item_rows, now)": timed(lambda: catalogue_rows(items), args.repeat),
        }
    base = results["Django template loop (before)"]
    print(f"{args.rows} rows of the 信息公开目录 table, best of 5 × {args.repeat} renders\n")
    print("| written as | µs per table | × the Django loop |")
    print("|---|---:|---:|")
    for label, micros in results.items():
        print(f"| {label} | {micros:.0f} | {micros / base:.2f} |")


if __name__ == "__main__":
    main()
