"""Applicants' identity and phone numbers in the back office: full for the handlers,
masked for everyone else, and every full view recorded in the audit log."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import permissions
from .masking import mask_id_number, mask_phone
from .models import Application

PERSONAL_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}
FIELD_LABELS = {"id_number": _("证件号码"), "phone": _("联系电话")}


def record_full_view(app: Application, *, actor, fields: list[str], reason: str) -> LogEntry:
    """Insert-only audit record: `actor` saw these fields of the applicant in full."""
    shown = "、".join(str(FIELD_LABELS[f]) for f in fields)
    return LogEntry.objects.log_create(
        app, force_log=True, action=LogEntry.Action.ACCESS, actor=actor,
        changes={"查看完整个人信息": ["", shown], "理由": ["", reason]},
    )


class RevealForm(forms.Form):
    field = forms.ChoiceField(label=_("要查看的信息"), choices=list(FIELD_LABELS.items()),
                              widget=forms.RadioSelect)
    reason = forms.CharField(label=_("查看理由"), min_length=4, max_length=200,
                             help_text=_("将记入审计日志，例如：核实申请人身份以答复行政复议。"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class PersonalDataAdminMixin:
    """For ApplicationAdmin: masked fields for those who do not handle the application."""

    def sees_in_full(self, request, obj) -> bool:
        return obj is not None and permissions.sees_personal_data(request.user, obj.township_id)

    def mask_fieldsets(self, request, obj, fieldsets):
        if obj is None or self.sees_in_full(request, obj):
            return fieldsets
        masked = []
        for name, options in fieldsets:
            fields = [f"{f}_masked" if f in PERSONAL_FIELDS else f for f in options["fields"]]
            masked.append((name, {**options, "fields": fields}))
        return masked

    def masked_readonly_fields(self, request, obj):
        if obj is None or self.sees_in_full(request, obj):
            return []
        return [f"{f}_masked" for f in PERSONAL_FIELDS]

    def _masked(self, obj, field):
        url = reverse("admin:applications_application_reveal", args=[obj.pk])
        return format_html('{} <a href="{}?field={}">{}</a>', PERSONAL_FIELDS[field](
            getattr(obj, field)), url, field, _("查看完整号码（需说明理由）"))

    @admin.display(description=_("证件号码"))
    def id_number_masked(self, obj):
        return self._masked(obj, "id_number")

    @admin.display(description=_("联系电话"))
    def phone_masked(self, obj):
        return self._masked(obj, "phone")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if self.sees_in_full(request, obj):
                record_full_view(obj, actor=request.user, fields=list(PERSONAL_FIELDS),
                                 reason=str(_("办理申请")))
        return response

    def personal_data_urls(self):
        return [path("<int:object_id>/reveal/", self.admin_site.admin_view(self.reveal_view),
                     name="applications_application_reveal")]

    def reveal_view(self, request, object_id):
        app = self.get_object(request, object_id)
        if not self.has_view_permission(request, app):
            raise PermissionDenied
        initial = {"field": request.GET.get("field", "id_number")}
        form = RevealForm(request.POST or None, initial=initial)
        revealed = None
        if request.method == "POST" and form.is_valid():
            field = form.cleaned_data["field"]
            record_full_view(app, actor=request.user, fields=[field],
                             reason=form.cleaned_data["reason"])
            revealed = (FIELD_LABELS[field], getattr(app, field))
        return TemplateResponse(request, "admin/applications/application/reveal.html", {
            **self.admin_site.each_context(request), "title": _("查看完整个人信息"),
            "opts": self.model._meta, "app": app, "form": form, "revealed": revealed,
            "change_url": reverse("admin:applications_application_change", args=[app.pk]),
        })
