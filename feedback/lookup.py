"""The public 找错 answer lookup: a reporter gives the 受理编号 and the 查询码 shown when the
report was sent, and sees its status and the public answer, never anyone's contact details
nor the description (which may hold them). Failed lookups count against the address in the
same hourly budget as the application lookup (`lookup-failed`, LOOKUP_FAILURE_LIMIT_PER_HOUR)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from web.antispam import RATE_WINDOW
from web.forms import REQUIRED, AccessibleErrorsMixin
from web.rate_limits import Allowance

from .models import ErrorReport

REFERENCE = re.compile(r"^ZC(?P<day>\d{8})-(?P<pk>\d{1,12})$")
TOO_LONG = _("内容过长，请核对后重新输入。")


def failed_lookups() -> Allowance:
    """The application lookup's budget: one address cannot guess twice as often."""
    return Allowance("lookup-failed", settings.LOOKUP_FAILURE_LIMIT_PER_HOUR, RATE_WINDOW)


def _normalise(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper().replace("－", "-").replace("—", "-")


class LookupForm(AccessibleErrorsMixin, forms.Form):
    reference = forms.CharField(label=_("受理编号"), max_length=24,
                                help_text=_("提交找错后页面显示的编号，如：ZC20261127-0012。"))
    query_code = forms.CharField(label=_("查询码"), max_length=16,
                                 help_text=_("与受理编号一同显示的10位字母数字。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(required=REQUIRED, max_length=TOO_LONG)
            field.widget.attrs.update(autocomplete="off", spellcheck="false",
                                      autocapitalize="characters",
                                      **{"aria-describedby": f"id_{name}_help"})

    def clean_reference(self):
        value = _normalise(self.cleaned_data["reference"])
        if not REFERENCE.match(value):
            raise forms.ValidationError(_("受理编号格式不正确，应为“ZC”加8位日期、短横线和序号，"
                                          "如：ZC20261127-0012。"))
        return value

    def clean_query_code(self):
        return _normalise(self.cleaned_data["query_code"])


def find(reference: str, query_code: str) -> ErrorReport | None:
    """The report with this 受理编号 and 查询码, or None (no hint which of the two is wrong)."""
    match = REFERENCE.match(reference)
    if match is None:
        return None
    report = (ErrorReport.objects.select_related("township")
              .filter(pk=int(match["pk"])).first())
    if report is None or not report.query_code:
        return None
    if report.reference != reference or not constant_time_compare(report.query_code, query_code):
        return None
    return report
