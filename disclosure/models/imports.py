"""A Word/WPS document imported into an item body (disclosure/docimport.py).

The row keeps the uploaded file, the cleaned body, what was recognised in the document
(标题, 文号, 成文日期, 发布机构, 主题词: suggestions the author confirms on the item form) and
the import report (paragraphs, cells and images kept, what was left out and why). It is
applied to an item when the author saves the item form opened from it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"imports/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class DocumentImport(models.Model):
    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="document_imports", verbose_name=_("乡镇"))
    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="document_imports",
                             verbose_name=_("导入到的信息"))
    file = models.FileField(_("原文件"), upload_to=import_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    extension = models.CharField(_("类型"), max_length=10)
    body = models.TextField(_("导入的正文"), blank=True)
    suggestions = models.JSONField(_("识别出的元数据"), default=dict, blank=True)
    report = models.JSONField(_("导入情况"), default=dict, blank=True)
    attach_original = models.BooleanField(_("同时作为附件"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("导入人"))
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    applied_at = models.DateTimeField(_("采用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("文档导入")
        verbose_name_plural = _("文档导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
