"""Applicants' personal data in the back office: full for the handlers, masked for everyone
else (change page, list, search, the notice and delivery rows), and every full view recorded
in the audit log.

The masked fields are those declared for these models in the personal-data registry
(security/personal_data.py; tests/security/test_admin_masking.py checks the two agree)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import permissions
from .masking import mask_email, mask_id_number, mask_name, mask_phone, mask_text
from .models import Application

PERSONAL_FIELDS = {"name": mask_name, "id_number": mask_id_number,
                   "contact_person": mask_name, "phone": mask_phone, "email": mask_email,
                   "address": mask_text, "postcode": mask_text}
FIELD_LABELS = {"name": _("姓名或名称"), "id_number": _("证件号码"),
                "contact_person": _("联系人"), "phone": _("联系电话"), "email": _("电子邮箱"),
                "address": _("通信地址"), "postcode": _("邮政编码")}
#: The personal fields of the rows shown inline on a case (Notice, Delivery).
INLINE_FIELDS = {"recipient": mask_name, "tracking_no": mask_text, "note": mask_text}
#: What a non-handler may search by: nothing personal, so a masked value cannot find a case.
NON_PERSONAL_SEARCH = ["=tracking_number", "info_title", "info_description"]


def sees_all_in_full(request) -> bool:
    """The list and the search show full values only to a user who handles every township
    whose applications they can read (county roles and the platform operator read all)."""
    return permissions.readable_township_ids(request.user) is not None


def masked_inline_fields(request, obj, fields):
    """An inline's fields, each personal one swapped for its `<field>_masked` column."""
    if obj is None or permissions.sees_personal_data(request.user, obj.township_id):
        return fields
    return [f"{f}_masked" if f in INLINE_FIELDS else f for f in fields]


class MaskedInlineMixin:
    """For the Notice and Delivery rows on a case: their personal fields masked for those
    who do not handle it (`recipient_masked`, `tracking_no_masked`, `note_masked`)."""

    def get_fields(self, request, obj=None):
        return masked_inline_fields(request, obj, super().get_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return masked_inline_fields(request, obj, super().get_readonly_fields(request, obj))

    @admin.display(description=_("受送达人"))
    def recipient_masked(self, obj):
        return mask_name(obj.recipient) or "-"

    @admin.display(description=_("邮件号"))
    def tracking_no_masked(self, obj):
        return mask_text(obj.tracking_no) or "-"

    @admin.display(description=_("说明"))
    def note_masked(self, obj):
        return mask_text(obj.note) or "-"


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
            getattr(obj, field)), url, field, _("查看完整信息（需说明理由）"))

    @admin.display(description=_("姓名或名称"))
    def name_in_list(self, obj):
        return mask_name(obj.name)

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if sees_all_in_full(request):
            return shown
        return ["name_in_list" if f == "name" else f for f in shown]

    def get_search_fields(self, request):
        if sees_all_in_full(request):
            return super().get_search_fields(request)
        return NON_PERSONAL_SEARCH

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if self.sees_in_full(request, obj):
                record_full_view(obj, actor=request.user, fields=list(PERSONAL_FIELDS),
                                 reason=str(_("办理申请")))
        return response

    def addressed_to_applicant(self, request, object_id) -> Application:
        """The case behind a notice or letter download: the documents carry the applicant's
        name and address in full, so only its handlers download them."""
        app = self.get_object(request, object_id)
        if app is None:
            raise Http404
        if not self.sees_in_full(request, app):
            raise PermissionDenied
        return app

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


def _masked_column(field):
    @admin.display(description=FIELD_LABELS[field])
    def column(self, obj):
        return self._masked(obj, field)
    return column


# `<field>_masked` for every personal field: the masked value and the reveal link.
for _field in PERSONAL_FIELDS:
    setattr(PersonalDataAdminMixin, f"{_field}_masked", _masked_column(_field))
