"""QuickSelect writes the same <select> as Django's template-rendered forms.Select."""

import pytest
from django import forms
from django.utils.translation import gettext_lazy as _

from search.forms import SearchForm
from web.forms import QuickSelect

CHOICES = [("", _("全部")), ("a&b", "甲<乙>"), ("q\"uote", "“引号”"), (2024, "2024年"),
           ("x", "\u3000缩进")]


@pytest.mark.parametrize("value", [None, "", "a&b", "2024", 2024, "missing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_f", "aria-invalid": "true",
                                          "aria-describedby": "id_f_error id_f_help"},
                                   {"id": "id_g", "required": True, "disabled": False}])
def test_same_html_as_django_select(value, attrs):
    quick = QuickSelect(choices=CHOICES).render("f", value, attrs)
    django = forms.Select(choices=CHOICES).render("f", value, attrs)
    assert quick == django


def test_optgroups_refused():
    with pytest.raises(ValueError, match="optgroups"):
        QuickSelect(choices=[("组", [("a", "A")])]).render("f", "a")


@pytest.mark.django_db
def test_search_form_fields_render_as_before(client):
    from tests.factories import make_township

    make_township(name="东岗镇")
    west = make_township(name="西河乡")
    data = {"q": "通知", "township": west.slug, "year": "2024", "sort": "date", "kind": "x"}
    quick = SearchForm(data)
    quick.is_valid()
    plain = SearchForm(data)
    plain.is_valid()
    for field in plain.fields.values():
        if isinstance(field.widget, QuickSelect):
            field.widget = forms.Select(attrs=field.widget.attrs, choices=field.choices)
    for name in ("township", "category", "year", "validity", "mode", "kind", "sort"):
        assert isinstance(quick.fields[name].widget, QuickSelect)
        assert str(quick[name]) == str(plain[name]), name
    assert f'value="{west.slug}" selected' in str(quick["township"])
