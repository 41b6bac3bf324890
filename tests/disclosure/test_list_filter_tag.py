"""{% year_options %} writes what the column template's loop wrote, byte for byte (the
Python version exists for speed: issue 28)."""

import pytest
from django.template import Context, Template
from django.utils import translation

OLD = ('{% load i18n %}{% for y in years %}<option value="{{ y }}"{% if y == list_filter.year %}'
       ' selected{% endif %}>{% blocktranslate %}{{ y }}年{% endblocktranslate %}</option>'
       '{% endfor %}')
NEW = "{% load list_filter %}{% year_options years list_filter.year %}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("selected", [None, 2024, 2019, 1999])
@pytest.mark.parametrize("years", [[], [2026], [2026, 2025, 2024, 2021, 2019]])
def test_same_bytes_as_the_loop_it_replaced(years, selected, language):
    context = {"years": years, "list_filter": {"year": selected}}
    with translation.override(language):
        old = Template(OLD).render(Context(context))
        new = Template(NEW).render(Context(context))
    assert new == old
    assert new.count("<option") == len(years)
    assert new.count(" selected") == (selected in years)
