"""Helpers shared by the public forms (依申请公开, 找错, 搜索): accessible errors, the human check
and a <select> written without a template per option."""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

REQUIRED = _("此项为必填项。")


class AccessibleErrorsMixin:
    """Marks invalid fields with aria-invalid and points aria-describedby at the message."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = f"{self[name].auto_id}_error"
                if self.fields[name].help_text:
                    described += f" {self[name].auto_id}_help"
                if name == "answer":
                    described = f"answer_question {described}"
                attrs["aria-describedby"] = described


class HumanCheckMixin:
    """Cleaning for the `token`, `website` (honeypot) and `answer` fields a form declares.

    The form sets `human_check` to a `web.antispam.HumanCheck` and calls
    `self.check_human(cleaned_data)` from `clean()`.
    """

    human_check = None

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("提交未能通过校验，请重新填写。"))
        return ""

    def check_human(self, data):
        if "answer" in data and not self.has_error("website"):
            reason = self.human_check.check(data.get("token", ""), data["answer"])
            if reason == "wrong":
                self.add_error("answer", _("验证问题回答不正确，请重新回答。"))
            elif reason:
                self.add_error("answer", _("页面停留时间过短或已过期，请回答验证问题后再次提交。"))


class KeptChoices(BaseChoiceIterator):
    """Choices already in Django's normal form ((value, label) pairs), built once and given
    to many forms: Django normalises a plain list twice whenever it is set on a field (the
    field and its widget), about 1 ms per search form with the county's 200 townships; an
    iterator is taken as it is."""

    def __init__(self, choices):
        self.choices = list(choices)

    def __iter__(self):
        return iter(self.choices)


WRITTEN_SELECTS = 128  # <select>s kept per process, about 20 KB each at most
_written: OrderedDict[tuple, str] = OrderedDict()
_written_lock = threading.Lock()


class QuickSelect(forms.Select):
    """`forms.Select` with the same HTML, written in Python instead of two template includes
    per option. The search form lists every township of the county and its catalogue: 250
    options took about 40 ms to render through the templates, most of an uncached search
    page's own time (docs/PERFORMANCE.md, "Fourth pass"). Optgroups are not supported."""

    def render(self, name, value, attrs=None, renderer=None):
        """The <select> of these choices, chosen value and attributes, written once per
        process (LRU): the search form lists the same 250 options on every search."""
        final = self.build_attrs(self.attrs, attrs)
        key = (name, tuple(self.format_value(value)),
               tuple((k, v if isinstance(v, bool) else str(v)) for k, v in final.items()),
               tuple((str(v), str(label)) for v, label in self.choices))
        with _written_lock:
            html = _written.get(key)
            if html is not None:
                _written.move_to_end(key)
                return html
        html = self._write(name, value, attrs)
        with _written_lock:
            _written[key] = html
            while len(_written) > WRITTEN_SELECTS:
                _written.popitem(last=False)
        return html

    def _write(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, choices, _index in widget["optgroups"]:
            if group_name:
                raise ValueError("QuickSelect does not render optgroups")
            options.extend(choices)
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]),
            format_html_join("", '\n  <option value="{}"{}>{}</option>\n',
                             ((str(o["value"]), _attrs(o["attrs"]), o["label"])
                              for o in options)))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
        for name, value in attrs.items() if value is not False))
