"""Forms for the staff actions on an application (one per transition)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_EXTENSION_DAYS, OUTCOME_CHOICES, VARIANT_CHOICES, DeliveryMethod

DATE = forms.DateInput(attrs={"type": "date"})


def _date(label):
    return forms.DateField(label=label, initial=timezone.localdate, widget=DATE)


class ConfirmReceiptForm(forms.Form):
    on = _date(_("收到申请之日（双方确认或邮件签收日期）"))


class AcceptForm(forms.Form):
    pass


class RequestCorrectionForm(forms.Form):
    notice_on = _date(_("补正通知日期"))
    correct_by = forms.DateField(label=_("补正期限"), widget=DATE)
    note = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea, required=False)


class ReceiveCorrectionForm(forms.Form):
    received_on = _date(_("收到补正申请之日"))


class CloseUncorrectedForm(forms.Form):
    on = _date(_("结案日期"))


class StartConsultationForm(forms.Form):
    notice_on = _date(_("征求意见通知日期"))
    third_party = forms.TypedChoiceField(
        label=_("征求意见对象"), coerce=lambda v: v == "1",
        choices=[("1", _("第三方（条例第三十二条）")), ("0", _("其他机关（条例第三十三条）"))])
    third_party_name = forms.CharField(label=_("第三方名称（写入征求第三方意见书）"),
                                       max_length=100, required=False)
    note = forms.CharField(label=_("说明"), required=False)


class EndConsultationForm(forms.Form):
    on = _date(_("收到意见或期满日期"))
    note = forms.CharField(label=_("说明"), required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_DAYS,
                              initial=MAX_EXTENSION_DAYS)
    approver = forms.CharField(label=_("批准人（政府信息公开工作机构负责人）"), max_length=50)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea)
    notice_on = _date(_("告知申请人日期"))


class RecordFeeForm(forms.Form):
    nth_application = forms.IntegerField(
        label=_("按件计收：该申请人本月第几件申请"), min_value=1, required=False,
        help_text=_("已按本乡镇登记的同一证件号码自动填写，请核对。两种方式只能填写一种。"))
    pages = forms.IntegerField(label=_("按量计收：页数"), min_value=1, required=False)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果（对应年度报告表三）"),
                                choices=[("", "---------"), *OUTCOME_CHOICES])
    variant = forms.ChoiceField(
        label=_("告知书类型"), required=False,
        choices=[("", _("按办理结果")), *VARIANT_CHOICES],
        help_text=_("已主动公开的，办理结果选（一）予以公开；不属于本机关负责公开的，选（四）1。"))
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea)
    on = _date(_("答复日期"))


class RecordPaymentForm(forms.Form):
    on = _date(_("缴费日期"))


class ComputeDueForm(forms.Form):
    pass


class ArchiveForm(forms.Form):
    on = _date(_("归档日期"))


class DeliveryForm(forms.Form):
    """送达记录 for one of the case's documents (choices: `documents`, key → label)."""

    document = forms.ChoiceField(label=_("告知书"))
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices,
                               widget=forms.RadioSelect)
    delivered_on = _date(_("送达日期"))
    tracking_no = forms.CharField(label=_("邮件号（邮寄送达必填）"), max_length=40,
                                  required=False)
    note = forms.CharField(label=_("说明（其他方式必填）"), max_length=200, required=False)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "---------"), *documents]


ACTION_FORMS = {
    "confirm_receipt": (_("确认收到申请"), ConfirmReceiptForm),
    "accept": (_("受理"), AcceptForm),
    "request_correction": (_("通知补正"), RequestCorrectionForm),
    "receive_correction": (_("收到补正"), ReceiveCorrectionForm),
    "close_uncorrected": (_("逾期未补正结案"), CloseUncorrectedForm),
    "start_consultation": (_("征求意见"), StartConsultationForm),
    "end_consultation": (_("征求意见结束"), EndConsultationForm),
    "extend": (_("延长答复期限"), ExtendForm),
    "record_fee": (_("计算信息处理费"), RecordFeeForm),
    "record_payment": (_("登记缴费"), RecordPaymentForm),
    "reply": (_("答复"), ReplyForm),
    "archive": (_("归档"), ArchiveForm),
    "compute_due": (_("重新计算答复期限"), ComputeDueForm),
}
