"""The public 找错 form (same anti-abuse and accessibility as the application form) and the
staff answer form."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from web.antispam import HumanCheck
from web.forms import REQUIRED, AccessibleErrorsMixin, HumanCheckMixin

from . import services
from .models import ErrorReport, Kind, Status

HUMAN_CHECK = HumanCheck("feedback.report")
PHONE = re.compile(r"^[0-9+\-\s()（）]{7,20}$")


class ErrorReportForm(HumanCheckMixin, AccessibleErrorsMixin, forms.ModelForm):
    human_check = HUMAN_CHECK
    token = forms.CharField(label=_("页面校验码"), required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people (and from assistive technology), left empty by them.
    website = forms.CharField(required=False, label=_("请勿填写此项"))
    answer = forms.CharField(label=_("验证问题"), max_length=10)

    class Meta:
        model = ErrorReport
        fields = ["page_url", "page_title", "kind", "description", "contact_name",
                  "contact_phone", "contact_email"]
        labels = {"page_url": _("出错页面的网址"), "description": _("请描述错误或问题")}
        help_texts = {
            "page_url": _("已自动填入您刚才浏览的页面，如需报告其他页面，请改为该页面的网址。"),
            "description": _("例如：第二段“二〇二四年”应为“二〇二五年”；附件“实施方案”无法下载。"),
        }
        widgets = {
            "page_title": forms.HiddenInput,
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    autocomplete = {"contact_name": "name", "contact_phone": "tel", "contact_email": "email",
                    "answer": "off", "website": "off", "page_url": "off"}

    def __init__(self, *args, host: str = "", site_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.host, self.site_name = host, site_name
        for name, field in self.fields.items():
            field.error_messages["required"] = REQUIRED
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]
        self.fields["kind"].choices = Kind.choices
        self.fields["kind"].initial = None
        self.fields["contact_phone"].widget.input_type = "tel"
        self.fields["contact_phone"].widget.attrs["inputmode"] = "tel"
        self.fields["answer"].widget.attrs["aria-describedby"] = "answer_question"
        self.fields["website"].widget.attrs["tabindex"] = "-1"
        self.fields["description"].widget.attrs["maxlength"] = "2000"

    def clean_page_url(self):
        try:
            return services.page_path(self.cleaned_data["page_url"], self.host)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean_page_title(self):
        return services.page_title(self.cleaned_data.get("page_title", ""), self.site_name)

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 4:
            raise forms.ValidationError(_("请把问题写得具体一些，便于我们查找和改正。"))
        return text

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("电话号码格式不正确，请只填写数字，如：13900000000。"))
        return phone

    def clean(self):
        data = super().clean()
        self.check_human(data)
        return data


class AnswerForm(forms.ModelForm):
    """Staff answer or close an open report; both need a written answer or reason."""

    status = forms.ChoiceField(
        label=_("办理结果"),
        choices=[(Status.ANSWERED, _("已答复")),
                 (Status.CLOSED, _("关闭（重复、无效或无需答复）"))],
        widget=forms.RadioSelect, initial=Status.ANSWERED)

    class Meta:
        model = ErrorReport
        fields = ["status", "answer"]
        help_texts = {"answer": _("报告人可凭受理编号和查询码在网站“找错答复查询”中看到这段文字，"
                                  "请勿写入个人信息。")}

    user = None  # set by the admin

    def clean(self):
        data = super().clean()
        if "status" in self.fields and not self.errors:
            try:
                self.instance.resolve(status=data["status"], answer=data.get("answer", ""),
                                      user=self.user)
            except forms.ValidationError as exc:
                self.add_error(None, exc)
        return data
