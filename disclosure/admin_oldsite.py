"""从旧网站迁移 in the back office (oldsite.py): upload, preview every row, then import.

- `<admin>/disclosure/disclosureitem/migrate/`: a spreadsheet (.xlsx), a saved page (.html)
  or a .zip of either with the attachments; 预览 checks every row and lists the problems in
  Chinese without writing anything; 导入 saves the rows without problems as drafts (the
  upload is kept between the two steps under the user's own name, then deleted);
- `<admin>/disclosure/oldurlredirect/upload/`: a mapping of old addresses (原网址 → 索引号,
  新网址 or 信息号), checked against the uploader's townships, then saved.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from townships.admin_base import ReadableTownshipFilter, TownshipScopedAdmin
from townships.models import Township

from . import oldsite
from .models import Category, OldUrlRedirect

_SOURCE_TYPES = (".xlsx", ".zip", ".html", ".htm")
#: Rows one back-office request imports (a request must end well within gunicorn's timeout;
#: about 50 ms a row); larger moves use `manage.py import_old_site`.
ADMIN_MAX_ROWS = 300


class MigrateForm(forms.Form):
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Township.objects.none())
    file = forms.FileField(
        label=_("文件"), required=False,
        help_text=_("Excel 表格（.xlsx，每行一条信息，第一行为列名：索引号、标题、文号、成文日期、"
                    "发布日期、发布机构、主题分类、目录、正文或正文文件、附件、原网址），"
                    "旧网站保存的信息页面（.html），或包含它们和附件的 .zip 压缩包。"))
    category = forms.ModelChoiceField(
        label=_("默认目录"), queryset=Category.objects.none(), required=False,
        help_text=_("表格或页面没有写明目录时放入的目录。"))
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships
        self.fields["category"].queryset = (Category.objects.filter(township__in=townships)
                                            .select_related("township"))
        if townships.count() == 1:
            self.fields["township"].initial = townships.first()
            self.fields["township"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        township, category = data.get("township"), data.get("category")
        if township and category and category.township_id != township.pk:
            self.add_error("category", _("默认目录须属于所选乡镇。"))
        upload = data.get("file")
        if upload and PurePath(upload.name).suffix.lower() not in _SOURCE_TYPES:
            self.add_error("file", _("只能上传 .xlsx 表格、.html 网页或 .zip 压缩包。"))
        if not upload and not oldsite_token_ok(data.get("token", "")):
            self.add_error("file", _("请选择要导入的文件。"))
        return data


def oldsite_token_ok(token: str) -> bool:
    name, _sep, ext = token.partition(".")
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name) and (
        f".{ext}" in _SOURCE_TYPES)


def _stored_path(user, token: str) -> str:
    return f"oldsite/{user.pk}/{token}"


class OldSiteImportMixin:
    """Mixed into DisclosureItemAdmin."""

    migrate_template = "admin/disclosure/disclosureitem/migrate.html"

    def get_migrate_urls(self):
        return [path("migrate/", self.admin_site.admin_view(self.migrate_view),
                     name="disclosure_disclosureitem_migrate")]

    def migrate_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        townships = self.scoped_choices(request, Township)
        form = MigrateForm(request.POST or None, request.FILES or None, townships=townships)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _t("从旧网站迁移"), "form": form}
        if request.method == "POST" and form.is_valid():
            try:
                context.update(self._migrate(request, form))
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
        return TemplateResponse(request, self.migrate_template, context)

    def _migrate(self, request, form) -> dict:
        data = form.cleaned_data
        upload, token = data.get("file"), data.get("token", "")
        if upload:  # a new upload: preview only
            ext = PurePath(upload.name).suffix.lower()
            token = f"{uuid.uuid4().hex}{ext}"
            content = upload.read()
            default_storage.save(_stored_path(request.user, token), ContentFile(content))
            name = upload.name
        else:
            stored = _stored_path(request.user, token)
            if not default_storage.exists(stored):
                raise ValidationError(_t("上传的文件已过期，请重新上传。"))
            with default_storage.open(stored) as handle:
                content = handle.read()
            name = token
        rows = oldsite.read_source(name, content)
        if len(rows) > ADMIN_MAX_ROWS:
            default_storage.delete(_stored_path(request.user, token))
            raise ValidationError(_t("后台一次最多导入%(max)s条（本文件%(n)s条）：请分成几个文件"
                                     "上传，或由管理员运行 manage.py import_old_site。")
                                  % {"max": ADMIN_MAX_ROWS, "n": len(rows)})
        results = oldsite.check_rows(rows, data["township"], default_category=data["category"])
        done = False
        if not upload and "confirm" in request.POST:
            oldsite.import_rows(results, user=request.user)
            default_storage.delete(_stored_path(request.user, token))
            done = True
        return {"results": results, "counts": oldsite.summary(results), "token": token,
                "done": done}


class RedirectUploadForm(forms.Form):
    file = forms.FileField(label=_("对照表"),
                           help_text=_("Excel（.xlsx）或 CSV 文件，第一行为列名：“原网址”，以及"
                                       "“索引号”“新网址”或“信息号”之一。"))
    save = forms.BooleanField(label=_("保存没有问题的行（不勾选则只检查）"), required=False)


@admin.register(OldUrlRedirect)
class OldUrlRedirectAdmin(TownshipScopedAdmin):
    write_scope = "manage"  # the county's or the township's administrators
    list_display = ["old_path", "item", "township", "created_at"]
    list_filter = [("township", ReadableTownshipFilter)]
    list_select_related = ["item", "township"]
    search_fields = ["old_path", "item__title", "item__index_no"]
    readonly_fields = ["township", "old_path", "item", "created_at"]
    change_list_template = "admin/disclosure/oldurlredirect/change_list.html"

    def has_add_permission(self, request):
        return False  # through the mapping upload, checked against the township

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_change_permission(request, obj)

    def get_urls(self):
        return [path("upload/", self.admin_site.admin_view(self.upload_view),
                     name="disclosure_oldurlredirect_upload"), *super().get_urls()]

    def upload_view(self, request):
        townships = self.scoped_choices(request, Township)
        if not self._may_write(request) or not townships.exists():
            raise PermissionDenied
        form = RedirectUploadForm(request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _t("导入旧网址对照表"), "form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = oldsite.read_redirect_mapping(upload.name, upload.read())
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                checked = oldsite.check_redirects(rows, townships)
                saved = (oldsite.save_redirects(checked) if form.cleaned_data["save"]
                         else None)
                context.update({"checked": checked, "saved": saved,
                                "ok": sum(1 for r in checked if not r.errors)})
        return TemplateResponse(request, "admin/disclosure/oldurlredirect/upload.html", context)
