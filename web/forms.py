"""Helpers shared by the public forms (依申请公开, 找错): accessible errors and the human check."""

from __future__ import annotations

from django import forms
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
