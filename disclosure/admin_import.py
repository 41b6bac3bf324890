"""导入文档 in the back office: a Word/WPS file becomes an item body, and what the document
states (标题, 文号, 成文日期, 发布机构, 主题词, 公开方式) is offered on the item form for the
author to confirm. Nothing is saved to an item until the author saves that form.

- `<admin>/disclosure/disclosureitem/import/` — upload (a new item), or `?item=<pk>` to
  replace the body of an item the user may edit;
- the form then opens with `?import=<pk>`: a new item pre-filled with the suggestions, or
  the item with the imported body (empty metadata fields filled), and the import report on
  top (kept paragraphs, cells and pictures; what was left out; personal data found).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from townships import scoping
from townships.models import Township

from . import office
from .docimport import import_document
from .models import Attachment, DisclosureItem, DocumentImport

#: Item fields an import can suggest, in the order the notice lists them.
SUGGESTED_FIELDS = ("title", "doc_number", "written_on", "publisher_name", "keywords",
                    "disclosure_mode", "doc_type")
_EDITABLE = (DisclosureItem.Status.DRAFT, DisclosureItem.Status.CHANGES_REQUESTED,
             DisclosureItem.Status.PUBLISHED)


class DocumentImportForm(forms.Form):
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Township.objects.none())
    file = forms.FileField(
        label=_("文档"),
        help_text=_("Word 或 WPS 文档：.docx、.doc、.wps、.rtf。正文、表格（含合并单元格）、"
                    "图片、编号列表、脚注和附件说明都会导入。"))
    attach_original = forms.BooleanField(label=_("同时把原文件作为附件"), required=False)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships
        if townships.count() == 1:
            self.fields["township"].initial = townships.first()
            self.fields["township"].widget = forms.HiddenInput()


class ItemImportMixin:
    """Mixed into DisclosureItemAdmin."""

    import_template = "admin/disclosure/disclosureitem/import.html"

    def get_import_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view),
                     name="disclosure_disclosureitem_import")]

    def _import_target(self, request):
        item_id = request.GET.get("item")
        if not item_id:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        item = self.get_queryset(request).filter(pk=item_id).first() if item_id.isdigit() \
            else None
        if item is None:
            raise Http404
        if not self.has_change_permission(request, item) or item.status not in _EDITABLE \
                or self.is_locked(item):
            raise PermissionDenied
        return item

    def import_view(self, request):
        item = self._import_target(request)
        townships = (Township.objects.filter(pk=item.township_id) if item else
                     self.scoped_choices(request, Township))
        form = DocumentImportForm(request.POST or None, request.FILES or None,
                                  townships=townships)
        if request.method == "POST" and form.is_valid():
            try:
                record = import_document(form.cleaned_data["file"],
                                         township=form.cleaned_data["township"],
                                         user=request.user,
                                         attach_original=form.cleaned_data["attach_original"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                target = (reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
                          if item else reverse("admin:disclosure_disclosureitem_add"))
                return redirect(f"{target}?import={record.pk}")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _t("导入 Word/WPS 文档"), "form": form, "item": item,
                   "office_missing": office.soffice_path() is None,
                   "office_missing_message": office.missing_message()}
        return TemplateResponse(request, self.import_template, context)

    # the item form opened from an import ------------------------------------------------

    def document_import(self, request) -> DocumentImport | None:
        value = request.GET.get("import", "")
        if not value.isdigit():
            return None
        cached = getattr(request, "_document_import", None)
        if cached is not None and cached.pk == int(value):
            return cached
        record = (scoping.editable(DocumentImport.objects.all(), request.user)
                  .filter(pk=value, created_by=request.user, applied_at__isnull=True).first())
        request._document_import = record
        return record

    def import_initial(self, request) -> dict:
        record = self.document_import(request)
        if record is None:
            return {}
        return {"township": record.township_id, "body": record.body,
                **{name: record.suggestions[name] for name in SUGGESTED_FIELDS
                   if record.suggestions.get(name)}}

    def apply_import(self, request, obj) -> None:
        """The imported body on an existing item, and suggestions where a field is empty."""
        record = self.document_import(request)
        if record is None or obj is None or record.township_id != obj.township_id:
            return
        obj.body = record.body
        for name in SUGGESTED_FIELDS:
            if record.suggestions.get(name) and not getattr(obj, name):
                value = record.suggestions[name]
                if name == "written_on":
                    value = timezone.datetime.fromisoformat(value).date()
                setattr(obj, name, value)

    def finish_import(self, request, obj) -> None:
        """After the author saved the form: record the import as applied."""
        record = self.document_import(request)
        if record is None or record.township_id != obj.township_id:
            return
        record.item, record.applied_at = obj, timezone.now()
        record.save(update_fields=["item", "applied_at"])
        if record.attach_original and obj.status in (DisclosureItem.Status.DRAFT,
                                                     DisclosureItem.Status.CHANGES_REQUESTED):
            with record.file.open("rb") as handle:
                original = ContentFile(handle.read(), name=record.original_name)
            Attachment.objects.create(item=obj, file=original, original_name=record.original_name,
                                      title=record.original_name.rsplit(".", 1)[0],
                                      order=obj.attachments.count())
        messages.info(request,
                      _t("已采用导入的文档《%(name)s》。") % {"name": record.original_name})

    def import_context(self, request) -> dict:
        record = self.document_import(request)
        if record is None:
            return {}
        labels = {name: DisclosureItem._meta.get_field(name).verbose_name
                  for name in SUGGESTED_FIELDS}
        return {"document_import": record, "import_labels": labels}
