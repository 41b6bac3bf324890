"""The year choices of a column's list filter, written in Python: the template's loop ran
one `{% blocktranslate %}` per year on every page-cache miss (issue 28, docs/PERFORMANCE.md
"Twelfth pass").

    {% load list_filter %}
    {% year_options years list_filter.year %}   the <option>s after 全部年份

The markup is what the template's loop wrote (tests/disclosure/test_list_filter_tag.py).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def year_options(years, selected) -> str:
    label = _("%(y)s年")  # the loop's {% blocktranslate %}{{ y }}年{% endblocktranslate %}
    # The years are integers (the column's publication years): nothing to escape.
    return mark_safe("".join(
        f'<option value="{int(y)}"{" selected" if y == selected else ""}>'
        f'{label % {"y": int(y)}}</option>' for y in years))
