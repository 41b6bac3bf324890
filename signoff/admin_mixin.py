"""The chain pages of any registered subject in the back office.

`ChainAdminMixin` is mixed into the ModelAdmin of every object that goes through the chain
(disclosure items, annual reports): the chain panel on its change page and one page per move
(`<pk>/chain/<move>/`) offering only the moves the user may make now. The sign page shows
the whole content and, for a revision, what changed, so nobody signs what they have not seen.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

import officialdocs

from . import chain, hooks, selectors, sheet
from .subjects import adapter_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ChainActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    attest = forms.BooleanField(
        label=_("保密审查：我已审查，本信息不涉及国家秘密、商业秘密和个人隐私"
                "（《政府信息公开条例》第十七条）。"), required=False)
    pii_reason = forms.CharField(
        label=_("个人信息检查说明"), required=False,
        help_text=_("上述疑似个人信息确需公开的，说明理由；理由将记入审签日志。"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    withhold_title = forms.BooleanField(
        label=_("因标题或内容本身不宜公开而撤回：开放数据接口的撤回清单只列编号、索引号和撤回日期，"
                "不列标题"), required=False)


class ChainAdminMixin:
    """Mixed into the ModelAdmin of a registered chain subject."""

    chain_action_template = "admin/signoff/chain_action.html"
    #: Template that renders the subject's whole content on the sign page.
    chain_content_template = ""

    def get_chain_urls(self):
        opts = self.model._meta
        return [
            path("<path:object_id>/chain/<str:action>/",
                 self.admin_site.admin_view(self.chain_action_view),
                 name=f"{opts.app_label}_{opts.model_name}_chain"),
            path("<path:object_id>/shenqiandan.<slug:kind>",
                 self.admin_site.admin_view(self.signoff_sheet_view),
                 name=f"{opts.app_label}_{opts.model_name}_signoff_sheet"),
        ]

    #: Title of the printed sign-off sheet (审签单) of this kind of subject.
    signoff_sheet_title = _("政府信息公开审签单")

    def signoff_sheet_view(self, request, object_id, kind):
        """The 审签单 from the sign-off log: .docx to file, .pdf to print (officialdocs);
        without LibreOffice the change page says why, in Chinese."""
        obj = super().get_object(request, object_id)
        if obj is None or kind not in ("docx", "pdf"):
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        name = f"shenqiandan-{obj.pk}.{kind}"
        title = str(self.signoff_sheet_title)
        if kind == "docx":
            response = HttpResponse(sheet.sheet_docx(obj, title=title), content_type=DOCX)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        try:
            data = sheet.sheet_pdf(obj, title=title)
        except officialdocs.PDFUnavailableError as exc:
            messages.error(request, str(exc))
            return redirect(self.chain_change_url(obj))
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response

    def chain_change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def chain_extra_links(self, request, obj) -> list[tuple[str, str]]:
        """(url, label) of subject-specific moves shown beside the chain's own."""
        return []

    def chain_preview_url(self, obj) -> str:
        """Where the signer sees the subject as the public page will show it ("" if none)."""
        return ""

    def chain_content(self, request, obj, subject) -> dict:
        """Context for `chain_content_template`: the content a signer must see."""
        return {}

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None:
            context["chain"] = selectors.chain_panel(request.user, obj)
            context["chain_extra_links"] = self.chain_extra_links(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # moves ---------------------------------------------------------------------------------

    def chain_action_view(self, request, object_id, action):
        obj = super().get_object(request, object_id)
        if obj is None:
            raise Http404
        if action not in selectors.ACTION_LABELS:
            raise PermissionDenied
        panel = selectors.chain_panel(request.user, obj)
        review = panel.review
        change_url = self.chain_change_url(obj)
        posted_version = request.POST.get("version") if request.method == "POST" else None
        if action not in panel.actions and posted_version is None:
            raise PermissionDenied
        form = ChainActionForm(request.POST or None,
                               initial={"version": review.version if review else None})
        findings = []
        if action in ("submit", "resubmit", "publish") and panel.subject is not None:
            findings = panel.pii_findings
        if request.method == "POST" and form.is_valid():
            try:
                self._perform(request, action, obj, panel, form.cleaned_data)
            except chain.PIIBlockedError as exc:
                findings = exc.findings
                form.add_error(None, exc.messages[0])
            except (ValidationError, PermissionDenied) as exc:
                for message in getattr(exc, "messages", None) or [str(exc)]:
                    form.add_error(None, message)
            else:
                messages.success(request, _t("已%(action)s。")
                                 % {"action": selectors.ACTION_LABELS[action]})
                return redirect(change_url)
        signing = action in ("approve", "publish", "request_changes")
        context = {
            **self.admin_site.each_context(request),
            "title": selectors.ACTION_LABELS[action], "opts": self.model._meta,
            "item": obj, "panel": panel, "action": action, "form": form,
            "findings": findings, "change_url": change_url,
            "text_notes": hooks.notes_for(request.user, obj, panel.subject)
            if action in ("submit", "resubmit", "approve", "publish") else [],
            "needs_attest": action == "approve" and review is not None
            and review.current_step == 0,
            "problems": adapter_for(panel.subject).publish_problems()
            if action == "publish" and panel.subject is not None else [],
            "diff": selectors.subject_diff(panel) if signing else None,
            "content_template": self.chain_content_template if signing else "",
            "preview_url": self.chain_preview_url(obj),
            **(self.chain_content(request, obj, panel.subject) if signing else {}),
        }
        return TemplateResponse(request, self.chain_action_template, context)

    def _perform(self, request, action, obj, panel, data):
        user, version, comment = request.user, data.get("version"), data.get("comment", "")
        review = panel.review
        if action == "withdraw":
            chain.withdraw(obj, user, reason=comment,
                           withhold_title=bool(data.get("withhold_title")))
        elif action == "submit":
            if panel.subject is None:
                raise ValidationError(_t("没有可提交的内容。"))
            chain.submit(panel.subject, user, comment=comment, pii_reason=data["pii_reason"])
        elif review is None:
            raise ValidationError(_t("该信息不在审签流程中。"))
        elif action == "approve":
            chain.approve(review, user, expected_version=version, comment=comment,
                          attest_confidentiality=data["attest"])
        elif action == "request_changes":
            chain.request_changes(review, user, expected_version=version, comment=comment)
        elif action == "resubmit":
            chain.resubmit(review, user, expected_version=version, comment=comment,
                           pii_reason=data["pii_reason"])
        elif action == "publish":
            chain.publish(review, user, expected_version=version, comment=comment,
                          pii_reason=data["pii_reason"])
