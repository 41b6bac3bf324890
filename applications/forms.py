"""The public application form (Art. 29) and the status lookup."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from web.forms import AccessibleErrorsMixin, HumanCheckMixin

from . import antispam, validators
from .models import ApplicantKind, Application, IdType, ProvisionChannel, ProvisionForm

REQUIRED = _("此项为必填项。")
TOO_LONG = _("此项最多填写%(limit_value)d个字，现在为%(show_value)d个字，请精简后再提交。")
#: Free-text fields stored as unlimited text get a limit on the public form.
TEXT_LIMITS = {"info_description": 2000, "purpose": 500}

__all__ = ["AccessibleErrorsMixin", "ApplicationForm", "StatusForm"]


class ApplicationForm(HumanCheckMixin, AccessibleErrorsMixin, forms.ModelForm):
    human_check = antispam
    token = forms.CharField(label=_("页面校验码"), required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people (and from assistive technology), left empty by them.
    website = forms.CharField(required=False, label=_("请勿填写此项"))
    answer = forms.CharField(label=_("验证问题"), max_length=10,
                             error_messages={"required": REQUIRED})

    class Meta:
        model = Application
        fields = ["applicant_kind", "name", "id_type", "id_number", "contact_person", "phone",
                  "email", "address", "postcode", "info_title", "info_doc_number",
                  "info_description", "purpose", "provision_form", "provision_channel"]
        widgets = {
            "applicant_kind": forms.RadioSelect,
            "provision_form": forms.RadioSelect,
            "provision_channel": forms.RadioSelect,
            "info_description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    autocomplete = {
        "name": "name", "phone": "tel", "email": "email", "address": "street-address",
        "postcode": "postal-code", "contact_person": "name", "id_number": "off",
        "answer": "off", "website": "off",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in TEXT_LIMITS.items():
            self.fields[name].max_length = limit
            self.fields[name].validators.append(MaxLengthValidator(limit))
            self.fields[name].widget.attrs["maxlength"] = str(limit)
        for name, field in self.fields.items():
            field.error_messages["required"] = REQUIRED
            field.error_messages["max_length"] = TOO_LONG
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]
        self.fields["applicant_kind"].choices = ApplicantKind.choices
        self.fields["provision_form"].choices = ProvisionForm.choices
        self.fields["provision_channel"].choices = ProvisionChannel.choices
        self.fields["phone"].widget.input_type = "tel"
        self.fields["answer"].widget.attrs["aria-describedby"] = "answer_question"
        self.fields["id_type"].choices = [("", "---------"), *IdType.choices]
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["website"].widget.attrs.update({"tabindex": "-1"})

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        self._check_identity(data)
        if data.get("applicant_kind", "natural") != "natural" and not data.get("contact_person"):
            self.add_error("contact_person", _("法人或其他组织请填写联系人。"))
        if data.get("provision_channel") == "email" and not data.get("email"):
            self.add_error("email", _("选择通过电子邮件获取信息时，请填写电子邮箱。"))
        self.check_human(data)
        return data

    def _check_identity(self, data):
        kind, id_type = data.get("applicant_kind"), data.get("id_type")
        number = data.get("id_number", "")
        if kind and id_type:
            is_person = kind == ApplicantKind.NATURAL
            if is_person and id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", _("自然人请选择居民身份证等个人证件。"))
            elif not is_person and id_type != IdType.CREDIT_CODE:
                self.add_error("id_type", _("法人或其他组织请选择统一社会信用代码。"))
        check = {IdType.RESIDENT_ID: validators.validate_resident_id,
                 IdType.CREDIT_CODE: validators.validate_credit_code}.get(id_type)
        if number and check:
            try:
                data["id_number"] = check(number)
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)


class StatusForm(AccessibleErrorsMixin, forms.Form):
    tracking_number = forms.CharField(label=_("查询码"), max_length=16,
                                      error_messages={"required": REQUIRED})
    phone = forms.CharField(label=_("申请时填写的联系电话"), max_length=20,
                            error_messages={"required": REQUIRED})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["max_length"] = TOO_LONG
        self.fields["tracking_number"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
